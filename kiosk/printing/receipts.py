"""Receipts the kiosk prints, built in the visit's language.

The flow and the result screen import from here: the four templates, and
`preview_pixels` for showing on screen exactly what the printer will print
(`render_preview`, the same as a PNG, for pictures kept in files);
`kiosk print-test` the technician's test page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drivers.printer import PrintDocument, PrinterProfile
from kiosk.printing.templates import (
    a4_document_slip,
    printer_test_page,
    query_document,
    queue_ticket,
    rating_thanks,
    submission_receipt,
)
from kiosk.printing.texts import LOCALES, ReceiptError

if TYPE_CHECKING:
    from drivers.printer import GreyPicture


def render_preview(doc: PrintDocument, profile: PrinterProfile | None = None) -> bytes:
    """PNG of `doc` as this kiosk's printer lays it out (pass the configured profile)."""
    from drivers.printer import render  # Pillow and qrcode: not before the first frame

    return render(doc, profile)


def preview_pixels(doc: PrintDocument, profile: PrinterProfile | None = None) -> GreyPicture:
    """`doc` as this kiosk's printer lays it out, one grey byte a pixel, for the screen."""
    from drivers.printer import render_grey  # Pillow and qrcode: not before the first frame

    return render_grey(doc, profile)


__all__ = [
    "LOCALES",
    "ReceiptError",
    "a4_document_slip",
    "preview_pixels",
    "printer_test_page",
    "query_document",
    "queue_ticket",
    "rating_thanks",
    "render_preview",
    "submission_receipt",
]
