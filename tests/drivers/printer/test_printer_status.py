"""Real-time status: every bit of HARDWARE.md §3, silence, faults and refusals."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.printer.document import Cut, PrintDocument, Text
from drivers.printer.errors import PrinterNotReady, PrintError, PrinterUnavailable, PrinterUrlError
from drivers.printer.printer import ReceiptPrinter
from drivers.printer.status import (
    StatusReplyError,
    combine,
    offline_cause,
    paper_state,
    printer_offline,
)
from drivers.sim.escpos_printer import NetworkPrinterEmulator, PrinterEmulator
from drivers.status import DeviceState, DeviceStatus

BASE = 0x12  # 0xx1xx10 with every flag clear
DOC = PrintDocument((Text("受理回执", align="center"), Text("K0107-20261123-0042"), Cut()))


def test_n1_bit3_is_offline() -> None:
    assert printer_offline(BASE | 0x08)
    assert not printer_offline(BASE)


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (BASE, DeviceStatus(DeviceState.OFFLINE, "offline")),
        (BASE | 0x04, DeviceStatus(DeviceState.ERROR, "cover open")),
        (BASE | 0x20, DeviceStatus(DeviceState.ERROR, "paper out")),
        (BASE | 0x40, DeviceStatus(DeviceState.ERROR, "printer error")),
    ],
)
def test_n2_offline_causes(reply: int, expected: DeviceStatus) -> None:
    assert offline_cause(reply) == expected


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (BASE, DeviceStatus(DeviceState.OK)),
        (BASE | 0x04, DeviceStatus(DeviceState.DEGRADED, "paper near end")),
        (BASE | 0x08, DeviceStatus(DeviceState.DEGRADED, "paper near end")),
        (BASE | 0x20, DeviceStatus(DeviceState.ERROR, "paper out")),
        (BASE | 0x40, DeviceStatus(DeviceState.ERROR, "paper out")),
        (BASE | 0x6C, DeviceStatus(DeviceState.ERROR, "paper out")),
    ],
)
def test_n4_paper_sensor(reply: int, expected: DeviceStatus) -> None:
    assert paper_state(reply) == expected


@pytest.mark.parametrize("reply", [0x00, 0xFF, 0x10, 0x13, 0x92, 0x1A0])
def test_bytes_without_the_status_shape_are_rejected(reply: int) -> None:
    with pytest.raises(StatusReplyError):
        paper_state(reply)


def test_stopping_faults_outrank_warnings() -> None:
    near_end = BASE | 0x0C
    assert combine(BASE, BASE, near_end).detail == "paper near end"
    assert combine(BASE | 0x08, BASE | 0x04, near_end).detail == "cover open"
    assert combine(BASE | 0x08, BASE, near_end).state is DeviceState.OFFLINE


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({}, DeviceStatus(DeviceState.OK)),
        ({"paper": "near_end"}, DeviceStatus(DeviceState.DEGRADED, "paper near end")),
        ({"paper": "out"}, DeviceStatus(DeviceState.ERROR, "paper out")),
        ({"cover_open": True}, DeviceStatus(DeviceState.ERROR, "cover open")),
        ({"offline": True}, DeviceStatus(DeviceState.OFFLINE, "offline")),
    ],
)
def test_status_read_from_the_emulator(
    any_emulator: PrinterEmulator, make_printer: Callable[..., ReceiptPrinter],
    state: dict, expected: DeviceStatus,
) -> None:
    any_emulator.set_state(**state)
    assert make_printer(any_emulator.url).read_status() == expected


@pytest.fixture
def silent_peer() -> Iterator[socket.socket]:
    """A TCP peer on loopback that accepts and never answers."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        yield server


def test_a_printer_that_never_answers_is_offline_not_ok(
    silent_peer: socket.socket, make_printer: Callable[..., ReceiptPrinter]
) -> None:
    port = silent_peer.getsockname()[1]
    printer = make_printer(f"tcp://127.0.0.1:{port}", status_timeout=0.05)
    assert printer.read_status() == DeviceStatus(DeviceState.OFFLINE, "no answer")
    with pytest.raises(PrinterNotReady) as refused:
        printer.print(DOC)
    assert refused.value.status.detail == "no answer"


def test_paper_out_or_cover_open_refuses_before_sending(
    printer: ReceiptPrinter, emulator: NetworkPrinterEmulator
) -> None:
    for state in ({"paper": "out"}, {"cover_open": True}):
        emulator.set_state(**state)
        with pytest.raises(PrinterNotReady):
            printer.print(DOC)
    emulator.set_state(paper="near_end")
    printer.print(DOC)  # near end still prints
    assert len(emulator.wait_for_receipts(1)) == 1


def test_pulling_the_plug_mid_job_is_a_print_error_and_the_job_can_be_resent(
    printer: ReceiptPrinter, emulator: NetworkPrinterEmulator
) -> None:
    emulator.pull_plug(after_bytes=20)
    with pytest.raises(PrintError, match="may be incomplete"):
        printer.print(DOC)
    assert emulator.receipts == []
    printer.print(DOC)
    [receipt] = emulator.wait_for_receipts(1)
    assert receipt.document.blocks[1] == Text("K0107-20261123-0042")


def test_a_stopped_emulator_is_unavailable_then_offline(
    tmp_path: Path, make_printer: Callable[..., ReceiptPrinter]
) -> None:
    with NetworkPrinterEmulator(tmp_path) as emulator:
        url = emulator.url
    printer = make_printer(url)
    with pytest.raises(PrinterUnavailable):
        printer.print(DOC)
    assert printer.read_status().state is DeviceState.OFFLINE


@pytest.mark.parametrize(
    "url",
    ["lpt1", "tcp://:9100", "tcp://host:port", "usb://0416", "usb://xyz:0001",
     "serial://?baudrate=9600", "serial:///dev/ttyS0?baudrate=fast", "ipp://host/printer"],
)
def test_unusable_urls_fail_at_construction(url: str) -> None:
    with pytest.raises(PrinterUrlError):
        ReceiptPrinter(url)


def test_a_garbled_status_byte_is_offline_and_named_for_the_technician(
    any_emulator: PrinterEmulator, make_printer: Callable[..., ReceiptPrinter]
) -> None:
    # a printer on the wrong baud rate answers bytes without the 0xx1xx10 shape
    any_emulator.status_byte = lambda n: 0x93  # type: ignore[method-assign]
    assert make_printer(any_emulator.url).read_status() == DeviceStatus(
        DeviceState.OFFLINE, "garbled status reply: 0x93 is not a real-time status byte (0xx1xx10)")
