"""What a card read costs beyond the time its bytes need on the serial line.

A citizen waits from placing the ID card until the kiosk knows who they are.
The floor of that wait is physics: find, select and read text+photo move
about 1,360 bytes, and at 8N1 each byte takes 10 bits of line time. The
baseline is that wire time, computed from the bytes the emulator counted on
the line during each read; the contender is a full read (find -> select ->
read text+photo, then the text block parsed) through the real driver over a
pty, against the GA/T 467 emulator, in the same process.

A pty carries bytes at memory speed whatever baud is set, so the read is
timed two ways, in alternating turns so a busy machine slows both alike:
- paced: the emulator delivers every frame no faster than the port's baud
  carries it (see drivers.sim.idcard_reader), so the figure is what a real
  line gives and its excess over the wire time is the driver's overhead;
- unpaced: the pty at memory speed, which shows the whole software cost of
  a read (driver, parser, emulator) as if the line were infinitely fast.
A real SAM also spends time reading the card over the air; the emulator
answers at once, so neither figure includes it.

Then what one damaged frame per read costs on a noisy line (issue 22), paced
to the baud: the baseline is a clean read, named as such; the contenders are
reads where the emulator damages one answer each time -- the find's (asked
again), the read's with a wrong checksum, or the read's cut short (both
read again by a fresh exchange: reset, find, select, read). All in one
process, in alternating turns. Prints figures and ratios; never passes or
fails on time.

    .venv/bin/python -m bench.idcard [--reads N] [--block N] [--baud 115200]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

from drivers.idcard.frame import Instruction
from drivers.idcard.session import BAUD_RATES, SamSession, open_port
from drivers.idcard.taking import take_card
from drivers.sim.cards import DEMO_CARDS
from drivers.sim.idcard_reader import (
    BITS_PER_BYTE,
    Corruption,
    IdCardReaderEmulator,
    wire_seconds,
)

CARD = DEMO_CARDS["li_ming"]
WARMUP = 5
Fault = Callable[[IdCardReaderEmulator], None]
CLEAN = "clean read (baseline)"


def _damage(kind: Corruption, instruction: Instruction) -> Fault:
    return lambda emulator: emulator.corrupt_next(kind, instruction=instruction)


FAULTS: dict[str, Fault | None] = {
    CLEAN: None,
    "find answer: bad checksum": _damage(Corruption.BAD_CHECKSUM, Instruction.FIND_CARD),
    "read answer: bad checksum": _damage(Corruption.BAD_CHECKSUM, Instruction.READ_TEXT_PHOTO),
    "read answer: cut short": _damage(Corruption.TRUNCATE, Instruction.READ_TEXT_PHOTO),
}
"""One damaged answer in every read, by kind; the first is the baseline."""


class Line:
    """An emulator and a driver session on one pty, reading CARD on demand."""

    def __init__(
        self, emulator: IdCardReaderEmulator, session: SamSession, fault: Fault | None = None
    ) -> None:
        self.emulator = emulator
        self.session = session
        self.fault = fault
        self.seconds: list[float] = []
        self.wire_bytes: set[int] = set()

    def read_once(self) -> None:
        self.emulator.place(CARD)
        if self.fault is not None:
            self.fault(self.emulator)
        before = self.emulator.wire_bytes
        start = time.perf_counter()
        document = take_card(self.session)
        elapsed = time.perf_counter() - start
        if document != CARD.document:
            raise RuntimeError("the read did not return the card placed")
        self.seconds.append(elapsed)
        self.wire_bytes.add(self.emulator.wire_bytes - before)


@contextmanager
def line(baud: int, *, pace: bool, fault: Fault | None = None) -> Iterator[Line]:
    with ExitStack() as stack:
        emulator = stack.enter_context(IdCardReaderEmulator(baud=baud, pace=pace))
        session = SamSession(stack.enter_context(open_port(emulator.port, baud)))
        session.sam_id()
        yield Line(emulator, session, fault)


def in_turns(lines: dict[str, Line], reads: int, block: int) -> None:
    """`reads` timed reads per line after WARMUP untimed ones, `block` at a time per turn."""
    for read in lines.values():
        for _ in range(WARMUP):
            read.read_once()
        read.seconds.clear()
    for start in range(0, reads, block):
        for read in lines.values():
            for _ in range(min(block, reads - start)):
                read.read_once()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=100, help="timed reads per mode")
    parser.add_argument("--block", type=int, default=10, help="reads per turn")
    parser.add_argument("--baud", type=int, choices=BAUD_RATES, default=115200)
    args = parser.parse_args(argv)
    print(f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f},"
          f" {args.reads} reads per mode, {args.baud} bps 8N1")
    wire_report(args.reads, args.block, args.baud)
    fault_report(args.reads, args.block, args.baud)


def wire_report(reads: int, block: int, baud: int) -> None:
    """A read paced to the baud, and one on the bare pty, against the wire time."""
    with ExitStack() as stack:
        lines = {
            "paced to the baud": stack.enter_context(line(baud, pace=True)),
            "unpaced pty": stack.enter_context(line(baud, pace=False)),
        }
        in_turns(lines, reads, block)
    byte_counts = set.union(*(read.wire_bytes for read in lines.values()))
    if len(byte_counts) != 1:
        raise RuntimeError(f"reads moved different byte counts: {sorted(byte_counts)}")
    (wire_bytes,) = byte_counts
    wire_ms = wire_seconds(wire_bytes, baud) * 1000
    paced, unpaced = (_quantiles(read.seconds) for read in lines.values())
    print(f"bytes on the line per read: {wire_bytes} ({BITS_PER_BYTE} bits each)")
    print(f"wire time per read (baseline):  {wire_ms:8.2f} ms")
    print(f"{'':32}{'p50 ms':>8} {'p99 ms':>8}")
    print(f"{'read paced to the baud':32}{paced[0]:8.2f} {paced[1]:8.2f}")
    print(f"{'read on the unpaced pty':32}{unpaced[0]:8.2f} {unpaced[1]:8.2f}")
    for label, value in (("p50", paced[0]), ("p99", paced[1])):
        print(f"paced / wire, {label}: {value / wire_ms:.3f}x"
              f" (overhead {value - wire_ms:+.2f} ms, {(value - wire_ms) / wire_ms:+.1%} of wire)")
    print(f"unpaced / wire, p50: {unpaced[0] / wire_ms:.3f}x"
          " (the whole software cost of a read, as a share of its wire time)")


def fault_report(reads: int, block: int, baud: int) -> None:
    """One damaged answer per read, by kind, against a clean read; all paced to the baud."""
    with ExitStack() as stack:
        lines = {name: stack.enter_context(line(baud, pace=True, fault=fault))
                 for name, fault in FAULTS.items()}
        in_turns(lines, reads, block)
    figures = {name: _quantiles(read.seconds) for name, read in lines.items()}
    clean = figures[CLEAN]
    print(f"\none damaged answer per read, paced to {baud} bps:")
    print(f"{'':32}{'p50 ms':>8} {'p99 ms':>8} {'p50 ratio':>10} {'p50 cost ms':>12}")
    for name, (p50, p99) in figures.items():
        print(f"{name:32}{p50:8.2f} {p99:8.2f} {p50 / clean[0]:9.2f}x {p50 - clean[0]:+12.2f}")


def _quantiles(seconds: list[float]) -> tuple[float, float]:
    """p50 and p99 in milliseconds."""
    cuts = statistics.quantiles(seconds, n=100)
    return cuts[49] * 1000, cuts[98] * 1000

if __name__ == "__main__":
    main()
