"""The GA/T 467 frame codec, kept apart from any port so it can be proven byte for byte.

The host and the SAM exchange frames `AA AA AA 96 69 | LEN | payload | CHK` on a
serial line that can carry noise, half frames and corrupted bytes. The reader
driver and the emulator both need the same encoding and the same resynchronising
parser; keeping them here, free of I/O, lets the tests drive them with vectors
and random bytes alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum
from functools import reduce
from operator import xor

from drivers.idcard.errors import FrameError, IdCardError

PREAMBLE = bytes.fromhex("AAAAAA9669")
HEADER_SIZE = len(PREAMBLE) + 2
MIN_LENGTH = 3
"""Smallest LEN: a command's CMD PARA plus CHK."""
MAX_LENGTH = 4096
"""Largest LEN accepted; the longest real answer (text+photo+fingerprint) has 2314."""


class Instruction(Enum):
    """The commands this driver sends, as (CMD, PARA)."""

    RESET_SAM = (0x10, 0xFF)
    SAM_STATUS = (0x11, 0xFF)
    READ_SAM_ID = (0x12, 0xFF)
    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_TEXT_PHOTO = (0x30, 0x01)
    READ_NEW_ADDRESS = (0x30, 0x03)
    READ_TEXT_PHOTO_FINGERPRINT = (0x30, 0x10)


class Sw3(IntEnum):
    """The SAM's verdict byte (SW3) of every answer."""

    SUCCESS = 0x90
    NO_CONTENT = 0x91
    FIND_SUCCESS = 0x9F
    CHECKSUM_ERROR = 0x10
    LENGTH_ERROR = 0x11
    COMMAND_ERROR = 0x21
    UNAUTHORISED = 0x23
    UNKNOWN_ERROR = 0x24
    CARD_REJECTED_SAM = 0x31
    SAM_REJECTED_CARD = 0x32
    VERIFICATION_ERROR = 0x33
    UNKNOWN_CARD_TYPE = 0x40
    READ_FAILED = 0x41
    RANDOM_NUMBER_FAILED = 0x47
    SAM_SELF_TEST_FAILED = 0x60
    SAM_NOT_AUTHORISED = 0x66
    FIND_FAILED = 0x80
    SELECT_FAILED = 0x81

    @property
    def description(self) -> str:
        return _SW3_DESCRIPTIONS[self]

    @property
    def is_sam_fault(self) -> bool:
        """True when the SAM itself is unusable, as opposed to the card or one exchange."""
        return self in (Sw3.SAM_SELF_TEST_FAILED, Sw3.SAM_NOT_AUTHORISED, Sw3.UNAUTHORISED)


_SW3_DESCRIPTIONS = {
    Sw3.SUCCESS: "success",
    Sw3.NO_CONTENT: "no content for this item",
    Sw3.FIND_SUCCESS: "card found",
    Sw3.CHECKSUM_ERROR: "checksum error",
    Sw3.LENGTH_ERROR: "length error",
    Sw3.COMMAND_ERROR: "command error",
    Sw3.UNAUTHORISED: "unauthorised",
    Sw3.UNKNOWN_ERROR: "unknown error",
    Sw3.CARD_REJECTED_SAM: "card failed to authenticate the SAM",
    Sw3.SAM_REJECTED_CARD: "SAM failed to authenticate the card",
    Sw3.VERIFICATION_ERROR: "verification error",
    Sw3.UNKNOWN_CARD_TYPE: "unknown card type",
    Sw3.READ_FAILED: "read failed",
    Sw3.RANDOM_NUMBER_FAILED: "random-number failure",
    Sw3.SAM_SELF_TEST_FAILED: "SAM self-test failed",
    Sw3.SAM_NOT_AUTHORISED: "SAM not authorised",
    Sw3.FIND_FAILED: "find card failed",
    Sw3.SELECT_FAILED: "select card failed",
}


class SamError(IdCardError):
    """The SAM answered with a verdict other than the one the command needs."""

    def __init__(self, sw3: int) -> None:
        self.sw3 = int(sw3)
        self.verdict = _verdict(sw3)
        text = self.verdict.description if self.verdict else "unknown verdict"
        super().__init__(f"SW3 {sw3:02X}: {text}")

    @property
    def sam_fault(self) -> bool:
        """True when the SAM itself is unusable and needs re-initialising."""
        return self.verdict is not None and self.verdict.is_sam_fault


def _verdict(sw3: int) -> Sw3 | None:
    try:
        return Sw3(sw3)
    except ValueError:
        return None


def checksum(data: bytes) -> int:
    """XOR of the bytes, as the frame's CHK (computed over LEN and the payload)."""
    return reduce(xor, data, 0)


