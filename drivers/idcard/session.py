"""One conversation with a SAM over an open serial port: command in, verdict out.

The polling reader thread and the technicians' one-shot `kiosk read-id`
command both need the same exchange — send a frame, wait a bounded time for
the answer, check the verdict, parse the card — so it lives here once, with
no thread. Its one retry is at the level of a single command: an answer
damaged on a noisy line is asked again when the SAM would answer the same
(what to do when it would not is `drivers.idcard.taking`'s business).
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
from drivers.idcard.errors import DamagedAnswer, FrameError, NoAnswer
from drivers.idcard.frame import Command, FrameParser, Instruction, Response, Sw3
from drivers.idcard.line import LineHealth
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
LINE_QUIET = 0.15
"""Seconds of silence after part of a frame before the answer counts as damaged (cut short):
a SAM sends an answer in one go, but a USB-serial adapter may hold bytes back 16 ms."""
SETTLE = 0.02
"""Seconds of silence after a whole frame that failed its checks, with nothing pending,
before the answer counts as damaged: time for a valid frame behind noise to arrive."""
ASKS = 3
"""Times in all a command that may be repeated is sent when its answers come back damaged."""
REPEATABLE = frozenset(
    {Instruction.RESET_SAM, Instruction.SAM_STATUS, Instruction.READ_SAM_ID, Instruction.FIND_CARD}
)
"""Commands the SAM answers the same way when asked twice. Not select (a selected card may
refuse a second one) nor the reads (the SAM reads a card once per placement)."""

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
    Every answer, whole or damaged, is counted in `line` (a new LineHealth
    unless one is given, so a reader keeps its count across reconnections).
    """

    def __init__(
        self,
        port: serial.Serial,
        *,
        answer_timeout: float = ANSWER_TIMEOUT,
        cancelled: Callable[[], bool] = lambda: False,
        line: LineHealth | None = None,
    ) -> None:
        self._port = port
        self._answer_timeout = answer_timeout
        self._cancelled = cancelled
        self._parser = FrameParser()
        self.line = line if line is not None else LineHealth()
        """Whole and damaged answers, for the reader's status."""

    def transact(self, instruction: Instruction) -> Response:
        """Send one command and return the first valid answer frame.

        A damaged answer to a command that may be repeated is asked again, up to
        ASKS times in all; DamagedAnswer when every answer was damaged, or at once
        for a command the SAM cannot answer twice; NoAnswer when nothing came.
        """
        with _port_errors():
            for _ in range(ASKS - 1 if instruction in REPEATABLE else 0):
                try:
                    return self._exchange(instruction)
                except DamagedAnswer:
                    log.info("damaged answer to %s; asking again", instruction.name)
            return self._exchange(instruction)

    def _exchange(self, instruction: Instruction) -> Response:
        self._port.reset_input_buffer()
        self._parser.reset()
        self._port.write(Command.of(instruction).encode())
        deadline = time.monotonic() + self._answer_timeout
        rejected, heard, short = self._parser.rejected, None, False
        while True:
            chunk = self._port.read(self._port.in_waiting or 1)
            now = time.monotonic()
            if chunk:
                heard = now
            for payload in self._parser.feed(chunk):
                try:
                    response = Response.from_payload(payload)
                except FrameError:
                    short = True  # a frame too short to be an answer is damaged too
                    continue
                self.line.record(damaged=False)
                return response
            quiet = self._quiet_before_damaged(short or self._parser.rejected > rejected)
            if heard is not None and quiet is not None and now - heard >= quiet:
                self.line.record(damaged=True)
                raise DamagedAnswer(f"damaged answer to {instruction.name}")
            if self._cancelled() or now >= deadline:
                raise NoAnswer(f"no answer to {instruction.name}")

    def _quiet_before_damaged(self, rejected: bool) -> float | None:
        """Silence that makes what arrived a damaged answer; None: nothing frame-like came."""
        if self._parser.pending:
            return LINE_QUIET
        return SETTLE if rejected else None

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
        self.sam_healthy()
        return self.transact(Instruction.READ_SAM_ID).expect(Sw3.SUCCESS).data.hex().upper()

    def exercise(self, count: int) -> None:
        """Ask the SAM's id `count` times, so `line` has answers to judge the line by."""
        for _ in range(count):
            self.transact(Instruction.READ_SAM_ID)

    def find_card(self) -> bool:
        """True when a card not yet read in this placement is on the reader."""
        answer = self.transact(Instruction.FIND_CARD).expect(Sw3.FIND_SUCCESS, Sw3.FIND_FAILED)
        return answer.sw3 == Sw3.FIND_SUCCESS

    def select_card(self) -> bool:
        """True when the card found is selected.

        A damaged answer counts as a yes rather than being asked again: a card
        already selected may refuse a second select, and the read that follows
        fails on a card that was not selected, so it tells.
        """
        try:
            answer = self.transact(Instruction.SELECT_CARD)
        except DamagedAnswer:
            return True
        return answer.expect(Sw3.SUCCESS, Sw3.SELECT_FAILED).sw3 == Sw3.SUCCESS

    def reset_sam(self) -> None:
        """Reset the SAM, and with it the reader's field: a card read before answers anew."""
        self.transact(Instruction.RESET_SAM).expect(Sw3.SUCCESS)

    def sam_healthy(self) -> None:
        """SamError unless the SAM says it is healthy."""
        self.transact(Instruction.SAM_STATUS).expect(Sw3.SUCCESS)

    def read_card(self, *, with_fingerprint: bool = False) -> IdentityDocument:
        """Read the selected card; SamError, FrameError or TextBlockError when that fails."""
        instruction = Instruction.READ_TEXT_PHOTO
        if with_fingerprint:
            instruction = Instruction.READ_TEXT_PHOTO_FINGERPRINT
        answer = self.transact(instruction).expect(Sw3.SUCCESS)
        blocks = ReadAnswer.decode(answer.data, with_fingerprint=with_fingerprint)
        return parse_text_block(blocks.text, blocks.photo, blocks.fingerprint or b"")


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
    line: LineHealth | None = None,
) -> tuple[serial.Serial, SamSession, int]:
    """Open `port` and a session on it; with baud "auto", probe `rates` in order first.

    Returns the open port (the caller closes it), the session and the rate in
    use; on any failure the port is closed before the error propagates.
    """
    fixed = check_baud(baud) != AUTO_BAUD
    rate = int(baud) if fixed else rates[0]
    serial_port = open_port(port, rate)
    try:
        session = SamSession(
            serial_port, answer_timeout=answer_timeout, cancelled=cancelled, line=line
        )
        if not fixed:
            rate = session.find_baud(rates)
            log.info("ID-card reader on %s answers at %d bps", port, rate)
    except BaseException:
        serial_port.close()
        raise
    return serial_port, session, rate
