"""The kiosk's receipt printer as its settings describe it, and its test page.

The running kiosk, `kiosk print-test`, provisioning's slip and `kiosk doctor`
all open the same printer and the first three print the same page; one place
builds both, so a new printer setting reaches all of them at once.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from drivers.printer import PrintDocument, PrinterProfile
from kiosk.printing.receipts import printer_test_page
from kiosk.settings.model import Settings
from kiosk.uplink.credentials import Credentials

if TYPE_CHECKING:  # python-escpos configures the root logger on import: not before `run` does
    from drivers.printer import ReceiptPrinter


def open_printer(settings: Settings) -> ReceiptPrinter:
    """The kiosk's receipt printer; nothing is opened until it is first used."""
    from drivers.printer import ReceiptPrinter

    printer = settings.printer
    return ReceiptPrinter(printer.url, PrinterProfile(paper_width_mm=printer.paper_width_mm,
                                                      encoding=printer.encoding),
                          status_policy=printer.status_policy)


def site_name(credentials: Credentials | None) -> dict[str, str] | str:
    """Blank on a kiosk not provisioned yet: the test page is for exactly such kiosks too."""
    return credentials.site.get("name", "") if credentials else ""


def test_page(settings: Settings, credentials: Credentials | None, printer: ReceiptPrinter,
              printed_at: datetime, locale: str | None = None) -> PrintDocument:
    """The page that names the kiosk and its printer settings (also the provisioning slip)."""
    return printer_test_page(
        locale=locale or settings.ui.language, site_name=site_name(credentials),
        device_id=credentials.device_id if credentials else None,
        serial_number=settings.device.serial_number, printer_url=printer.url,
        profile=printer.profile, printed_at=printed_at)
