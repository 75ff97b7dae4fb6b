"""The A4 printer's queue: one document at a time, off the GUI thread.

CUPS takes seconds to render and print a page, and a job is followed until it
completed or its time ran out (minutes): the screen must not freeze meanwhile,
so documents wait here, each one a PDF and its job title, and their outcome
comes back on the GUI thread, as the receipts' PrintQueue does. The A4 test
page goes the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from drivers.a4 import A4Error, A4Printer
from kiosk.printing.a4_printer import a4_test_page
from kiosk.printing.one_at_a_time import Done, OneAtATime
from kiosk.settings.model import Settings
from kiosk.uplink.credentials import Credentials
from kiosk.uplink.online import Post

log = logging.getLogger(__name__)



class A4Queue(OneAtATime[tuple[bytes, str]]):
    """Prints one PDF at a time on the A4 printer and reports back through `post`."""

    def __init__(self, printer: A4Printer, post: Post) -> None:
        self.printer = printer

        def print_pdf(job: tuple[bytes, str]) -> str:
            printed = printer.print_pdf(*job)
            return f"job {printed.job_id} completed in {printed.seconds:.1f} s"

        super().__init__(print_pdf, A4Error, name="a4-printer", post=post)


class A4TestPages:
    """The A4 test page, sent to the A4 queue with a journal line of how it went."""

    __test__ = False  # not a pytest class, whatever its name

    def __init__(self, settings: Settings, credentials: Credentials | None, a4: A4Queue | None,
                 clock: Callable[[], datetime]) -> None:
        self._settings = settings
        self._credentials = credentials
        self._a4 = a4
        self._clock = clock

    def send(self, why: str, done: Done | None = None) -> str | None:
        """Print the A4 test page; `why` names who asked, in the journal. Returns the queue
        it went to, for the technician, or None when the kiosk has no A4 printer; `done`
        hears how the job ended."""
        if self._a4 is None:
            return None
        page = a4_test_page(self._settings, self._credentials, self._clock())

        def ended(ok: bool, detail: str) -> None:
            log.info("%s: %s", why, f"printed ({detail})" if ok else f"failed: {detail}")
            if done is not None:
                done(ok, detail)

        self._a4.submit((page, "A4 test page"), ended)
        return self._a4.printer.where
