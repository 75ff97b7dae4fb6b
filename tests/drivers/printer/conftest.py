"""Fixtures for the printer tests: the printer emulators and drivers aimed at them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.printer.printer import ReceiptPrinter
from drivers.printer.profile import PrinterProfile
from drivers.sim.escpos_printer import NetworkPrinterEmulator, PrinterEmulator
from drivers.sim.serial_printer import SerialPrinterEmulator

ANSWER_WAIT = 5.0
"""Upper bound for an answer that does come; never reached when things work."""


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[NetworkPrinterEmulator]:
    with NetworkPrinterEmulator(tmp_path / "out") as emu:
        yield emu


@pytest.fixture(params=["tcp", "serial"])
def any_emulator(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[PrinterEmulator]:
    """The emulated printer on each wire status can be read over here: TCP and a pty."""
    kind = {"tcp": NetworkPrinterEmulator, "serial": SerialPrinterEmulator}[request.param]
    with kind(tmp_path / "out") as emu:
        yield emu


@pytest.fixture
def printer(emulator: NetworkPrinterEmulator) -> Iterator[ReceiptPrinter]:
    with ReceiptPrinter(emulator.url, PrinterProfile(), status_timeout=ANSWER_WAIT) as p:
        yield p


@pytest.fixture
def make_printer() -> Iterator[Callable[..., ReceiptPrinter]]:
    """Printers for other URLs or profiles, closed after the test."""
    made: list[ReceiptPrinter] = []

    def make(url: str, profile: PrinterProfile | None = None, **kwargs: float) -> ReceiptPrinter:
        kwargs.setdefault("status_timeout", ANSWER_WAIT)
        made.append(ReceiptPrinter(url, profile, **kwargs))
        return made[-1]

    yield make
    for p in made:
        p.close()
