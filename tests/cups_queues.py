"""A private cupsd for every test that prints on A4, one per test run, and queues on it.

The daemon is drivers.sim.cupsd's: its own folder, port, socket, spool and
cups-pdf output, so a parallel run does not collide with this one. Each test
gets queues of its own, so what one test does to a queue (stop it, make it
reject jobs) never reaches the next. The driver's tests and the visits that pay
for an A4 document share the daemon: tests/conftest.py takes the fixtures in.
"""

from __future__ import annotations

import io
import itertools
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from drivers.sim.cupsd import CupsDaemon

BOUND = 60.0
"""Upper bound for a job that does complete (cups-pdf runs Ghostscript); never reached when
things work."""

_names = itertools.count(1)


def sample_pdf(pages: int = 2, label: str = "kiosk") -> bytes:
    """A small A4 PDF of `pages` pages, each numbered, as a stand-in for a certificate."""
    sheets = []
    for number in range(1, pages + 1):
        sheet = Image.new("L", (595, 842), 255)  # A4 at 72 dpi: one pixel per point
        ImageDraw.Draw(sheet).text((72, 72), f"{label} page {number}", fill=0)
        sheets.append(sheet)
    out = io.BytesIO()
    sheets[0].save(out, "PDF", resolution=72.0, save_all=True, append_images=sheets[1:])
    return out.getvalue()


class SteppedTime:
    """A clock that moves only when the driver waits: a timeout without a sleep."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits = 0

    def __call__(self) -> float:
        return self.now

    def wait(self, seconds: float) -> None:
        self.waits += 1
        self.now += seconds


@pytest.fixture(scope="session")
def cupsd() -> Iterator[CupsDaemon]:
    with CupsDaemon() as daemon:
        yield daemon


@pytest.fixture
def pdf_queue(cupsd: CupsDaemon) -> tuple[str, Path]:
    """A fresh cups-pdf queue: its name and the folder its PDFs land in."""
    name = f"a4_{next(_names)}"
    return name, cupsd.add_pdf_queue(name)


class SilentPrinter:
    """A network printer that takes the connection and then never answers nor closes it:
    CUPS's socket backend waits for it for ever, so the job never completes."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._hold, daemon=True)
        self._thread.start()

    def _hold(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            self._held.append(connection)

    def close(self) -> None:
        self._listener.close()
        for connection in self._held:
            connection.close()


@pytest.fixture
def silent_queue(cupsd: CupsDaemon) -> Iterator[str]:
    """A raw queue on a printer that never finishes a job."""
    printer = SilentPrinter()
    name = f"silent_{next(_names)}"
    cupsd.add_queue(name, f"socket://127.0.0.1:{printer.port}")
    yield name
    printer.close()


@pytest.fixture
def jobs_of(cupsd: CupsDaemon) -> Callable[[str], dict[int, dict]]:
    """Every job CUPS holds or held for a queue, completed ones too."""
    def jobs(queue: str) -> dict[int, dict]:
        # job-id among the attributes: without it pycups returns no job at all
        found = cupsd.connection().getJobs(  # type: ignore[attr-defined]
            which_jobs="all", requested_attributes=["job-id", "job-state", "job-printer-uri"])
        return {job_id: job for job_id, job in found.items()
                if job.get("job-printer-uri", "").endswith(f"/{queue}")}
    return jobs
