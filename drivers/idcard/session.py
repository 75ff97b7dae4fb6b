"""One conversation with a SAM over an open serial port: command in, verdict out.

The polling reader thread and the technicians' one-shot `kiosk read-id`
command both need the same exchange — send a frame, wait a bounded time for
the answer, check the verdict, parse the card — so it lives here once, with
no thread and no retry policy of its own.
"""

from __future__ import annotations

import termios
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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


def read_one(port: str, baud: int = 115200, timeout: float = 5.0) -> IdentityDocument:
    """Read the next card placed on the reader at `port`, waiting up to `timeout` seconds.

    For technicians' tools: raises CardNotPresent when no card came in time,
    NoAnswer / SamError when the reader or its SAM is not working, and
    serial.SerialException when the port cannot be opened.
    """
    with open_port(port, baud) as serial_port:
        session = SamSession(serial_port)
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
