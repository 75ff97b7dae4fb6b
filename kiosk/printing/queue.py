"""The print queue: one job at a time, off the GUI thread.

A receipt printer can take seconds to answer, or none at all when its cable is
out; the screen must not freeze meanwhile, so jobs wait here and their outcome
comes back on the GUI thread. The test page goes the same way, whether a
technician or the central asked for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from drivers.printer import PrintDocument, PrinterError
from kiosk.printing.one_at_a_time import OneAtATime
from kiosk.printing.printer import test_page
from kiosk.settings.model import Settings
from kiosk.uplink.credentials import Credentials
from kiosk.uplink.online import Post

if TYPE_CHECKING:  # opened by kiosk.printing.printer, which loads python-escpos only when asked
    from drivers.printer import ReceiptPrinter

log = logging.getLogger(__name__)


class PrintQueue(OneAtATime[PrintDocument]):
    """Prints one receipt at a time off the GUI thread and reports back through `post`."""

    def __init__(self, printer: ReceiptPrinter, post: Post) -> None:
        def print_receipt(doc: PrintDocument) -> str:
            printer.print(doc)
            return ""

        super().__init__(print_receipt, PrinterError, name="printer", post=post)


class TestPages:
    """The test page, sent to the queue with a journal line of how it went."""

    __test__ = False  # not a pytest class, whatever its name

    def __init__(self, settings: Settings, credentials: Credentials, printer: ReceiptPrinter,
                 prints: PrintQueue, clock: Callable[[], datetime]) -> None:
        self._settings = settings
        self._credentials = credentials
        self._printer = printer
        self._prints = prints
        self._clock = clock

    def send(self, why: str) -> None:
        """Print the test page; `why` names who asked, in the journal."""
        page = test_page(self._settings, self._credentials, self._printer, self._clock())
        self._prints.submit(page, lambda ok, detail: log.info(
            "%s: %s", why, "printed" if ok else f"failed: {detail}"))
