"""One conversation with a SAM over an open serial port: command in, verdict out.

The polling reader thread and the technicians' one-shot `kiosk read-id`
command both need the same exchange — send a frame, wait a bounded time for
the answer, check the verdict, parse the card — so it lives here once, with
no thread and no retry policy of its own.
"""

from __future__ import annotations

import logging
import termios
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Literal

import serial

from drivers.idcard.document import IdentityDocument
from drivers.idcard.errors import CardNotPresent, FrameError, NoAnswer
from drivers.idcard.frame import Command, FrameParser, Instruction, Response, Sw3
from drivers.idcard.read_answer import ReadAnswer
from drivers.idcard.text_block import parse_text_block

READ_TIMEOUT = 0.05
"""Seconds one serial read may block; keeps every loop responsive to stop requests."""
ANSWER_TIMEOUT = 3.0
"""Seconds a SAM may take to answer; reading a card over the air takes about a second."""
POLL_INTERVAL = 0.3
BAUD_RATES = (115200, 57600, 38400, 19200, 9600)
"""The rates a SAM can be switched to (CMD 60, PARA 00..04), factory default first."""
AUTO_BAUD = "auto"
Baud = int | Literal["auto"]
"""A fixed rate, or "auto" to probe BAUD_RATES (a string, so a TOML setting can say it)."""
PROBE_TIMEOUT = 0.5
"""Seconds to wait for an answer at each rate while probing; a SAM answers a SAM-id read at once."""

log = logging.getLogger(__name__)


@contextmanager
def _port_errors() -> Iterator[None]:
    """Report a port that hung up mid-call (termios.error is no OSError) as SerialException."""
    try:
        yield
    except termios.error as exc:
        raise serial.SerialException(f"port failed: {exc}") from exc


def open_port(port: str, baud: int) -> serial.Serial:
    """Open the reader's port 8N1 with short read and write timeouts."""
    with _port_errors():
        return serial.Serial(port, baud, timeout=READ_TIMEOUT, write_timeout=ANSWER_TIMEOUT)


