"""The command APDUs byte for byte as HARDWARE.md §4 gives them, and what a malformed
answer's error says (the technician's log reads it: step and sizes, never card content)."""

from __future__ import annotations

import pytest

from drivers.smartcard.apdu import (
    get_response,
    parse_response,
    read_record,
    select_by_name,
    select_file,
    with_le,
)
from drivers.smartcard.errors import MalformedResponse
from drivers.smartcard.tlv import decode_digits, decode_text, parse_item

SSSE_NAME = "sx1.sh.社会保障".encode("gbk")


def test_the_social_security_card_s_commands_are_the_documented_bytes() -> None:
    assert select_by_name(SSSE_NAME) == bytes.fromhex("00A404000F7378312E73682EC9E7BBE1B1A3D5CF")
    assert select_file(0xEF05) == bytes.fromhex("00A4020002EF05")
    assert select_file(0x0006) == bytes.fromhex("00A40200020006")
    assert read_record(0x09) == bytes.fromhex("00B2090000")
    assert get_response(0x1C) == bytes.fromhex("00C000001C")


def test_a_status_word_is_read_high_byte_first() -> None:
    response = parse_response(bytes.fromhex("41426A81"))
    assert (response.data, response.sw, response.sw1, response.sw2) == (b"AB", 0x6A81, 0x6A, 0x81)
    assert not response.ok and parse_response(b"\x90\x00").ok


def test_le_goes_after_the_one_data_byte_of_a_case_3_command() -> None:
    assert with_le(bytes.fromhex("00A4040001AA"), 0x10) == bytes.fromhex("00A4040001AA10")
    assert with_le(bytes.fromhex("00A4040001AA00"), 0x10) == bytes.fromhex("00A4040001AA10")


def test_an_empty_item_is_a_value() -> None:
    # a card may hold an item it has nothing in: tag, length 0
    assert parse_item(b"\x0c\x00", 0x0C) == b""


def test_blanks_inside_a_text_item_are_kept() -> None:
    assert decode_text(b"LI SI\x00\x00") == "LI SI"
    assert decode_text("王 秀英".encode("gbk")) == "王 秀英"


@pytest.mark.parametrize(
    ("decode", "message"),
    [
        (lambda: parse_response(b"\x90"), "response of 1 byte(s) has no status word"),
        (lambda: parse_item(b"\x09", 0x09), "item 09: 1 byte(s) is not a TLV"),
        (lambda: parse_item(b"\x08\x01A", 0x09), "asked for item 09, got item 08"),
        (lambda: parse_item(b"\x09\x05ABC", 0x09), "item 09 claims 5 bytes but carries 3"),
        (lambda: decode_text(b"\x81"), "text item is not valid GBK"),
        (lambda: decode_text(b"A\x01"), "text item contains control characters"),
        (lambda: decode_digits(b"\x1a", 2), "numeric item is not 2 digits"),
        (lambda: decode_digits(b"123456789", 8), "numeric item is longer than 8 digits"),
    ],
    ids=["no status word", "no TLV", "wrong tag", "short value", "not GBK", "control",
         "not digits", "too long"],
)
def test_a_malformed_answer_says_what_was_wrong(decode, message: str) -> None:
    with pytest.raises(MalformedResponse) as raised:
        decode()
    assert str(raised.value) == message
