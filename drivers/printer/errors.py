"""Printer failures the core must tell apart.

"Paper out, refuse before printing" leads the citizen to another kiosk;
"the job broke half way" means the receipt may be torn and should be offered
again; "no such printer" is a technician's problem. One base class for the
caller that only wants to know "no receipt", subclasses for the ones that act.
"""

from __future__ import annotations

from drivers.status import DeviceStatus


class PrinterError(Exception):
    """Any failure to print a receipt."""


class PrinterUrlError(PrinterError, ValueError):
    """The printer URL in the settings cannot be used; the message says the accepted forms."""


class PrinterUnavailable(PrinterError):
    """The printer cannot be reached or opened (unplugged, wrong address, driver missing)."""


class TransportError(PrinterError):
    """The connection broke while talking to the printer."""


class PrinterNotReady(PrinterError):
    """The printer's status forbids printing (paper out, cover open, offline); nothing was sent."""

    def __init__(self, status: DeviceStatus) -> None:
        super().__init__(f"printer not ready: {status.state.value} ({status.detail})")
        self.status = status


class PrintError(PrinterError):
    """The job failed after printing began; the receipt may be incomplete and can be re-sent."""
