"""A part's one background thread: started once, and asked after by the watchdog.

Delivery, the heartbeat, the catalog's refresh and the wait between visits each
run on a thread of their own; KioskCore.healthy asks every one whether it still
runs, so that a thread that died is a restart by systemd, not a kiosk that
quietly stops delivering or refreshing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Worker:
    """A named daemon thread around `target`, made at start()."""

    def __init__(self, target: Callable[[], None], name: str) -> None:
        self._target = target
        self._name = name
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._target, name=self._name, daemon=True)
        self._thread.start()

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def join(self, timeout: float) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
