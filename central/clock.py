"""The server's notion of "now", injectable so tests move time instead of waiting for it.

Every time the server hands out is China Standard Time with an explicit offset,
as the contract requires RFC 3339 with offset.
"""

from __future__ import annotations

import re
import threading
from datetime import date, datetime, timedelta, timezone
from typing import Protocol

CHINA_TZ = timezone(timedelta(hours=8), "CST")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, whole seconds."""
        ...

    def advance(self, seconds: float) -> None:
        """Move this clock forward (the admin API's way to skip waiting)."""
        ...


class SystemClock:
    """Wall-clock time plus an offset that the admin API may push forward."""

    def __init__(self) -> None:
        self._offset = timedelta()
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            offset = self._offset
        return (datetime.now(CHINA_TZ) + offset).replace(microsecond=0)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += timedelta(seconds=seconds)


class ManualClock:
    """A clock that moves only when told to: for tests."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start time")
        self._now = start.astimezone(CHINA_TZ).replace(microsecond=0)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += timedelta(seconds=seconds)


def rfc3339(moment: datetime) -> str:
    """Format an aware time as RFC 3339 in China Standard Time, e.g. 2026-11-23T09:30:00+08:00."""
    return moment.astimezone(CHINA_TZ).replace(microsecond=0).isoformat()


def parse_rfc3339(text: str) -> datetime:
    """Read back a time this server stored with `rfc3339`."""
    return datetime.fromisoformat(text).astimezone(CHINA_TZ)


def parse_full_date(text: str) -> date | None:
    """The calendar day written exactly YYYY-MM-DD (the contract's `format: date`), else None.

    Python also reads ISO week dates and compact forms; the contract does not.
    """
    if not _FULL_DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
