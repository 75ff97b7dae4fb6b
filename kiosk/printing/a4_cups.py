"""The A4Output a visit prints its verified document through: the CUPS driver.

The visit asks two things of an A4 printer: whether a document can go out now
(asked on the GUI thread, so it reads the status the A4 printer's monitor last
polled, never CUPS itself), and to print a verified document and wait for the
job to end (on the A4 jobs' thread). A job CUPS did not complete is a failed
outcome with the driver's reason for the technician; the driver has already
cancelled it, so the certificate never comes out later.
"""

from __future__ import annotations

from collections.abc import Callable

from drivers.a4 import A4Error, A4Printer
from drivers.status import DeviceStatus
from kiosk.printing.a4 import A4Outcome
from kiosk.uplink.documents import VerifiedDocument

NOT_READY = "a4_not_ready"


class CupsA4Output:
    """An `A4Output` on a CUPS queue; `status()` is the queue as last polled."""

    def __init__(self, printer: A4Printer, status: Callable[[], DeviceStatus | None]) -> None:
        self.printer = printer
        self._status = status

    def not_ready(self) -> str | None:
        status = self._status()
        return None if status is not None and status.usable else NOT_READY

    def print_document(self, document: VerifiedDocument) -> A4Outcome:
        try:
            job = self.printer.print_pdf(document.pdf, f"document {document.document_no}")
        except A4Error as exc:
            return A4Outcome(False, str(exc))
        return A4Outcome(True, f"job {job.job_id} completed in {job.seconds:.1f} s")