def encode_frame(payload: bytes) -> bytes:
    """Wrap a payload (CMD PARA DATA or SW1 SW2 SW3 DATA) in preamble, LEN and CHK."""
    length = len(payload) + 1
    if not MIN_LENGTH <= length <= MAX_LENGTH:
        raise FrameError(f"payload of {len(payload)} bytes does not fit a frame")
    body = length.to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes([checksum(body)])


@dataclass(frozen=True)
class Command:
    """A host-to-SAM frame."""

    cmd: int
    para: int
    data: bytes = b""

    @classmethod
    def of(cls, instruction: Instruction) -> Command:
        cmd, para = instruction.value
        return cls(cmd, para)

    @classmethod
    def from_payload(cls, payload: bytes) -> Command:
        if len(payload) < 2:
            raise FrameError("a command needs CMD and PARA")
        return cls(payload[0], payload[1], bytes(payload[2:]))

    @property
    def instruction(self) -> Instruction | None:
        try:
            return Instruction((self.cmd, self.para))
        except ValueError:
            return None

    def encode(self) -> bytes:
        return encode_frame(bytes([self.cmd, self.para]) + self.data)


@dataclass(frozen=True)
class Response:
    """A SAM-to-host frame."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes = b""

    @classmethod
    def of(cls, sw3: Sw3, data: bytes = b"") -> Response:
        return cls(0, 0, int(sw3), data)

    @classmethod
    def from_payload(cls, payload: bytes) -> Response:
        if len(payload) < 3:
            raise FrameError("an answer needs SW1 SW2 SW3")
        return cls(payload[0], payload[1], payload[2], bytes(payload[3:]))

    @property
    def verdict(self) -> Sw3 | None:
        """The SW3 as an enum member, or None for a code the standard does not list."""
        return _verdict(self.sw3)

    def expect(self, *accepted: Sw3) -> Response:
        """Return self when the verdict is one of `accepted`, else raise SamError."""
        if self.sw3 not in accepted:
            raise SamError(self.sw3)
        return self

    def encode(self) -> bytes:
        return encode_frame(bytes([self.sw1, self.sw2, self.sw3]) + self.data)


class FrameParser:
    """Streaming frame finder: bytes in, checked payloads out.

    Anything that cannot start a frame is dropped; a candidate frame with an
    absurd LEN or a wrong CHK costs only its first byte, so a valid frame that
    follows (or hides inside) garbage is still found. The buffer never holds
    more than one maximal frame's worth of bytes between calls.
    """

    def __init__(self, max_length: int = MAX_LENGTH) -> None:
        self._max_length = max_length
        self._buffer = bytearray()
        self.rejected = 0
        """Candidate frames dropped so far for an absurd LEN or a wrong CHK (line faults)."""

    @property
    def pending(self) -> int:
        """Bytes held while waiting for the rest of a frame."""
        return len(self._buffer)

    @property
    def max_pending(self) -> int:
        """Upper bound of `pending` after any call to feed()."""
        return HEADER_SIZE + self._max_length - 1

    def reset(self) -> None:
        """Forget a partial frame (e.g. after a command went unanswered)."""
        self._drop(len(self._buffer))

    def feed(self, data: bytes) -> list[bytes]:
        """Add received bytes; return the payloads of every complete, valid frame."""
        self._buffer += data
        payloads: list[bytes] = []
        while True:
            start = self._buffer.find(PREAMBLE)
            if start < 0:
                self._drop(len(self._buffer) - _partial_preamble_len(self._buffer))
                return payloads
            self._drop(start)
            if len(self._buffer) < HEADER_SIZE:
                return payloads
            length = int.from_bytes(self._buffer[len(PREAMBLE) : HEADER_SIZE], "big")
            if not MIN_LENGTH <= length <= self._max_length:
                self._reject()
                continue
            end = HEADER_SIZE + length
            if len(self._buffer) < end:
                return payloads
            if checksum(self._buffer[len(PREAMBLE) : end - 1]) != self._buffer[end - 1]:
                self._reject()
                continue
            payloads.append(bytes(self._buffer[HEADER_SIZE : end - 1]))
            del self._buffer[:end]

    def _drop(self, count: int) -> None:
        del self._buffer[:count]

    def _reject(self) -> None:
        self.rejected += 1
        self._drop(1)


def _partial_preamble_len(buffer: bytearray) -> int:
    """Length of the longest tail of `buffer` that could be the start of a preamble."""
    for size in range(min(len(PREAMBLE) - 1, len(buffer)), 0, -1):
        if buffer.endswith(PREAMBLE[:size]):
            return size
    return 0
