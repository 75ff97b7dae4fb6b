"""How long a screen waits for the citizen before the visit ends by itself.

A kiosk in a public hall must never keep a walked-away citizen's visit on
screen; elderly mode gives more time, the result screen its own, and the last
stretch is counted down on screen so a citizen still there can touch to stay.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from kiosk.settings.model import UiSettings
from kiosk.visit.transitions import Screen

# Paying by phone takes a while (unlock, scan, confirm) and the screen is not touched
# meanwhile; the central's payment lasts longer still.
PAY_IDLE_S = 300.0


class IdleTimer:
    def __init__(self, ui: UiSettings, clock: Callable[[], datetime]) -> None:
        self._ui, self._clock = ui, clock
        self._deadline: datetime | None = None

    def _limit(self, screen: Screen, elderly: bool) -> float | None:
        if screen == Screen.ATTRACT:
            return None
        if screen == Screen.RESULT:
            return self._ui.result_timeout_s
        if screen == Screen.PAY:
            return PAY_IDLE_S
        return self._ui.elderly_idle_timeout_s if elderly else self._ui.idle_timeout_s

    def arm(self, screen: Screen, elderly: bool) -> None:
        """Start the time `screen` waits (none on the idle screen)."""
        limit = self._limit(screen, elderly)
        self._deadline = None if limit is None else self._clock() + timedelta(seconds=limit)

    def rearm(self, screen: Screen, elderly: bool) -> bool:
        """Start the time again if it is running; True when it was."""
        if self._deadline is None:
            return False
        self.arm(screen, elderly)
        return True

    def seconds_left(self) -> float | None:
        if self._deadline is None:
            return None
        return max(0.0, (self._deadline - self._clock()).total_seconds())

    def countdown(self) -> int | None:
        """Whole seconds to show in the last stretch before the visit ends, else None."""
        left = self.seconds_left()
        if left is None or left > self._ui.countdown_s:
            return None
        return int(left + 0.999)
