"""The A4 printer driver against a real cupsd: what reaches the queue, and every refusal.

A citizen's certificate is printed only on a queue that is ready, reaches CUPS
exactly as the kiosk sent it, and is followed until CUPS completed it; a queue
that is stopped or rejects jobs refuses before anything is sent, and a job that
never completes is cancelled when its time is up, so it can never come out later.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cups_queues import BOUND, SteppedTime, sample_pdf

from drivers.a4 import (
    A4JobTimedOut,
    A4NotReady,
    A4Printer,
    A4Rejected,
    A4Unavailable,
)
from drivers.a4.printer import CANCELED
from drivers.sim.cupsd import CupsDaemon
from drivers.status import DeviceState, DeviceStatus


def wait_for_pdf(folder: Path) -> Path:
    """The first PDF cups-pdf wrote into `folder`, once it is there."""
    deadline = time.monotonic() + BOUND
    while time.monotonic() < deadline:
        found = sorted(folder.glob("*.pdf"))
        if found and found[0].stat().st_size > 0:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no PDF in {folder} within {BOUND} s")


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def test_a_ready_queue_prints_the_pdf_as_sent(cupsd: CupsDaemon,
                                              pdf_queue: tuple[str, Path]) -> None:
    name, out = pdf_queue
    printer = A4Printer(name, server=cupsd.server, job_timeout_s=BOUND, poll_s=0.05)
    assert printer.read_status().state is DeviceState.OK
    document = sample_pdf(pages=3, label="certificate")

    job = printer.print_pdf(document, "certificate K0107")

    assert cupsd.spooled_document(job.job_id) == document  # what CUPS got, byte for byte
    rendered = wait_for_pdf(out)  # cups-pdf's own rendition of it, through Ghostscript
    assert rendered.read_bytes().startswith(b"%PDF-")
    assert _pages(rendered) == 3


@pytest.mark.parametrize(("stop", "detail"), [
    (lambda c, name: c.disablePrinter(name, reason="technician: toner swap"),
     "queue paused: technician: toner swap"),
    (lambda c, name: c.rejectJobs(name, reason="moving the printer"),
     "queue not accepting jobs: moving the printer"),
], ids=["stopped", "rejecting"])
def test_a_queue_a_technician_stopped_refuses_before_sending(
        cupsd: CupsDaemon, pdf_queue: tuple[str, Path], jobs_of: Callable[[str], dict],
        stop: Callable[[object, str], None], detail: str) -> None:
    name, _ = pdf_queue
    stop(cupsd.connection(), name)
    printer = A4Printer(name, server=cupsd.server)

    assert printer.read_status() == DeviceStatus(DeviceState.ERROR, detail)
    with pytest.raises(A4NotReady, match=re.escape(f"not ready: error ({detail})")):
        printer.print_pdf(sample_pdf(), "certificate")
    assert jobs_of(name) == {}  # nothing reached CUPS


def test_a_job_that_never_completes_is_cancelled_when_its_time_is_up(
        cupsd: CupsDaemon, silent_queue: str, jobs_of: Callable[[str], dict]) -> None:
    time_ = SteppedTime()
    printer = A4Printer(silent_queue, server=cupsd.server, job_timeout_s=30, poll_s=1,
                        clock=time_, wait=time_.wait)

    with pytest.raises(A4JobTimedOut, match=r"not completed within 30 s .*cancelled") as caught:
        printer.print_pdf(sample_pdf(), "certificate")

    assert time_.waits == 30
    job_id = caught.value.job_id
    assert [(number, job["job-state"]) for number, job in jobs_of(silent_queue).items()] \
        == [(job_id, CANCELED)]  # cancelled: nothing left to print later
    assert not (cupsd.spool_dir / f"d{job_id:05d}-001").exists()  # purged: the PDF is gone


def test_a_queue_cups_does_not_know_is_unavailable(cupsd: CupsDaemon) -> None:
    printer = A4Printer("no_such_queue", server=cupsd.server)
    with pytest.raises(A4Unavailable, match="no queue named 'no_such_queue'"):
        printer.read_status()


def test_no_cupsd_at_all_is_unavailable(tmp_path: Path) -> None:
    printer = A4Printer("a4", server=str(tmp_path / "no.sock"))
    with pytest.raises(A4Unavailable, match="CUPS does not answer at"):
        printer.print_pdf(sample_pdf(), "certificate")


def test_a_document_cups_refuses_is_rejected_and_leaves_no_job() -> None:
    """A cupsd that takes no request body over 4 KiB answers Send-Document with 413: the
    job CUPS had already created for it is cancelled, so nothing waits to print."""
    with CupsDaemon(directives="LimitRequestBody 4096") as small:
        small.add_queue("small", "file:///dev/null")
        printer = A4Printer("small", server=small.server)
        assert printer.read_status().state is DeviceState.OK
        with pytest.raises(A4Rejected, match=r"small on .* refused the document of job 1"):
            printer.print_pdf(sample_pdf(pages=3), "certificate")
        left = small.connection().getJobs(which_jobs="not-completed")  # type: ignore
        assert left == {}
