"""The transports other than TCP, each as far as this machine can take it for real.

Serial: the emulated printer behind a pty, opened by the driver with pyserial
as it opens /dev/ttyS0; every template and every status bit also go over it
in the round-trip and status tests (the `any_emulator` fixture). File: a
plain file the job is written to and decoded back from. USB: no device here,
so the URL's parsing and the error for a printer that is not plugged in.
"""

from __future__ import annotations

import os
import tty
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import usb.backend.libusb1
from receipt_samples import templates

from drivers.printer.decode import EscposDecoder
from drivers.printer.document import Cut, PrintDocument, Text
from drivers.printer.errors import PrintError, PrinterUnavailable, PrinterUrlError
from drivers.printer.layout import lay_out
from drivers.printer.printer import ReceiptPrinter
from drivers.printer.status import STATUS_UNKNOWN
from drivers.sim.serial_printer import SerialPrinterEmulator
from drivers.status import DeviceState, DeviceStatus

DOC = PrintDocument((Text("受理回执", align="center"), Text("K0107-20261123-0042"), Cut()))


@pytest.fixture
def serial_printer(tmp_path: Path) -> Iterator[SerialPrinterEmulator]:
    with SerialPrinterEmulator(tmp_path / "out") as emulator:
        yield emulator


# --- serial ------------------------------------------------------------------------------


@pytest.fixture
def silent_line() -> Iterator[str]:
    """A tty with nobody on the other end: what a powered-off serial printer looks like."""
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        yield os.ttyname(slave)
    finally:
        os.close(slave)
        os.close(master)


def test_a_serial_printer_that_never_answers_is_offline_not_ok(
    silent_line: str, make_printer: Callable[..., ReceiptPrinter]
) -> None:
    printer = make_printer(f"serial://{silent_line}?baudrate=9600", status_timeout=0.05)
    assert printer.read_status() == DeviceStatus(DeviceState.OFFLINE, "no answer")


def test_pulling_the_serial_cable_mid_job_is_a_print_error(
    serial_printer: SerialPrinterEmulator, make_printer: Callable[..., ReceiptPrinter]
) -> None:
    assert serial_printer.url == f"serial://{serial_printer.port}?baudrate=19200"
    printer = make_printer(serial_printer.url)
    serial_printer.pull_plug(after_bytes=20)
    with pytest.raises(PrintError, match="may be incomplete"):
        printer.print(DOC)
    assert serial_printer.receipts == []
    assert printer.read_status().state is DeviceState.OFFLINE


def test_a_garbled_serial_stream_is_recorded_and_the_printer_goes_on(
    serial_printer: SerialPrinterEmulator, make_printer: Callable[..., ReceiptPrinter]
) -> None:
    line = os.open(serial_printer.port, os.O_WRONLY | os.O_NOCTTY)
    try:
        os.write(line, b"\x1b@\x1c&\x1bz\x01")
    finally:
        os.close(line)
    [error] = serial_printer.wait_for_errors(1)
    assert "unsupported ESC command" in error
    make_printer(serial_printer.url).print(DOC)
    [receipt] = serial_printer.wait_for_receipts(1)
    assert receipt.document == lay_out(DOC, serial_printer.profile)


def test_a_missing_serial_port_is_offline_with_its_name(
    tmp_path: Path, make_printer: Callable[..., ReceiptPrinter]
) -> None:
    port = tmp_path / "ttyUSB9"
    printer = make_printer(f"serial://{port}?baudrate=19200")
    assert printer.read_status() == DeviceStatus(
        DeviceState.OFFLINE, f"cannot open the printer port {port}"
    )
    with pytest.raises(PrinterUnavailable):
        printer.print(DOC)


# --- file --------------------------------------------------------------------------------


def test_a_file_gets_a_decodable_job_and_the_status_is_unknown(
    tmp_path: Path, make_printer: Callable[..., ReceiptPrinter]
) -> None:
    target = tmp_path / "lp0"
    printer = make_printer(f"file://{target}")
    assert printer.read_status() == STATUS_UNKNOWN
    assert STATUS_UNKNOWN.state is not DeviceState.OK and STATUS_UNKNOWN.usable
    doc = templates("zh_CN")["submission"]
    printer.print(doc)
    [job] = EscposDecoder().feed(target.read_bytes())
    assert job.document == lay_out(doc, printer.profile)


def test_a_file_that_cannot_be_opened_is_offline(
    tmp_path: Path, make_printer: Callable[..., ReceiptPrinter]
) -> None:
    target = tmp_path / "no-such-dir" / "lp0"
    status = make_printer(f"file://{target}").read_status()
    assert status == DeviceStatus(DeviceState.OFFLINE, f"cannot open {target} for printing")


# --- usb ---------------------------------------------------------------------------------

needs_libusb = pytest.mark.skipif(
    usb.backend.libusb1.get_backend() is None, reason="libusb-1.0 is not installed"
)


@needs_libusb
@pytest.mark.parametrize("url", ["usb://0x0416:0x5011", "usb://0416:5011", "usb://0X416:5011"])
def test_usb_ids_are_hex_and_a_missing_printer_is_named(url: str) -> None:
    expected = "no USB printer usb://0x0416:0x5011 is plugged in"
    with ReceiptPrinter(url) as printer:
        assert printer.read_status() == DeviceStatus(DeviceState.OFFLINE, expected)
        with pytest.raises(PrinterUnavailable, match=expected):
            printer.print(DOC)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("usb://0416", "use usb://VID:PID"),
        ("usb://xyz:5011", "'xyz' is not a hex USB id"),
        ("usb://0416:5011:2", "'5011:2' is not a hex USB id"),
        ("usb://0:5011", "USB id '0' is out of range"),
        ("usb://0416:10000", "USB id '10000' is out of range"),
    ],
)
def test_bad_usb_urls_say_what_is_wrong(url: str, message: str) -> None:
    with pytest.raises(PrinterUrlError, match=message):
        ReceiptPrinter(url)