class SamSession:
    """Commands to the SAM behind `port`; each waits at most `answer_timeout` seconds.

    `cancelled` is asked between serial reads; when it returns True the wait
    ends at once with NoAnswer (so stopping a reader need not wait for a SAM).
    """

    def __init__(
        self,
        port: serial.Serial,
        *,
        answer_timeout: float = ANSWER_TIMEOUT,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> None:
        self._port = port
        self._answer_timeout = answer_timeout
        self._cancelled = cancelled
        self._parser = FrameParser()

    def transact(self, instruction: Instruction) -> Response:
        """Send one command and return the first valid answer frame; NoAnswer if none comes."""
        with _port_errors():
            return self._transact(instruction)

    def _transact(self, instruction: Instruction) -> Response:
        self._port.reset_input_buffer()
        self._parser.reset()
        self._port.write(Command.of(instruction).encode())
        deadline = time.monotonic() + self._answer_timeout
        while True:
            chunk = self._port.read(self._port.in_waiting or 1)
            for payload in self._parser.feed(chunk):
                try:
                    return Response.from_payload(payload)
                except FrameError:
                    continue
            if self._cancelled() or time.monotonic() >= deadline:
                raise NoAnswer(f"no answer to {instruction.name}")

    def find_baud(self, rates: Sequence[int], answer_timeout: float = PROBE_TIMEOUT) -> int:
        """Switch the port to the first of `rates` the SAM answers at; NoAnswer if none.

        A reader set to another rate sees the command as line noise and keeps
        silent, so any checksum-valid frame, whatever its verdict, proves the
        rate. The port is left at the rate found.
        """
        probe = SamSession(self._port, answer_timeout=answer_timeout, cancelled=self._cancelled)
        for rate in rates:
            with _port_errors():
                self._port.baudrate = rate
            try:
                probe.transact(Instruction.READ_SAM_ID)
            except NoAnswer:
                if self._cancelled():
                    raise
                continue
            return rate
        raise NoAnswer(f"no answer at any of {', '.join(map(str, rates))} bps")

    def sam_id(self) -> str:
        """Check the SAM is healthy and return its id (hex); SamError when it is not."""
        self.transact(Instruction.SAM_STATUS).expect(Sw3.SUCCESS)
        return self.transact(Instruction.READ_SAM_ID).expect(Sw3.SUCCESS).data.hex().upper()

    def find_card(self) -> bool:
        """True when a card not yet read in this placement is on the reader."""
        answer = self.transact(Instruction.FIND_CARD).expect(Sw3.FIND_SUCCESS, Sw3.FIND_FAILED)
        return answer.sw3 == Sw3.FIND_SUCCESS

    def select_card(self) -> bool:
        answer = self.transact(Instruction.SELECT_CARD).expect(Sw3.SUCCESS, Sw3.SELECT_FAILED)
        return answer.sw3 == Sw3.SUCCESS

    def read_card(self, *, with_fingerprint: bool = False) -> IdentityDocument:
        """Read the selected card; SamError, FrameError or TextBlockError when that fails."""
        instruction = Instruction.READ_TEXT_PHOTO
        if with_fingerprint:
            instruction = Instruction.READ_TEXT_PHOTO_FINGERPRINT
        answer = self.transact(instruction).expect(Sw3.SUCCESS)
        blocks = ReadAnswer.decode(answer.data, with_fingerprint=with_fingerprint)
        return parse_text_block(blocks.text, blocks.photo, blocks.fingerprint or b"")

    def take_card(self, *, with_fingerprint: bool = False) -> IdentityDocument | None:
        """Find, select and read in one go; None when no new card is on the reader."""
        if not (self.find_card() and self.select_card()):
            return None
        return self.read_card(with_fingerprint=with_fingerprint)


def check_baud(baud: Baud) -> Baud:
    """`baud` itself when it is a positive rate or "auto"; ValueError for anything else."""
    if baud == AUTO_BAUD or (isinstance(baud, int) and baud > 0):
        return baud
    raise ValueError(f"baud must be a rate in bps or {AUTO_BAUD!r}, not {baud!r}")


def connect(
    port: str,
    baud: Baud,
    *,
    answer_timeout: float = ANSWER_TIMEOUT,
    cancelled: Callable[[], bool] = lambda: False,
    rates: Sequence[int] = BAUD_RATES,
) -> tuple[serial.Serial, SamSession, int]:
    """Open `port` and a session on it; with baud "auto", probe `rates` in order first.

    Returns the open port (the caller closes it), the session and the rate in
    use; on any failure the port is closed before the error propagates.
    """
    fixed = check_baud(baud) != AUTO_BAUD
    rate = int(baud) if fixed else rates[0]
    serial_port = open_port(port, rate)
    try:
        session = SamSession(serial_port, answer_timeout=answer_timeout, cancelled=cancelled)
        if not fixed:
            rate = session.find_baud(rates)
            log.info("ID-card reader on %s answers at %d bps", port, rate)
    except BaseException:
        serial_port.close()
        raise
    return serial_port, session, rate


def read_one(port: str, baud: Baud = 115200, timeout: float = 5.0) -> IdentityDocument:
    """Read the next card placed on the reader at `port`, waiting up to `timeout` seconds.

    For technicians' tools: raises CardNotPresent when no card came in time,
    NoAnswer / SamError when the reader or its SAM is not working, and
    serial.SerialException when the port cannot be opened. With baud "auto"
    the rate found is logged, so a technician can write it into the settings.
    """
    serial_port, session, _rate = connect(port, baud)
    with serial_port:
        session.sam_id()
        deadline = time.monotonic() + timeout
        while True:
            document = session.take_card()
            if document is not None:
                return document
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CardNotPresent(f"no card placed within {timeout:g} s")
            time.sleep(min(POLL_INTERVAL, remaining))
