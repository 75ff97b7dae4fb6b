"""The kiosk's print queue against the network printer emulator: a printer that
cannot print answers every job, and the queue goes on working afterwards."""

from __future__ import annotations

import queue

import pytest

from drivers.printer.document import Cut, PrintDocument, Text
from drivers.printer.printer import ReceiptPrinter
from drivers.sim.escpos_printer import NetworkPrinterEmulator
from kiosk.printing.queue import PrintQueue

SLIP = PrintDocument((Text("回执 K0107-20261123-0001"), Cut()))


@pytest.fixture
def emulator(tmp_path):
    with NetworkPrinterEmulator(tmp_path / "receipts") as printer:
        yield printer


def test_paper_out_is_reported_and_the_next_job_prints(emulator) -> None:
    answers: queue.Queue = queue.Queue()
    printer = ReceiptPrinter(emulator.url)
    jobs = PrintQueue(printer, answers.put)
    results: list[tuple[bool, str]] = []
    try:
        emulator.set_state(paper="out")
        jobs.submit(SLIP, lambda ok, detail: results.append((ok, detail)))
        answers.get(timeout=30)()
        assert results[0][0] is False and "paper" in results[0][1]
        emulator.set_state(paper="ok")
        jobs.submit(SLIP, lambda ok, detail: results.append((ok, detail)))
        answers.get(timeout=30)()
        assert results[1] == (True, "")
        assert len(emulator.wait_for_receipts(1)) == 1
    finally:
        jobs.stop()
        printer.close()


class _BuggyPrinter:
    """A printer driver with a bug: one job raises what no printer error covers."""

    def __init__(self) -> None:
        self.jobs = 0

    def print(self, doc: PrintDocument) -> None:
        self.jobs += 1
        if self.jobs == 1:
            raise ValueError("a bug in the encoder")


def test_a_bug_in_one_job_is_answered_and_the_queue_lives_on() -> None:
    answers: queue.Queue = queue.Queue()
    printer = _BuggyPrinter()
    jobs = PrintQueue(printer, answers.put)
    results: list[tuple[bool, str]] = []
    try:
        for _ in range(2):
            jobs.submit(SLIP, lambda ok, detail: results.append((ok, detail)))
            answers.get(timeout=30)()
        assert results == [(False, "printer fault (ValueError)"), (True, "")]
        assert jobs.alive
    finally:
        jobs.stop()
