"""Conversions between aware datetimes and the integers the database orders by.

Times are stored twice where it matters: as RFC 3339 text (keeps the offset the
kiosk's clock gave, for receipts and exports) and as integer microseconds since
the Unix epoch (exact comparisons and indexes, no float rounding).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def require_aware(moment: datetime, what: str) -> datetime:
    """`moment` unchanged, or ValueError if it has no UTC offset."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime")
    return moment


def to_micros(moment: datetime) -> int:
    """Microseconds since the epoch of an aware datetime."""
    return (require_aware(moment, "time") - _EPOCH) // _MICROSECOND


def from_micros(micros: int) -> datetime:
    """The aware UTC datetime of a value made by `to_micros`."""
    return _EPOCH + micros * _MICROSECOND
