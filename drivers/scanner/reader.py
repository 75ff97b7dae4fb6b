"""The serial QR/barcode scanner as a device with its own thread.

A citizen shows a receipt's QR code to look up a case; the core must get the
code as one event, and must hear when the scanner's USB-serial cable is
pulled -- and the scanner must come back by itself when it is plugged in
again, because nobody is there at night to restart the kiosk. The wait
between reconnection attempts and the clock for debouncing are injectable.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence

import serial

from drivers.scanner.framing import LineFramer, ScannerEvent, StatusChanged, Suffix
from drivers.status import UNKNOWN, DeviceState, DeviceStatus

log = logging.getLogger(__name__)
BACKOFF_S = (0.5, 1.0, 2.0, 5.0, 10.0)
# how an offline scanner's detail starts; the port's own error follows after ": "
NOT_CONNECTED = "not connected"  # the port could not be opened
DISCONNECTED = "disconnected"  # the port was open and went away


class ScannerReader:
    def __init__(
        self,
        port: str,
        on_event: Callable[[ScannerEvent], None],
        *,
        baudrate: int = 9600,
        suffix: Suffix = "CR",
        prefix: str = "",
        max_length: int = 512,
        debounce_s: float = 1.0,
        encoding: str = "utf-8",
        clock: Callable[[], float] = time.monotonic,
        wait: Callable[[float], bool] | None = None,
        backoff_s: Sequence[float] = BACKOFF_S,
    ) -> None:
        """Read codes from the serial `port`; events go to `on_event` on the reader's thread.

        `wait(seconds)` pauses between reconnection attempts and returns True when the
        reader should end, as `threading.Event.wait` does (the default: the stop event's).
        """
        self.port = port
        self._on_event = on_event
        self._baudrate = baudrate
        self._framer = LineFramer(
            suffix=suffix,
            prefix=prefix,
            max_length=max_length,
            debounce_s=debounce_s,
            encoding=encoding,
        )
        self._clock = clock
        self._stop = threading.Event()
        self._wait = wait or self._stop.wait
        self._backoff = tuple(backoff_s) or BACKOFF_S
        self._serial: serial.Serial | None = None
        self._status = UNKNOWN
        self._thread: threading.Thread | None = None

    @property
    def status(self) -> DeviceStatus:
        return self._status

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("ScannerReader already started")
        self._thread = threading.Thread(target=self._run, name="scanner-reader", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        port = self._serial
        if port is not None:
            port.cancel_read()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _emit(self, event: ScannerEvent) -> None:
        try:
            self._on_event(event)
        except Exception:
            log.exception("the scanner event callback failed; reading goes on")

    def _set_status(self, status: DeviceStatus) -> None:
        if status != self._status:
            self._status = status
            self._emit(StatusChanged(status))

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            try:
                self._serial = serial.Serial(self.port, self._baudrate, timeout=None)
            except (serial.SerialException, OSError) as exc:
                self._set_status(DeviceStatus(DeviceState.OFFLINE, f"{NOT_CONNECTED}: {exc}"))
                if self._wait(self._backoff[min(attempt, len(self._backoff) - 1)]):
                    return
                attempt += 1
                continue
            attempt = 0
            self._set_status(DeviceStatus(DeviceState.OK))
            self._read_until_gone(self._serial)
            if not self._stop.is_set() and self._wait(self._backoff[0]):
                return  # a device that vanished gets a pause before the first retry

    def _read_until_gone(self, port: serial.Serial) -> None:
        try:
            while not self._stop.is_set():
                data = port.read(max(1, port.in_waiting))
                for event in self._framer.feed(data, self._clock()):
                    self._emit(event)
        except (serial.SerialException, OSError) as exc:
            self._set_status(DeviceStatus(DeviceState.OFFLINE, f"{DISCONNECTED}: {exc}"))
        finally:
            self._serial = None
            port.close()
