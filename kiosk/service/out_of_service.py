"""The times a technician picks from when taking the kiosk out of service.

A technician with the kiosk's door open has a screwdriver in one hand and no
wish to type a date: a few large choices cover what they know ("half an hour",
"until the hall opens tomorrow", "no idea"). The choice is reckoned into a time
on the kiosk's clock once, when it is made, and the citizen's page then says
that time (kiosk.visit.back_at), or none.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Protocol

# who gives an out-of-service order; each lifts only its own (kiosk.visit.service_orders)
CENTRAL, TECHNICIAN = "central", "technician"
# each choice's name, as the technician screen's buttons and the audit log know it
IN_30_MIN, IN_1_H, IN_2_H, AT_OPENING, NOT_KNOWN = "30m", "1h", "2h", "opening", "unknown"
CHOICES = (IN_30_MIN, IN_1_H, IN_2_H, AT_OPENING, NOT_KNOWN)
_AHEAD = {IN_30_MIN: timedelta(minutes=30), IN_1_H: timedelta(hours=1),
          IN_2_H: timedelta(hours=2)}


def back_at(choice: str, now: datetime, opens: time) -> datetime | None:
    """When the kiosk is expected back for `choice`, made at `now` (the site's clock);
    AT_OPENING is the hall's next opening at `opens`, tomorrow's when today's passed."""
    if choice in _AHEAD:
        return now + _AHEAD[choice]
    if choice == AT_OPENING:
        day = now.date() if datetime.combine(now.date(), opens, now.tzinfo) > now \
            else now.date() + timedelta(days=1)
        return datetime.combine(day, opens, now.tzinfo)
    if choice == NOT_KNOWN:
        return None
    raise ValueError(f"the time back is one of {CHOICES}, not {choice!r}")


class ServiceSwitch(Protocol):
    """The visit flow's out-of-service orders, as the technician's desk uses them."""

    @property
    def out_of_service_by(self) -> tuple[str, ...]: ...

    def expected_back(self) -> datetime | None: ...

    def set_out_of_service(self, code: str | None, until: object = None,
                           by: str = CENTRAL) -> None: ...
