"""How clean the serial line to the reader is, from the answers it carried.

A long RS-232 cable in a busy hall corrupts a frame now and then; the driver
asks again and the citizen never notices. A technician should notice, though,
before the line gets bad enough to cost reads: this keeps the fate of the
latest answers and says "degraded (line errors)" when too many were damaged.
"""

from __future__ import annotations

from collections import deque

from drivers.status import DeviceState, DeviceStatus

WINDOW = 50
"""Answers remembered."""
LIMIT = 5
"""Damaged answers among the remembered ones that are still noise (10 %); one more is not."""
LINE_ERRORS = DeviceStatus(DeviceState.DEGRADED, "line errors")


class LineHealth:
    """The fate of the last `window` answers: whole, or damaged on the way."""

    def __init__(self, window: int = WINDOW, limit: int = LIMIT) -> None:
        self._recent: deque[bool] = deque(maxlen=window)
        self._limit = limit

    def record(self, *, damaged: bool) -> None:
        self._recent.append(damaged)

    @property
    def answers(self) -> int:
        return len(self._recent)

    @property
    def damaged(self) -> int:
        return sum(self._recent)

    @property
    def degraded(self) -> bool:
        return self.damaged > self._limit

    def status(self) -> DeviceStatus:
        """"degraded (line errors)" when too many recent answers were damaged, else "ok"."""
        return LINE_ERRORS if self.degraded else DeviceStatus(DeviceState.OK)

    def describe(self) -> str:
        """For a technician: "3 of 50 answers damaged"."""
        return f"{self.damaged} of {self.answers} answers damaged"
