"""Command APDUs the profiles send, the one way responses are split, and T=0's procedure.

Keeping the byte layouts here lets the profiles read like the card
specification (select this, read that) and keeps the "is this even a
response?" check in one place, so garbage from a card always becomes a
MalformedResponse.

A card on T=0 cannot send data in the same breath as the command, so it
answers with a procedure status instead (ISO/IEC 7816-3 and -4): `61 xx`,
"xx bytes are waiting, fetch them with GET RESPONSE", or `6C xx`, "wrong Le,
send the command again with Le = xx". Neither pcsc-lite nor pyscard (2.3.1:
scard.SCardTransmit and CardConnection.transmit return the card's answer as
it is) completes this, so `exchange` does, for every protocol: a card on T=1
may use 61xx as well.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from drivers.smartcard.errors import MalformedResponse

SW_OK = 0x9000
SW1_MORE_DATA = 0x61
SW1_WRONG_LE = 0x6C
MAX_EXCHANGES = 32
"""Commands one exchange may take (the first, resends, GET RESPONSEs): 31 × 256 bytes is
far more than any item holds, so a card that wants more is stuck in a loop."""


@dataclass(frozen=True)
class Response:
    """A response APDU: data bytes and the status word SW1SW2."""

    data: bytes
    sw: int

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK

    @property
    def sw1(self) -> int:
        return self.sw >> 8

    @property
    def sw2(self) -> int:
        return self.sw & 0xFF


def parse_response(raw: Sequence[int] | bytes) -> Response:
    """Split a raw response; fewer than two bytes cannot carry a status word."""
    raw = bytes(raw)
    if len(raw) < 2:
        raise MalformedResponse(f"response of {len(raw)} byte(s) has no status word")
    return Response(data=raw[:-2], sw=int.from_bytes(raw[-2:], "big"))


def select_by_name(name: bytes) -> bytes:
    """SELECT a DF by its name (AID): `00 A4 04 00 Lc name`."""
    return bytes([0x00, 0xA4, 0x04, 0x00, len(name)]) + name


def select_file(file_id: int) -> bytes:
    """SELECT an EF by its 2-byte identifier: `00 A4 02 00 02 fid`."""
    return bytes([0x00, 0xA4, 0x02, 0x00, 0x02]) + file_id.to_bytes(2, "big")


def read_record(tag: int) -> bytes:
    """READ RECORD of one item by its tag: `00 B2 tag 00 00`."""
    return bytes([0x00, 0xB2, tag, 0x00, 0x00])


GET_UID = bytes.fromhex("FFCA000000")
"""PC/SC pseudo-APDU that contactless readers answer with the card's UID."""


def get_response(length: int) -> bytes:
    """GET RESPONSE of `length` bytes (0 for 256): `00 C0 00 00 Le`."""
    return bytes([0x00, 0xC0, 0x00, 0x00, length])


def with_le(command: bytes, le: int) -> bytes:
    """The short APDU `command` with its Le set to `le`: replaced, or added to a case 1/3 one."""
    lc = command[4] if len(command) > 5 else 0
    if len(command) == 4 or (lc and len(command) == 5 + lc):
        return command + bytes([le])
    if len(command) == 5 or (lc and len(command) == 6 + lc):
        return command[:-1] + bytes([le])
    raise ValueError(f"not a short command APDU: {command.hex()}")


def exchange(send: Callable[[bytes], Response], command: bytes) -> Response:
    """Send `command` through `send` and complete T=0's 61xx and 6Cxx procedure.

    On 6Cxx the command goes again with Le = xx; on 61xx a GET RESPONSE of xx
    bytes follows, again while the card answers 61xx. The result carries the
    data of every step joined and the last status word. A card that keeps
    asking (past MAX_EXCHANGES, or 6Cxx for the Le it was just sent) gives
    MalformedResponse, never an endless loop.
    """
    data = b""
    for _ in range(MAX_EXCHANGES):
        response = send(command)
        if response.sw1 == SW1_WRONG_LE:
            resend = with_le(command, response.sw2)
            if resend == command:
                raise MalformedResponse(f"card asks for the Le it was sent ({response.sw:04X})")
            command = resend
            continue
        data += response.data
        if response.sw1 != SW1_MORE_DATA:
            return Response(data=data, sw=response.sw)
        command = get_response(response.sw2)
    raise MalformedResponse(f"card still not done after {MAX_EXCHANGES} commands")
