"""When a kiosk out of service expects to be back, if it knows.

The central's `out_of_service` command has free-form args; the kiosk reads an
optional `until`, an RFC 3339 date-time: the central knows when its own
maintenance ends. A technician at the kiosk picks one of a few times instead
(kiosk.service.out_of_service), held to the same checks. A citizen plans the
trip back by it, so only a time the kiosk can stand behind is shown: a time
without an offset could be any of a day's zones, one already past says
nothing, and one more than a week ahead is more likely a typing slip than a
plan. Any of those is logged and left out; the page then says only that the
kiosk is out of service.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from kiosk.visit.messages import say

log = logging.getLogger(__name__)

# the furthest ahead a "back at" is believed
MAX_AHEAD = timedelta(days=7)
# English month names, whatever the machine's locale
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def back_at(until: object, now: datetime) -> datetime | None:
    """`until` as a time to show, or None (nothing given, or a time not to trust, logged)."""
    if until is None:
        return None
    when = _moment(until)
    if when is None:
        log.warning("out of service: until %r is not an RFC 3339 date-time with an offset; "
                    "no time is shown", until)
        return None
    if when <= now:
        log.warning("out of service: until %s has passed already; no time is shown",
                    when.isoformat())
        return None
    if when - now > MAX_AHEAD:
        log.warning("out of service: until %s is more than %d days ahead; no time is shown",
                    when.isoformat(), MAX_AHEAD.days)
        return None
    return when


def _moment(until: object) -> datetime | None:
    """An instant: a date and a time with its UTC offset, as RFC 3339 writes them (the
    central's command), or as the technician's choice was reckoned on the kiosk's clock."""
    if isinstance(until, datetime):
        return until if until.utcoffset() is not None else None
    if not isinstance(until, str) or "T" not in until.upper():
        return None
    try:
        when = datetime.fromisoformat(until)
    except ValueError:
        return None
    return when if when.utcoffset() is not None else None


def say_back_at(when: datetime, now: datetime, locale: str) -> str:
    """The page's line for `when`, on the site's wall clock (`now`'s zone): the time
    alone today, else with its date."""
    local = when.astimezone(now.tzinfo)
    if local.date() == now.date():
        return say("back_at_today", locale, time=f"{local:%H:%M}")
    return say("back_at_day", locale, time=f"{local:%H:%M}", day=local.day,
               month=local.month, month_name=MONTHS[local.month - 1])
