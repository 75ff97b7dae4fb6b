"""A started core for the tests that drive it without a window: what the core posts
for the GUI thread waits in a queue until the test turns the loop."""

from __future__ import annotations

import queue
from collections.abc import Callable
from datetime import datetime

from kiosk.core import KioskCore
from kiosk.settings.model import Settings

TURN_LIMIT_S = 20  # how long one turn waits for posted work before the test fails


class TurnedCore:
    def __init__(self, settings: Settings, clock: Callable[[], datetime]) -> None:
        self.posted: queue.Queue[Callable[[], None]] = queue.Queue()
        self.core = KioskCore(settings, clock=clock, post=self.posted.put)
        self.core.start()

    def turn_until(self, condition: Callable[[], bool]) -> None:
        """Run posted work, as the GUI thread would, until `condition` holds."""
        while not condition():
            self.posted.get(timeout=TURN_LIMIT_S)()
