"""Why a certificate did not come out of the A4 printer, in the kinds the kiosk acts on.

"Not ready, nothing sent" sends the citizen to another kiosk before anything
was printed; "CUPS refused the job" and "the job failed or timed out" mean a
technician must look, and the job was cancelled so that a citizen's
certificate can never come out later, in the next citizen's hands. One base
class for the caller that only wants to know "no certificate".
"""

from __future__ import annotations

from drivers.status import DeviceStatus


class A4Error(Exception):
    """Any failure to print a document on the A4 printer."""


class A4Unavailable(A4Error):
    """CUPS does not answer, or has no queue of that name; nothing was sent."""


class A4NotReady(A4Error):
    """The queue's status forbids printing (stopped, rejecting, paper out); nothing sent."""

    def __init__(self, queue: str, status: DeviceStatus) -> None:
        super().__init__(f"A4 printer {queue} not ready: {status}")
        self.status = status


class A4Rejected(A4Error):
    """CUPS refused the job or its document; nothing will be printed."""


class A4JobFailed(A4Error):
    """The job was stopped, aborted or cancelled before it completed."""

    def __init__(self, message: str, job_id: int) -> None:
        super().__init__(message)
        self.job_id = job_id


class A4JobTimedOut(A4JobFailed):
    """The job did not complete within its time and was cancelled."""
