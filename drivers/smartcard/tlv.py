"""Decoding of social security card items: TLV framing, GBK text and BCD digits.

Everything here works on bytes a card chose to send, so every path ends in a
value or a MalformedResponse; the property tests hold it to that.

Item formats (card specification, as public summaries give it): 'an' items
are text left aligned and padded with 00; 'cn' items are packed BCD padded
with F nibbles. Some issuers store 'cn' items as ASCII digits instead; those
are told apart by length (text needs a byte per digit, BCD half that).
"""

from __future__ import annotations

from drivers.smartcard.errors import MalformedResponse

_TEXT_PADDING = b"\x00\xff"
"""Right padding of 'an' items. Neither byte can end a GBK character."""


def parse_item(data: bytes, tag: int) -> bytes:
    """The value of the one TLV item `data` must hold, which must carry `tag`.

    Bytes after the item are ignored (a record may be longer than its item).
    """
    if len(data) < 2:
        raise MalformedResponse(f"item {tag:02X}: {len(data)} byte(s) is not a TLV")
    if data[0] != tag:
        raise MalformedResponse(f"asked for item {tag:02X}, got item {data[0]:02X}")
    length = data[1]
    if length > len(data) - 2:
        raise MalformedResponse(f"item {tag:02X} claims {length} bytes but carries {len(data) - 2}")
    return data[2 : 2 + length]


def decode_text(value: bytes) -> str:
    """An 'an' item: GBK text without its padding or surrounding blanks."""
    try:
        text = value.rstrip(_TEXT_PADDING).decode("gbk")
    except UnicodeDecodeError:
        raise MalformedResponse("text item is not valid GBK") from None
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in text):
        raise MalformedResponse("text item contains control characters")
    return text.strip()


def decode_digits(value: bytes, digits: int) -> str:
    """A 'cn' item of up to `digits` digits, as BCD or as ASCII digits."""
    bcd = len(value) < digits
    text = value.hex().upper().rstrip("F") if bcd else decode_text(value)
    if text and not (text.isascii() and text.isdigit()):
        raise MalformedResponse(f"numeric item is not {digits} digits")
    if len(text) > digits:
        raise MalformedResponse(f"numeric item is longer than {digits} digits")
    return text
