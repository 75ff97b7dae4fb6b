"""The print queue: one job at a time, off the GUI thread.

A receipt printer can take seconds to answer, or none at all when its cable is
out; the screen must not freeze meanwhile, so jobs wait here and their outcome
comes back on the GUI thread. The test page goes the same way, whether a
technician or the central asked for it.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from drivers.printer import PrintDocument, PrinterError
from kiosk.printing.printer import test_page
from kiosk.settings.model import Settings
from kiosk.uplink.credentials import Credentials
from kiosk.uplink.online import Post
from kiosk.worker import Worker

if TYPE_CHECKING:  # opened by kiosk.printing.printer, which loads python-escpos only when asked
    from drivers.printer import ReceiptPrinter

log = logging.getLogger(__name__)


class PrintQueue:
    """Prints one job at a time off the GUI thread and reports back through `post`."""

    def __init__(self, printer: ReceiptPrinter, post: Post) -> None:
        self._printer = printer
        self._post = post
        self._jobs: queue.Queue[tuple[PrintDocument, Callable[[bool, str], None]] | None] = \
            queue.Queue()
        self._worker = Worker(self._run, "printer")
        self._worker.start()

    def submit(self, doc: PrintDocument, done: Callable[[bool, str], None]) -> None:
        self._jobs.put((doc, done))

    @property
    def alive(self) -> bool:
        return self._worker.alive

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            doc, done = job
            try:
                self._printer.print(doc)
                ok, detail = True, ""
            except PrinterError as exc:  # paper out and unplugged too, not only a failed job
                log.warning("printer: job failed: %s", exc)
                ok, detail = False, str(exc)
            except Exception as exc:  # a bug in one job must not leave the next citizen waiting
                log.exception("printer: job failed unexpectedly")
                ok, detail = False, f"printer fault ({type(exc).__name__})"
            self._post(lambda d=done, o=ok, t=detail: d(o, t))

    def stop(self) -> None:
        self._jobs.put(None)
        self._worker.join(timeout=10)


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
