"""How long an A4 document takes from "print" to the job CUPS completed, against a bare `lp`.

A citizen waits at the kiosk until the certificate is out. The driver adds a
read of the queue's state, Create-Job and Send-Document through pycups, and
following the job until CUPS calls it completed; the baseline is `lp` of the
same file to the same queue, followed to completion the same way (the same
IPP question at the same interval), in the same run, interleaved. Both run on
a cupsd of the bench's own (drivers.sim.cupsd) with two queues: cups-pdf,
which renders every job again through Ghostscript as a real printer's filters
would, and a raw queue to /dev/null, CUPS alone. Fetching and verifying the
signed PDF is measured too, as a citizen waits for it: the path from the
query to the reference central on loopback, through the signed PDF fetched
and verified against the enrolled document CA, to the job CUPS completed,
against a bare `lp` of that same verified file. Prints medians and ratios;
never passes or fails on time.

    .venv/bin/python -m bench.a4_print [--count N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import tempfile
import time
from datetime import datetime
from pathlib import Path

from drivers.a4 import A4Printer
from drivers.a4.printer import COMPLETED
from drivers.sim.cupsd import CupsDaemon
from kiosk.printing.a4_printer import a4_test_page
from kiosk.settings.model import load_settings
from kiosk.uplink.client import CentralClient
from kiosk.visit.a4 import a4_question
from rig.demo import central_with_kiosk

SOCIAL_A4 = "440106-SBJ-002"  # the social-insurance record on A4, signed by the central
WANG = {"id_type": "resident_id", "id_number": "110101195603080020", "name": "王秀英",
        "source": "id_card_reader"}

JOB_LIMIT_S = 120.0
_REQUEST_ID = re.compile(r"request id is \S+-(\d+) ")


def _lp(cupsd: CupsDaemon, queue: str, pdf: Path, poll_s: float) -> float:
    """`lp` of `pdf`, then the job followed until completed: seconds."""
    started = time.perf_counter()
    said = subprocess.run(["lp", "-h", cupsd.server, "-d", queue, "-t", "bench", str(pdf)],
                          capture_output=True, text=True, check=True).stdout
    found = _REQUEST_ID.search(said)
    if found is None:
        raise RuntimeError(f"lp said {said!r}")
    connection = cupsd.connection()
    deadline = time.monotonic() + JOB_LIMIT_S
    while connection.getJobAttributes(  # type: ignore[attr-defined]
            int(found.group(1)), requested_attributes=["job-state"])["job-state"] != COMPLETED:
        if time.monotonic() > deadline:
            raise RuntimeError(f"lp's job {found.group(1)} never completed")
        time.sleep(poll_s)
    return time.perf_counter() - started


def _driver(printer: A4Printer, data: bytes) -> float:
    started = time.perf_counter()
    printer.print_pdf(data, "bench")
    return time.perf_counter() - started


def measure(cupsd: CupsDaemon, queue: str, pdf: Path, runs: int) -> tuple[float, float]:
    """Median seconds of the driver and of `lp`, interleaved after one warm-up each."""
    printer = A4Printer(queue, server=cupsd.server, job_timeout_s=JOB_LIMIT_S)
    data = pdf.read_bytes()
    _driver(printer, data)
    _lp(cupsd, queue, pdf, printer.poll_s)
    driver, bare = [], []
    for _ in range(runs):
        driver.append(_driver(printer, data))
        bare.append(_lp(cupsd, queue, pdf, printer.poll_s))
    return statistics.median(driver), statistics.median(bare)


def measure_signed(cupsd: CupsDaemon, queue: str, folder: Path,
                   runs: int) -> tuple[float, float, int]:
    """Median seconds from the query to the completed job of a signed A4 document, and of
    `lp` of the verified PDF followed the same way; and the PDF's size."""
    printer = A4Printer(queue, server=cupsd.server, job_timeout_s=JOB_LIMIT_S)
    folder.mkdir(parents=True, exist_ok=True)
    with central_with_kiosk(folder, "BENCH-A4") as (process, credentials):
        client = CentralClient(process.url, token=credentials.token)
        question = a4_question(SOCIAL_A4, {"applicant": WANG, "form": {"months": "12"}},
                               credentials.document_ca_pem)

        def whole() -> bytes:
            started = time.perf_counter()
            _document, verified = question(client)
            printer.print_pdf(verified.pdf, "bench")
            spent.append(time.perf_counter() - started)
            return verified.pdf

        spent: list[float] = []
        pdf = folder / "signed.pdf"
        pdf.write_bytes(whole())  # the warm-up; its file is what lp prints
        _lp(cupsd, queue, pdf, printer.poll_s)
        spent.clear()
        bare = []
        for _ in range(runs):
            whole()
            bare.append(_lp(cupsd, queue, pdf, printer.poll_s))
        client.close()
    return statistics.median(spent), statistics.median(bare), pdf.stat().st_size


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10, help="runs per queue and contender")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-a4-") as tmp, CupsDaemon() as cupsd:
        pdf = Path(tmp) / "a4-test-page.pdf"
        pdf.write_bytes(a4_test_page(load_settings(), None, datetime.now()))
        cupsd.add_pdf_queue("bench_pdf")
        cupsd.add_queue("bench_raw", "file:///dev/null")
        figures = {"cups-pdf": measure(cupsd, "bench_pdf", pdf, args.count),
                   "raw, /dev/null": measure(cupsd, "bench_raw", pdf, args.count)}
        signed = {queue: measure_signed(cupsd, queue, Path(tmp) / queue, args.count)
                  for queue in ("bench_pdf", "bench_raw")}
        poll_s, size = A4Printer("bench_pdf").poll_s, pdf.stat().st_size
    print(f"{args.count} runs per queue, medians; the A4 test page ({size} bytes, "
          f"1 page); a private cupsd on its socket; job state asked every {poll_s} s")
    print(f"{'queue':16}{'driver ms':>11}{'lp ms':>11}{'ratio':>8}")
    for queue, (driver, bare) in figures.items():
        print(f"{queue:16}{driver * 1000:11.0f}{bare * 1000:11.0f}{driver / bare:8.2f}")
    print("driver ms: A4Printer.print_pdf() called -> CUPS calls the job completed (queue state,\n"
          "  Create-Job, Send-Document from memory, the job followed)\n"
          "lp ms: `lp -h SOCKET -d QUEUE FILE` run -> the same moment, asked the same way "
          "(baseline;\n  it includes starting the lp process)\nratio: driver ms / lp ms")
    print("\nsigned A4 document, query -> PDF fetched -> verified -> job completed, against "
          "`lp` of the verified PDF")
    print(f"{'queue':16}{'whole ms':>11}{'lp ms':>11}{'ratio':>8}{'PDF bytes':>11}")
    for queue, (whole, bare, size) in signed.items():
        print(f"{queue:16}{whole * 1000:11.0f}{bare * 1000:11.0f}{whole / bare:8.2f}{size:11}")


if __name__ == "__main__":
    main()
