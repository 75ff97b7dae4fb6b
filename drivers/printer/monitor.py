"""Watching the printer between receipts.

Paper runs out while nobody prints; the core should grey out "print" and the
heartbeat should tell the technician before the next citizen finds out. A
thread polls status at an interval and reports only changes, so the core gets
one event per transition instead of one per poll. The wait between polls is
injectable so tests step the loop instead of sleeping.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from drivers.status import DeviceState, DeviceStatus

Wait = Callable[[float], bool]
log = logging.getLogger(__name__)


class PrinterMonitor:
    def __init__(
        self,
        read_status: Callable[[], DeviceStatus],
        on_status: Callable[[DeviceStatus], None],
        *,
        interval: float = 10.0,
        wait: Wait | None = None,
    ) -> None:
        """Poll `read_status` (e.g. `ReceiptPrinter.read_status`) every `interval` s.

        `wait(seconds)` pauses between polls and returns True when polling should end,
        as `threading.Event.wait` does; the default is the stop event's wait.
        """
        self._read_status = read_status
        self._on_status = on_status
        self._interval = interval
        self._stop = threading.Event()
        self._wait: Wait = wait or self._stop.wait
        self._last: DeviceStatus | None = None
        self._thread: threading.Thread | None = None

    @property
    def last(self) -> DeviceStatus | None:
        return self._last

    def poll_once(self) -> DeviceStatus:
        """Read status now and report it if it changed; a failing read is reported offline."""
        try:
            status = self._read_status()
        except Exception as exc:  # a monitor that dies silently is worse than any error
            status = DeviceStatus(DeviceState.OFFLINE, f"status read failed: {exc}")
        if status != self._last:
            self._last = status
            self._on_status(status)
        return status

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
            except Exception:
                log.exception("the printer status callback failed; monitoring goes on")
            if self._wait(self._interval):
                return

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("PrinterMonitor already started")
        self._thread = threading.Thread(target=self._run, name="printer-monitor", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
