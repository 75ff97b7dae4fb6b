"""The A4 printer: a CUPS queue that a certificate's PDF is sent to and followed on.

Printing goes through pycups, CUPS's own client library (libcups) for Python:
the same calls as `lp` and `lpstat` make, so the kiosk sees the queue exactly
as a technician's tools do, and it streams the PDF from memory into the job
(Create-Job, then Send-Document), so a citizen's certificate is never written
to a temporary file of the kiosk's. IPP by hand would mean keeping an IPP
encoder of our own against the same cupsd; pycups is that encoder, kept by
OpenPrinting, and builds against Debian's libcups2-dev.

A job is followed until CUPS calls it completed. Anything else is a failure the
citizen is told of: a job that is stopped, aborted or still not completed when
its time is up is cancelled, because a queue that resumes later would print a
citizen's certificate into the hands of whoever stands there next. Time is
injected (a clock and a wait), so a test steps through a timeout without
sleeping. Each call opens its own connection: the status monitor and the print
run on different threads, and a connection is not shared between threads.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import cups

from drivers.a4.errors import A4JobFailed, A4JobTimedOut, A4NotReady, A4Rejected, A4Unavailable
from drivers.a4.queue_state import QueueState, device_status
from drivers.status import DeviceStatus

PENDING, HELD, PROCESSING, STOPPED, CANCELED, ABORTED, COMPLETED = range(3, 10)
"""IPP job-state values (RFC 8011 5.3.7)."""

_JOB_STATES = {PENDING: "pending", HELD: "held", PROCESSING: "processing", STOPPED: "stopped",
               CANCELED: "cancelled", ABORTED: "aborted", COMPLETED: "completed"}
_PRINTER_ATTRIBUTES = ["printer-state", "printer-state-reasons", "printer-is-accepting-jobs",
                       "printer-state-message"]
_JOB_ATTRIBUTES = ["job-state", "job-state-reasons", "job-printer-state-message"]
_NOT_FOUND = 0x0406  # IPP client-error-not-found
PDF = "application/pdf"


@dataclass(frozen=True)
class PrintedJob:
    """A job CUPS completed: its number and how long it took from the first byte sent."""

    job_id: int
    seconds: float


def _as_tuple(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value or ())


def _ipp_words(exc: Exception) -> str:
    """CUPS's own words for a failed request (pycups gives (status, message))."""
    args = getattr(exc, "args", ())
    if len(args) == 2 and isinstance(args[1], str):
        return args[1]
    return str(exc)


