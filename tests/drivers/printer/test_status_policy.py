"""What a printer that never answers status means, per printer (issue 22): the network
emulator as a printer or print server that swallows DLE EOT and prints what it is sent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.printer.document import Cut, PrintDocument, Text
from drivers.printer.errors import PrinterNotReady
from drivers.printer.printer import ReceiptPrinter
from drivers.printer.status import NO_ANSWER, NOT_ANSWERED, NOT_ASKED
from drivers.sim.escpos_printer import NetworkPrinterEmulator
from drivers.status import DeviceState

DOC = PrintDocument((Text("受理回执", align="center"), Text("K0107-20261123-0042"), Cut()))
SILENCE = 0.05
"""Seconds a status request waits here: the printer under test never answers one."""


@pytest.fixture
def mute(tmp_path: Path) -> Iterator[NetworkPrinterEmulator]:
    with NetworkPrinterEmulator(tmp_path / "out") as emu:
        emu.answers_status = False
        yield emu


def policy_printer(make_printer: Callable[..., ReceiptPrinter], url: str,
                   policy: str) -> ReceiptPrinter:
    return make_printer(url, status_timeout=SILENCE, status_policy=policy)


def test_best_effort_prints_to_a_printer_that_never_answers(mute, make_printer) -> None:
    printer = policy_printer(make_printer, mute.url, "best_effort")
    status = printer.read_status()
    assert status == NOT_ANSWERED and status.usable and status.state is DeviceState.DEGRADED
    assert str(status) == "degraded (status unknown: no answer to DLE EOT)"
    printer.print(DOC)
    [receipt] = mute.wait_for_receipts(1)
    assert receipt.document == DOC
    assert mute.status_asked >= 3


def test_required_refuses_a_printer_that_never_answers(mute, make_printer) -> None:
    printer = policy_printer(make_printer, mute.url, "required")
    assert printer.read_status() == NO_ANSWER
    with pytest.raises(PrinterNotReady, match="offline \\(no answer\\)"):
        printer.print(DOC)
    assert mute.receipts == []


def test_none_never_asks(mute, make_printer) -> None:
    printer = policy_printer(make_printer, mute.url, "none")
    assert printer.read_status() == NOT_ASKED
    assert "status unknown" in str(NOT_ASKED)
    printer.print(DOC)
    assert len(mute.wait_for_receipts(1)) == 1
    assert mute.status_asked == 0


@pytest.mark.parametrize(("state", "reason"), [
    ({"paper": "out"}, "paper out"), ({"cover_open": True}, "cover open"),
])
def test_best_effort_still_refuses_what_a_printer_says_stops_it(
    emulator: NetworkPrinterEmulator, make_printer, state: dict, reason: str
) -> None:
    printer = policy_printer(make_printer, emulator.url, "best_effort")
    emulator.set_state(**state)
    with pytest.raises(PrinterNotReady, match=reason):
        printer.print(DOC)
    assert emulator.receipts == []


def test_an_unknown_policy_is_refused_at_once(emulator, make_printer) -> None:
    with pytest.raises(ValueError, match="status policy must be one of"):
        policy_printer(make_printer, emulator.url, "sometimes")
