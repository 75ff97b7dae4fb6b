"""Receipt printers through python-escpos: the public face of the driver.

The core imports from here only. What needs python-escpos (the printer) or
Pillow and qrcode (the render of a receipt as an image) loads at first use,
not with the package: the kiosk's first frame comes before either.

python-escpos parses its printer database (about 0.2 s) at every import
unless it is told where to keep the parsed copy, and by default it keeps
it in a fresh temporary folder, so no start ever reuses it. Before any
module here imports it, point it at a cache that lasts: the unit's
CacheDirectory on a kiosk (set in kiosk.service), the user's cache elsewhere.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drivers.printer.document import (
    Block,
    Cut,
    Feed,
    Image,
    PrintDocument,
    Qr,
    Row,
    Rule,
    Text,
)
from drivers.printer.errors import PrinterError
from drivers.printer.layout import printable
from drivers.printer.monitor import PrinterMonitor
from drivers.printer.profile import PrinterProfile

if TYPE_CHECKING:
    from drivers.printer.picture import GreyPicture, render, render_grey
    from drivers.printer.printer import ReceiptPrinter

PICKLE_DIR = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def _keep_parsed_capabilities() -> None:
    if PICKLE_DIR in os.environ:
        return
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "kiosk" / "escpos"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # no writable cache: python-escpos parses at every start, as it would anyway
    os.environ[PICKLE_DIR] = str(folder)


_keep_parsed_capabilities()

_AT_FIRST_USE = {"ReceiptPrinter": "drivers.printer.printer", "render": "drivers.printer.picture",
                 "render_grey": "drivers.printer.picture",
                 "GreyPicture": "drivers.printer.picture"}

__all__ = [
    "Block",
    "Cut",
    "Feed",
    "GreyPicture",
    "Image",
    "PrintDocument",
    "PrinterError",
    "PrinterMonitor",
    "PrinterProfile",
    "Qr",
    "ReceiptPrinter",
    "Row",
    "Rule",
    "Text",
    "printable",
    "render",
    "render_grey",
]


def __getattr__(name: str) -> Any:
    if name in _AT_FIRST_USE:
        return getattr(importlib.import_module(_AT_FIRST_USE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
