"""The bounded-offline gate: when to stop accepting new submissions.

A kiosk that keeps taking submissions while it cannot deliver them ends with
a full disk (and then cannot even write the receipt's promise) or with
citizens waiting weeks for a case that was never opened. Like MOSIP's
registration client, it refuses new work early, with a reason the UI can
translate, instead of failing late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

DISK_LOW = "disk_low"
BACKLOG_FULL = "backlog_full"
OFFLINE_TOO_LONG = "offline_too_long"


@dataclass(frozen=True)
class GateLimits:
    """Limits of the gate, plus how long delivered payloads are kept.

    Defaults match config/defaults.toml [spool].
    """

    min_free_bytes: int = 200 * 1024 * 1024
    max_backlog: int = 5000
    max_offline: timedelta = timedelta(hours=72)
    retention: timedelta = timedelta(days=7)

    def __post_init__(self) -> None:
        if self.min_free_bytes < 0 or self.max_backlog < 1:
            raise ValueError("min_free_bytes must be >= 0 and max_backlog >= 1")
        if self.max_offline <= timedelta(0) or self.retention <= timedelta(0):
            raise ValueError("max_offline and retention must be positive")


@dataclass(frozen=True)
class GateVerdict:
    """`open` or not; when closed, `reason` is one of the stable codes above."""

    open: bool
    reason: str | None
    detail: str


def judge(limits: GateLimits, *, backlog: int, oldest: datetime | None, free_bytes: int,
          now: datetime) -> GateVerdict:
    """Decide the gate from the undelivered count, the oldest undelivered entry's creation time
    and the free disk; the first limit crossed is the reason."""
    if free_bytes < limits.min_free_bytes:
        return GateVerdict(False, DISK_LOW,
                           f"{free_bytes} bytes free, floor is {limits.min_free_bytes}")
    if backlog >= limits.max_backlog:
        return GateVerdict(False, BACKLOG_FULL,
                           f"{backlog} undelivered, limit is {limits.max_backlog}")
    if oldest is not None and now - oldest > limits.max_offline:
        return GateVerdict(False, OFFLINE_TOO_LONG,
                           f"oldest undelivered is {now - oldest} old, limit {limits.max_offline}")
    return GateVerdict(True, None, f"{backlog} undelivered, {free_bytes} bytes free")
