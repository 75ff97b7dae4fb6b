"""Which devices this kiosk has and how to open them; their events go to a listener.

The ID-card reader and the receipt printer are on every kiosk; the scanner, the
badge reader and the A4 printer only where the settings name their port, reader
or CUPS queue. pyscard
and the card profiles load only where a badge reader is fitted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from drivers.idcard import IdCardReader
from drivers.printer import PrinterMonitor
from drivers.scanner import ScannerEvent, ScannerReader
from drivers.status import UNKNOWN, DeviceStatus
from kiosk.settings.model import Settings

if TYPE_CHECKING:  # pyscard and the card profiles load only where a badge reader is fitted
    from drivers.smartcard import SmartCardEvent, SmartCardReader


class DeviceListener(Protocol):
    """Hears every device's events, on that device's thread."""

    def on_idcard(self, event: Any) -> None: ...

    def on_printer_status(self, status: DeviceStatus) -> None: ...

    def on_a4_status(self, status: DeviceStatus) -> None: ...

    def on_scanner(self, event: ScannerEvent) -> None: ...

    def on_badge_reader(self, event: SmartCardEvent) -> None: ...


def _open_scanner(settings: Settings,
                  on_event: Callable[[ScannerEvent], None]) -> ScannerReader | None:
    scanner = settings.scanner
    if not scanner.port:
        return None
    return ScannerReader(scanner.port, on_event, baudrate=scanner.baudrate,
                         suffix=scanner.suffix, prefix=scanner.prefix)


def _open_badge_reader(settings: Settings,
                       on_event: Callable[[SmartCardEvent], None]) -> SmartCardReader | None:
    wanted = settings.technician.badge_reader
    if not wanted:
        return None
    from drivers.smartcard import SmartCardReader

    return SmartCardReader(wanted, on_event)


class Devices:
    """The reader, the printer's monitor, and the scanner, badge reader and A4 printer's
    monitor if fitted."""

    def __init__(self, settings: Settings, read_printer: Callable[[], DeviceStatus],
                 listener: DeviceListener,
                 read_a4: Callable[[], DeviceStatus] | None = None) -> None:
        """`read_printer` asks the receipt printer how it is (from the monitor's thread),
        `read_a4` the A4 printer's CUPS queue, where one is fitted."""
        self.reader = IdCardReader(settings.idcard.port, baud=settings.idcard.baud,
                                   poll_interval=settings.idcard.poll_interval_s,
                                   on_event=listener.on_idcard)
        self.printer_monitor = PrinterMonitor(read_printer, listener.on_printer_status,
                                              interval=settings.printer.status_interval_s)
        self.scanner = _open_scanner(settings, listener.on_scanner)
        self.badge_reader = _open_badge_reader(settings, listener.on_badge_reader)
        self.a4_monitor = None if read_a4 is None else PrinterMonitor(
            read_a4, listener.on_a4_status, interval=settings.a4_printer.status_interval_s)

    @property
    def printer(self) -> DeviceStatus:
        """The printer as last polled; unknown before the first poll."""
        return self.printer_monitor.last or UNKNOWN

    @property
    def a4_printer(self) -> DeviceStatus | None:
        """The A4 printer's queue as last polled; None where no A4 printer is fitted."""
        if self.a4_monitor is None:
            return None
        return self.a4_monitor.last or UNKNOWN

    def start(self) -> None:
        self.reader.start()
        self.printer_monitor.start()
        if self.a4_monitor is not None:
            self.a4_monitor.start()
        if self.scanner is not None:
            self.scanner.start()
        if self.badge_reader is not None:
            self.badge_reader.start()

    def stop(self) -> None:
        if self.scanner is not None:
            self.scanner.stop()
        if self.badge_reader is not None:
            self.badge_reader.stop()
        self.reader.stop()
        self.printer_monitor.stop()
        if self.a4_monitor is not None:
            self.a4_monitor.stop()
