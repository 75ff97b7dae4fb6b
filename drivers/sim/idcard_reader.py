"""A GA/T 467 ID-card reader on a pseudo-terminal, for tests and the demo.

The real driver must be exercised through a real serial port with real
bytes, including the failures a kiosk meets (missing SAM, corrupted or cut
answers, noise, slow answers, an unplugged reader). This emulator answers
frames on the master side of a pty; the driver opens the slave with
pyserial exactly as it opens /dev/ttyUSB0.

A pty has no line rate: bytes pass at memory speed whatever baud the driver
sets. Two options make the rate matter honestly. `baud` makes the reader
deaf at any other rate: the line settings belong to the tty, not to one open
file, so the emulator reads the rate the driver set with tcgetattr on its own
descriptor of the slave side, and drops what arrives at another one -- as a
real UART at the wrong rate sees only framing errors and garbage, and its
SAM keeps silent. `pace` delivers every frame no faster than that rate
carries it (10 bits a byte, 8N1): a command counts as received only once its
last byte would have arrived, and an answer goes out in UART-FIFO-sized
pieces, each when its last byte would be on the wire, so a timed read takes
at least its wire time, as on a real line.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import tempfile
import termios
import threading
import time
import tty
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from types import TracebackType

from drivers.idcard.errors import FrameError
from drivers.idcard.frame import HEADER_SIZE, Command, FrameParser, Instruction, Response, Sw3
from drivers.idcard.read_answer import ReadAnswer
from drivers.sim.cards import SimCard

DEFAULT_SAM_ID = bytes.fromhex("05010000202611230000001200a1b2c3")
NOISE = bytes.fromhex("00AAAA55AAAAAA96FF13")
"""Line noise with broken preambles in it, sent before an answer when asked for."""
_LINK_NAME = "idcard-reader"
BITS_PER_BYTE = 10
"""8N1: a start bit, eight data bits, a stop bit."""
PACE_PIECE = 16
"""Bytes handed over at once when pacing, as a 16550-style UART FIFO does."""
_RATES = {
    getattr(termios, f"B{rate}"): rate
    for rate in (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600)
    if hasattr(termios, f"B{rate}")
}


def wire_seconds(byte_count: int, baud: int) -> float:
    """Time `byte_count` bytes take on an 8N1 line at `baud`: the physical floor of a transfer."""
    return byte_count * BITS_PER_BYTE / baud


class Corruption(Enum):
    BAD_CHECKSUM = "bad_checksum"
    TRUNCATE = "truncate"
    NOISE = "noise"


@dataclass
class _Placement:
    card: SimCard
    found: bool = False
    selected: bool = False
    read: bool = False


class _Line:
    """One pty pair and the thread answering on its master side."""

    def __init__(self, emulator: IdCardReaderEmulator) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        fcntl.fcntl(self.master, fcntl.F_SETFL, os.O_NONBLOCK)
        self.path = os.ttyname(self.slave)
        self._wake_r, self._wake_w = os.pipe()
        self._halt = threading.Event()
        self._emulator = emulator
        self._thread = threading.Thread(target=self._serve, name="idcard-sim", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._halt.set()
        os.write(self._wake_w, b"x")
        self._thread.join()
        for fd in (self.master, self.slave, self._wake_r, self._wake_w):
            os.close(fd)

    def line_rate(self) -> int | None:
        """The rate the driver set on the port (None for one outside the usual list)."""
        _iflag, _oflag, _cflag, _lflag, ispeed, _ospeed, _cc = termios.tcgetattr(self.slave)
        return _RATES.get(ispeed)

    def _serve(self) -> None:
        parser = FrameParser()
        while not self._halt.is_set():
            ready, _, _ = select.select([self.master, self._wake_r], [], [])
            if self._wake_r in ready:
                return
            try:
                data = os.read(self.master, 4096)
            except BlockingIOError:
                continue
            self._emulator.wire_bytes += len(data)
            if not self._emulator.hears(self.line_rate()):
                self._emulator.unheard_bytes += len(data)
                parser.reset()
                continue
            for payload in parser.feed(data):
                try:
                    command = Command.from_payload(payload)
                except FrameError:
                    continue
                answer = self._emulator.answer(command)
                frame_size = HEADER_SIZE + len(payload) + 1  # preamble and LEN, payload, CHK
                delay = self._emulator.answer_delay + self._pace_seconds(frame_size)
                if self._halt.wait(delay):
                    return
                self._send(answer)

    def _pace_seconds(self, byte_count: int) -> float:
        rate = self.line_rate() if self._emulator.pace else None
        return wire_seconds(byte_count, rate) if rate else 0.0

    def _send(self, data: bytes) -> None:
        self._emulator.wire_bytes += len(data)
        piece = PACE_PIECE if self._emulator.pace else len(data)
        start = time.monotonic()
        for offset in range(0, len(data), piece):
            chunk = data[offset : offset + piece]
            due = start + self._pace_seconds(offset + len(chunk))
            if self._halt.wait(max(0.0, due - time.monotonic())):
                return
            self._write(chunk)

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view and not self._halt.is_set():
            try:
                view = view[os.write(self.master, view) :]
            except BlockingIOError:
                select.select([], [self.master], [], 0.05)


class IdCardReaderEmulator:
    """A reader with a SAM and a card slot, reachable at `.port` while started.

    `.port` is a symlink (in a directory the emulator owns) to the current pty,
    as a udev rule gives a real reader a stable name; vanish() removes it and
    closes the pty, reappear() opens a new pty behind the same name.
    """

    def __init__(
        self, *, sam_id: bytes = DEFAULT_SAM_ID, baud: int | None = None, pace: bool = False
    ) -> None:
        self.sam_id = sam_id
        self.baud = baud
        """The only rate the reader understands; None: any rate (a pty's own indifference)."""
        self.pace = pace
        """Deliver frames no faster than the port's rate carries them (see the module doc)."""
        self.wire_bytes = 0
        """Bytes that crossed the line so far, both ways (noise and unheard bytes included)."""
        self.unheard_bytes = 0
        """Bytes that arrived at a rate other than `baud`, and so were lost as line noise."""
        self.no_sam = False
        """Answer every command as a reader whose SAM failed its self-test."""
        self.answer_delay = 0.0
        """Seconds to wait before each answer (a slow reader)."""
        self.reset_wakes_card = True
        """A SAM reset switches the field off and on, so a card read before is found anew
        (the driver's recovery of a lost read rests on it); False for a reader where only
        lifting the card does."""
        self._lock = threading.Lock()
        self._placement: _Placement | None = None
        self._corruptions: list[tuple[Corruption, Instruction | None]] = []
        self._verdicts: list[Sw3] = []
        self._every: tuple[int, Corruption] | None = None
        self._answers_since = 0
        self.answered: Counter[Instruction | None] = Counter()
        """How many commands of each kind were answered (None: unknown commands)."""
        self._dir: str | None = None
        self._line: _Line | None = None

    @property
    def port(self) -> str:
        if self._dir is None:
            raise RuntimeError("emulator not started")
        return os.path.join(self._dir, _LINK_NAME)

    def start(self) -> None:
        self._dir = tempfile.mkdtemp(prefix="idcard-sim-")
        self.reappear()

    def stop(self) -> None:
        self.vanish()
        if self._dir is not None:
            os.rmdir(self._dir)
            self._dir = None

    def __enter__(self) -> IdCardReaderEmulator:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def vanish(self) -> None:
        """Unplug: the port name disappears and the open pty hangs up."""
        if self._line is None:
            return
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.port)
        self._line.close()
        self._line = None

    def reappear(self) -> None:
        """Plug back in: a new pty behind the same port name."""
        if self._line is not None:
            return
        self._line = _Line(self)
        staging = self.port + ".new"
        os.symlink(self._line.path, staging)
        os.replace(staging, self.port)

    def hears(self, rate: int | None) -> bool:
        """Whether bytes sent at `rate` reach the SAM as bytes rather than framing errors."""
        return self.baud is None or rate == self.baud

    def place(self, card: SimCard) -> None:
        """Put a card on the reader (replacing any card there): a new placement."""
        with self._lock:
            self._placement = _Placement(card)

    def remove(self) -> None:
        with self._lock:
            self._placement = None

    def corrupt_next(
        self, kind: Corruption, count: int = 1, *, instruction: Instruction | None = None
    ) -> None:
        """Damage the next `count` answers (to `instruction` only, when given) this way."""
        with self._lock:
            self._corruptions.extend([(kind, instruction)] * count)

    def corrupt_every(self, n: int, kind: Corruption = Corruption.BAD_CHECKSUM) -> None:
        """Damage every `n`th answer from now on this way, as a long noisy cable would."""
        if n < 1:
            raise ValueError("n must be 1 or more")
        with self._lock:
            self._every, self._answers_since = (n, kind), 0

    def answer_next_with(self, verdict: Sw3, count: int = 1) -> None:
        """Answer the next `count` commands with just this verdict (e.g. CHECKSUM_ERROR)."""
        with self._lock:
            self._verdicts.extend([verdict] * count)

    def clear_faults(self) -> None:
        """Drop pending corruptions and verdicts; answer normally again."""
        with self._lock:
            self._corruptions.clear()
            self._verdicts.clear()
            self._every = None

    def answer(self, command: Command) -> bytes:
        """The bytes the reader sends back for `command` (called on the pty thread)."""
        with self._lock:
            self.answered[command.instruction] += 1
            response = self._respond(command)
            corruption = self._take_corruption(command.instruction)
        frame = response.encode()
        if corruption is Corruption.BAD_CHECKSUM:
            return frame[:-1] + bytes([frame[-1] ^ 0xFF])
        if corruption is Corruption.TRUNCATE:
            return frame[: len(frame) // 2]
        if corruption is Corruption.NOISE:
            return NOISE + frame
        return frame

    def _take_corruption(self, instruction: Instruction | None) -> Corruption | None:
        if self._every is not None:
            self._answers_since += 1
            n, kind = self._every
            if self._answers_since % n == 0:
                return kind
        for index, (kind, target) in enumerate(self._corruptions):
            if target is None or target is instruction:
                del self._corruptions[index]
                return kind
        return None

    def _respond(self, command: Command) -> Response:
        if self._verdicts:
            return Response.of(self._verdicts.pop(0))
        instruction = command.instruction
        if instruction is None:
            return Response.of(Sw3.COMMAND_ERROR)
        if self.no_sam:
            return Response.of(Sw3.SAM_SELF_TEST_FAILED)
        placement = self._placement
        fresh = placement is not None and not placement.read
        match instruction:
            case Instruction.RESET_SAM:
                if placement is not None and self.reset_wakes_card:
                    self._placement = _Placement(placement.card)
                return Response.of(Sw3.SUCCESS)
            case Instruction.SAM_STATUS:
                return Response.of(Sw3.SUCCESS)
            case Instruction.READ_SAM_ID:
                return Response.of(Sw3.SUCCESS, self.sam_id)
            case Instruction.FIND_CARD if fresh:
                placement.found = True
                return Response.of(Sw3.FIND_SUCCESS, bytes(4))
            case Instruction.FIND_CARD:
                return Response.of(Sw3.FIND_FAILED)
            case Instruction.SELECT_CARD if fresh and placement.found:
                placement.selected = True
                return Response.of(Sw3.SUCCESS, placement.card.serial)
            case Instruction.SELECT_CARD:
                return Response.of(Sw3.SELECT_FAILED)
            case Instruction.READ_TEXT_PHOTO | Instruction.READ_TEXT_PHOTO_FINGERPRINT if (
                fresh and placement.selected
            ):
                placement.read = True
                return Response.of(Sw3.SUCCESS, _read_data(placement.card, instruction))
            case Instruction.READ_NEW_ADDRESS:
                return Response.of(Sw3.NO_CONTENT)
        return Response.of(Sw3.READ_FAILED)


def _read_data(card: SimCard, instruction: Instruction) -> bytes:
    with_fingerprint = instruction is Instruction.READ_TEXT_PHOTO_FINGERPRINT
    return ReadAnswer(
        card.text_block(),
        card.document.photo,
        card.fingerprint if with_fingerprint else None,
    ).encode()
