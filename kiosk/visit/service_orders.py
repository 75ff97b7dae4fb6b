"""Who has taken the kiosk out of service, and when each expects it back.

Two can: the central (its `out_of_service` command, or a token it refuses) and
a technician at the kiosk itself. Each lifts only its own order. A technician
with the kiosk's door open must not see it take citizens again because an
operator at the central, who cannot see the open door, sent `in_service`; and
a technician's "back in service" must not undo what the central decided for
reasons of its own (a maintenance of its own, a revoked token). The kiosk is in
service when no order stands.

The "back at" a citizen reads is the latest of the orders' times, and none when
any order gave no time, or when its time passed with the kiosk still out: a
time a citizen cannot plan by is not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.service.out_of_service import CENTRAL, TECHNICIAN

# the order in which the orders are named, and whose message code the page says
GIVERS = (TECHNICIAN, CENTRAL)


@dataclass(frozen=True)
class Order:
    code: str  # the message the idle screen says (kiosk.visit.messages)
    back_at: datetime | None  # when the giver expects the kiosk back, if it said


class ServiceOrders:
    """The out-of-service orders standing, at most one by giver."""

    def __init__(self) -> None:
        self._orders: dict[str, Order] = {}

    def give(self, by: str, order: Order) -> bool:
        """`by`'s order replaces its last; True when that changed anything."""
        if by not in GIVERS:
            raise ValueError(f"an out-of-service order is given by one of {GIVERS}, not {by!r}")
        changed = self._orders.get(by) != order
        self._orders[by] = order
        return changed

    def lift(self, by: str) -> bool:
        """`by`'s order is lifted (the others stand); True when it had one."""
        return self._orders.pop(by, None) is not None

    @property
    def given_by(self) -> tuple[str, ...]:
        return tuple(by for by in GIVERS if by in self._orders)

    @property
    def code(self) -> str | None:
        """The message the idle screen says, or None: the kiosk is in service."""
        return next((self._orders[by].code for by in self.given_by), None)

    def back_at(self, now: datetime) -> datetime | None:
        """When the kiosk expects to be back: when the last standing order ends, if every
        one of them said a time still ahead."""
        times = [order.back_at for order in self._orders.values()]
        if not times or any(when is None or when <= now for when in times):
            return None
        return max(when for when in times if when is not None)

    def forget_passed(self, now: datetime) -> bool:
        """Each order whose time passed keeps the kiosk out but says no time any more;
        True when one did."""
        passed = {by: order for by, order in self._orders.items()
                  if order.back_at is not None and order.back_at <= now}
        for by, order in passed.items():
            self._orders[by] = Order(order.code, None)
        return bool(passed)
