"""Handing a verified A4 document to the A4 printer, behind one small interface.

The CUPS driver comes in its own package (drivers.a4, wired as CupsA4Output);
the visit only needs to know whether an A4 printer is ready (and if not, why,
in a message code a citizen can read) and to give it a document the kiosk
verified. A kiosk whose settings name no A4 queue has `NoA4Printer`, a real
state and not a pretend success: items printed on A4 are then unavailable,
with the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from kiosk.uplink.documents import VerifiedDocument
from kiosk.uplink.online import Post

log = logging.getLogger(__name__)

NOT_FITTED = "a4_not_fitted"


@dataclass(frozen=True)
class A4Outcome:
    """How one document's printing ended; `detail` is for the technician, not the citizen."""

    printed: bool
    detail: str = ""


class A4Output(Protocol):
    """An A4 printer the kiosk can hand a verified document to (the CUPS driver's)."""

    def not_ready(self) -> str | None:
        """None when a document can be printed now, else the message code of why not."""

    def print_document(self, document: VerifiedDocument) -> A4Outcome:
        """Print `document` and wait for the job to end (called off the GUI thread)."""


class NoA4Printer:
    """The kiosk has no A4 printer: it says so, and prints nothing."""

    def not_ready(self) -> str | None:
        return NOT_FITTED

    def print_document(self, document: VerifiedDocument) -> A4Outcome:
        return A4Outcome(False, "no A4 printer fitted")


class A4Jobs:
    """Runs A4 jobs one at a time off the GUI thread; outcomes come back through `post`."""

    def __init__(self, output: A4Output, post: Post) -> None:
        self.output = output
        self._post = post
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="a4")

    def submit(self, document: VerifiedDocument, done: Callable[[A4Outcome], None]) -> None:
        self._pool.submit(self._run, document, done)

    def _run(self, document: VerifiedDocument, done: Callable[[A4Outcome], None]) -> None:
        try:
            outcome = self.output.print_document(document)
        except Exception as exc:  # a bug in one job must not leave the citizen waiting
            log.exception("a4: job failed unexpectedly")
            outcome = A4Outcome(False, f"A4 printer fault ({type(exc).__name__})")
        self._post(lambda: done(outcome))

    def stop(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
