"""The kiosk's wall clock, told in the site's time zone.

Local time with its UTC offset: the spool numbers references by the local
day, and the contract wants times with an offset. Everything that needs "now"
is handed this function (or a test's clock), never calls datetime itself.

The operating system's zone is not the site's: a cabinet set up in UTC, or a
test's clock, would otherwise print receipts eight hours off the certificates
the central issues in China time. So the core tells every time in the zone the
settings name (`in_zone`), and what the central sends is shown in the same zone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Clock = Callable[[], datetime]


def local_now() -> datetime:
    return datetime.now().astimezone()


def zone_problem(name: str) -> str | None:
    """Why `name` is not a time zone this machine knows, or None when it is one."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return (f"{name!r} is not a time zone this machine knows; use an IANA name "
                "such as Asia/Shanghai (the tzdata package holds them)")
    return None


def site_zone(name: str) -> tzinfo:
    """The zone `name` names (checked by the settings before it gets here)."""
    return ZoneInfo(name)


def in_zone(clock: Clock, zone: tzinfo) -> Clock:
    """`clock`'s instants told in `zone`: the same moments, the site's wall time."""
    return lambda: clock().astimezone(zone)


def shown_in(moment: datetime, zone: tzinfo | None) -> datetime:
    """`moment` as the site's wall time (`zone`, e.g. the visit clock's), for a screen or a
    receipt; a time without an offset is taken to be in that zone already."""
    if zone is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(zone)
