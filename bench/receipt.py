"""How long a receipt takes from "print" to its last byte at the printer, against the wire alone.

The citizen waits at the kiosk until the paper comes out. What the driver
adds before the printer has the whole job -- three status questions (DLE EOT
1, 2, 4), encoding the document, writing it -- is timed from the call to
`ReceiptPrinter.print` to the moment the network printer emulator decodes
the job's cut. The baseline is the same byte string written with one
sendall() on an open socket to the same emulator, timed to the same moment,
in the same run. Beside them: the bytes, what they would take on a serial
line, and the time to draw the on-screen preview (the pixels the result
screen shows, not the PNG kept for pictures). Prints medians and
ratios; never passes or fails on time.

    .venv/bin/python -m bench.receipt [--count N] [--locale zh_CN]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from drivers.printer.document import PrintDocument
from drivers.printer.encode import encode
from drivers.printer.printer import ReceiptPrinter
from drivers.sim.escpos_printer import NetworkPrinterEmulator
from kiosk.printing.receipts import LOCALES, preview_pixels
from tools.render_receipts import samples

SERIAL_BAUDS = (19200, 115200)
BITS_PER_BYTE = 10  # 8N1: a start and a stop bit around every byte


def _median_ms(runs: int, one: Callable[[], float]) -> float:
    return statistics.median(one() for _ in range(runs)) * 1000


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


class _Bench:
    """One emulator, the driver and a bare socket aimed at it, and the receipts counted."""

    def __init__(self, emulator: NetworkPrinterEmulator) -> None:
        self.emulator = emulator
        self.printer = ReceiptPrinter(emulator.url)
        self.raw = socket.create_connection(("127.0.0.1", emulator.port))
        self._printed = 0

    def _last_byte_after(self, started: float) -> float:
        self._printed += 1
        receipt = self.emulator.wait_for_receipts(self._printed)[-1]
        return receipt.received_at - started

    def by_driver(self, doc: PrintDocument) -> float:
        started = time.perf_counter()
        self.printer.print(doc)
        return self._last_byte_after(started)

    def by_socket(self, data: bytes) -> float:
        started = time.perf_counter()
        self.raw.sendall(data)
        return self._last_byte_after(started)

    def close(self) -> None:
        self.raw.close()
        self.printer.close()


def measure(bench: _Bench, doc: PrintDocument, runs: int) -> dict[str, float]:
    profile = bench.printer.profile
    data = encode(doc, profile)
    bench.by_driver(doc)  # warm-up: connection, fonts and caches on both sides
    bench.by_socket(data)
    driver, wire = [], []
    for _ in range(runs):  # interleaved, so both see the same load on a shared machine
        driver.append(bench.by_driver(doc))
        wire.append(bench.by_socket(data))
    return {
        "bytes": len(data),
        "encode": _median_ms(runs, lambda: _timed(lambda: encode(doc, profile))),
        "status": _median_ms(runs, lambda: _timed(bench.printer.read_status)),
        "driver": statistics.median(driver) * 1000,
        "wire": statistics.median(wire) * 1000,
        "preview": _median_ms(runs, lambda: _timed(lambda: preview_pixels(doc, profile))),
    }


COLUMNS = (("bytes", 7, 0), ("encode ms", 11, 3), ("status ms", 11, 3), ("print ms", 10, 3),
           ("socket ms", 11, 3), ("ratio", 7, 1), ("preview ms", 12, 1))
NOTES = """\
status ms: one ReceiptPrinter.read_status() (DLE EOT 1, 2, 4); print() asks once before the job
print ms: ReceiptPrinter.print() called -> the emulator decodes the cut (status, encode, write)
socket ms: the same bytes, one sendall() on an open socket -> the same moment (baseline)
ratio: print ms / socket ms
N Bd ms: the same bytes at N baud on a serial line, 8N1 (computed, not measured)"""


def report(figures: dict[str, dict[str, float]]) -> None:
    bauds = [f"{baud} Bd ms" for baud in SERIAL_BAUDS]
    print(f"{'template':16}" + "".join(f"{name:>{width}}" for name, width, _ in COLUMNS)
          + "".join(f"{name:>14}" for name in bauds))
    for template, f in figures.items():
        values = (f["bytes"], f["encode"], f["status"], f["driver"], f["wire"],
                  f["driver"] / f["wire"], f["preview"])
        line = "".join(f"{value:{width}.{digits}f}"
                       for value, (_, width, digits) in zip(values, COLUMNS, strict=True))
        line += "".join(f"{f['bytes'] * BITS_PER_BYTE / baud * 1000:14.1f}"
                        for baud in SERIAL_BAUDS)
        print(f"{template:16}{line}")
    print(NOTES)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30, help="runs per template and contender")
    parser.add_argument("--locale", choices=LOCALES, default="zh_CN")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-receipt-") as tmp, \
            NetworkPrinterEmulator(Path(tmp)) as emulator:
        bench = _Bench(emulator)
        try:
            figures = {name: measure(bench, doc, args.count)
                       for name, doc in samples(args.locale).items()}
        finally:
            bench.close()
    profile = bench.printer.profile
    print(f"{args.count} runs per template, medians; {args.locale}, {profile.paper_width_mm} mm, "
          f"{profile.encoding}, {profile.qr} QR; network printer emulator on 127.0.0.1")
    report(figures)


if __name__ == "__main__":
    main()
