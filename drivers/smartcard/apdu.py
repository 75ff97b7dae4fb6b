"""Command APDUs the profiles send and the one way responses are split.

Keeping the byte layouts here lets the profiles read like the card
specification (select this, read that) and keeps the "is this even a
response?" check in one place, so garbage from a card always becomes a
MalformedResponse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from drivers.smartcard.errors import MalformedResponse

SW_OK = 0x9000


@dataclass(frozen=True)
class Response:
    """A response APDU: data bytes and the status word SW1SW2."""

    data: bytes
    sw: int

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK


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