class A4Printer:
    """One CUPS queue: its status, and a PDF printed and followed to completion."""

    def __init__(self, queue: str, *, server: str = "", job_timeout_s: float = 120.0,
                 poll_s: float = 0.25, clock: Callable[[], float] = time.monotonic,
                 wait: Callable[[float], object] = time.sleep) -> None:
        """`server` is cupsd's domain socket or host:port; empty means CUPS's default
        (CUPS_SERVER, client.conf, else the local socket). `wait(seconds)` pauses between
        looks at a job; `clock()` measures the job's time against `job_timeout_s`."""
        self.queue = queue
        self.server = server
        self.job_timeout_s = job_timeout_s
        self.poll_s = poll_s
        self._clock = clock
        self._wait = wait

    @property
    def where(self) -> str:
        """The queue as a technician names it: "a4 on /run/cups/cups.sock"."""
        return f"{self.queue} on {self.server or cups.getServer()}"

    def _connect(self) -> Any:
        host, _, port = self.server.rpartition(":")
        try:
            if self.server and not self.server.startswith("/") and port.isdigit():
                return cups.Connection(host=host, port=int(port))
            return cups.Connection(host=self.server) if self.server else cups.Connection()
        except RuntimeError as exc:
            raise A4Unavailable(f"CUPS does not answer at {self.server or cups.getServer()}: "
                                f"{exc}") from None

    def queue_state(self) -> QueueState:
        """The queue's attributes now; A4Unavailable when CUPS or the queue is missing."""
        connection = self._connect()
        try:
            found = connection.getPrinterAttributes(self.queue,
                                                    requested_attributes=_PRINTER_ATTRIBUTES)
        except cups.IPPError as exc:
            if exc.args and exc.args[0] == _NOT_FOUND:
                raise A4Unavailable(f"CUPS has no queue named {self.queue!r} "
                                    f"(lpstat -p lists the queues)") from None
            raise A4Unavailable(f"{self.where}: {_ipp_words(exc)}") from None
        return QueueState(state=int(found.get("printer-state", 0)),
                          reasons=_as_tuple(found.get("printer-state-reasons")),
                          accepting=bool(found.get("printer-is-accepting-jobs", False)),
                          message=str(found.get("printer-state-message") or ""))

    def read_status(self) -> DeviceStatus:
        """The queue as a DeviceStatus; raises A4Unavailable (the monitor reports offline)."""
        return device_status(self.queue_state())

    def print_pdf(self, pdf: bytes, title: str) -> PrintedJob:
        """Print `pdf` and wait until CUPS completed it; raises an A4Error otherwise."""
        status = self.read_status()
        if not status.usable:
            raise A4NotReady(self.queue, status)
        connection = self._connect()
        started = self._clock()
        job_id = self._submit(connection, pdf, title)
        return PrintedJob(job_id, self._follow(connection, job_id, started))

    def _submit(self, connection: Any, pdf: bytes, title: str) -> int:
        try:
            job_id = connection.createJob(self.queue, title, {})
        except cups.IPPError as exc:
            raise A4Rejected(f"{self.where} refused the job: {_ipp_words(exc)}") from None
        try:
            connection.startDocument(self.queue, job_id, title, PDF, 1)
            connection.writeRequestData(pdf, len(pdf))
            answer = connection.finishDocument(self.queue)
        except (cups.IPPError, cups.HTTPError) as exc:
            answer = _ipp_words(exc)
        if answer != 0:  # IPP successful-ok
            self._cancel(connection, job_id)
            raise A4Rejected(f"{self.where} refused the document of job {job_id}: {answer}")
        return job_id

    def _follow(self, connection: Any, job_id: int, started: float) -> float:
        """Seconds until the job completed; a stopped, aborted, cancelled or late job raises
        (cancelled first where CUPS still holds it)."""
        while True:
            try:
                job = connection.getJobAttributes(job_id, requested_attributes=_JOB_ATTRIBUTES)
            except cups.IPPError as exc:
                raise A4JobFailed(f"job {job_id} on {self.where} vanished: {_ipp_words(exc)}; "
                                  "not printed", job_id) from None
            state = int(job.get("job-state", 0))
            if state == COMPLETED:
                return self._clock() - started
            if state in (STOPPED, CANCELED, ABORTED):
                if state == STOPPED:
                    self._cancel(connection, job_id)
                raise A4JobFailed(f"job {job_id} on {self.where} {_JOB_STATES[state]}: "
                                  f"{_job_words(job)}; not printed", job_id)
            if self._clock() - started >= self.job_timeout_s:
                self._cancel(connection, job_id)
                still = _JOB_STATES.get(state, str(state))
                raise A4JobTimedOut(f"job {job_id} on {self.where} not completed within "
                                    f"{self.job_timeout_s:g} s (still {still}: "
                                    f"{_job_words(job)}); cancelled", job_id)
            self._wait(self.poll_s)

    def _cancel(self, connection: Any, job_id: int) -> None:
        """Cancel and purge the job: its document is a citizen's certificate."""
        with contextlib.suppress(cups.IPPError):  # already gone: nothing left to print
            connection.cancelJob(job_id, purge_job=True)


def _job_words(job: dict[str, Any]) -> str:
    reasons = ", ".join(_as_tuple(job.get("job-state-reasons")))
    message = str(job.get("job-printer-state-message") or "")
    return "; ".join(part for part in (reasons, message) if part) or "no reason given"
