"""Unit tests of the item decoding: examples from the card format, then properties.

Whatever bytes a card sends, the decoders return a value or raise
MalformedResponse; hypothesis looks for any other outcome.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.smartcard.apdu import parse_response
from drivers.smartcard.errors import MalformedResponse
from drivers.smartcard.tlv import decode_digits, decode_text, parse_item

NAME_GBK = "王秀英".encode("gbk")


def test_item_value_is_cut_from_tag_and_length() -> None:
    assert parse_item(bytes([0x09, 3]) + b"abc", 0x09) == b"abc"


def test_bytes_after_the_item_are_ignored() -> None:
    assert parse_item(bytes([0x07, 2]) + b"ab" + b"\x00\x00", 0x07) == b"ab"


@pytest.mark.parametrize(
    "data",
    [b"", b"\x09", bytes([0x08, 3]) + b"abc", bytes([0x09, 4]) + b"abc"],
    ids=["empty", "tag only", "wrong tag", "length past end"],
)
def test_broken_items_are_malformed(data: bytes) -> None:
    with pytest.raises(MalformedResponse):
        parse_item(data, 0x09)


def test_gbk_text_loses_its_padding() -> None:
    assert decode_text(NAME_GBK.ljust(30, b"\x00")) == "王秀英"
    assert decode_text(NAME_GBK + b"\xff\xff") == "王秀英"
    assert decode_text(b"A10023687") == "A10023687"


@pytest.mark.parametrize(
    "value",
    [b"\x81", b"\xc9\x00", b"ab\x01cd", b"\x7f"],
    ids=["lone lead byte", "lead byte before padding", "control char", "DEL"],
)
def test_bad_text_is_malformed(value: bytes) -> None:
    with pytest.raises(MalformedResponse):
        decode_text(value)


def test_digits_come_from_bcd_or_ascii() -> None:
    assert decode_digits(bytes.fromhex("19560308"), 8) == "19560308"
    assert decode_digits(bytes.fromhex("01"), 2) == "01"
    assert decode_digits(bytes.fromhex("11010F"), 6) == "11010"
    assert decode_digits(b"19560308", 8) == "19560308"


@pytest.mark.parametrize(
    ("value", "digits"),
    [(bytes.fromhex("1A"), 2), (bytes.fromhex("F1"), 2), (b"1956O308", 8), (b"123456789", 8)],
    ids=["hex nibble", "padding first", "letter O", "too long"],
)
def test_bad_digits_are_malformed(value: bytes, digits: int) -> None:
    with pytest.raises(MalformedResponse):
        decode_digits(value, digits)


def test_a_response_needs_a_status_word() -> None:
    assert parse_response([0x01, 0x90, 0x00]).data == b"\x01"
    assert parse_response([0x6A, 0x83]).sw == 0x6A83
    with pytest.raises(MalformedResponse):
        parse_response([0x5A])


@given(st.binary(max_size=300), st.integers(0, 255))
def test_any_item_bytes_give_a_value_or_malformed(data: bytes, tag: int) -> None:
    try:
        value = parse_item(data, tag)
    except MalformedResponse:
        return
    assert data[0] == tag
    assert value == data[2 : 2 + data[1]]


@given(st.binary(max_size=64))
def test_any_text_bytes_give_text_or_malformed(value: bytes) -> None:
    try:
        text = decode_text(value)
    except MalformedResponse:
        return
    assert text == text.strip()
    assert all(ord(char) >= 0x20 for char in text)


@given(st.binary(max_size=16), st.integers(1, 20))
def test_any_digit_bytes_give_digits_or_malformed(value: bytes, digits: int) -> None:
    try:
        text = decode_digits(value, digits)
    except MalformedResponse:
        return
    assert len(text) <= digits
    assert text == "" or text.isdigit()


_GBK_TEXT = st.text(
    st.characters(codec="gbk", min_codepoint=0x21, exclude_characters="\x7f"), max_size=15
)


@given(_GBK_TEXT, st.integers(0, 8), st.sampled_from([b"\x00", b"\xff"]))
def test_padded_gbk_text_round_trips(text: str, padding: int, pad: bytes) -> None:
    assert decode_text(text.encode("gbk") + pad * padding) == text.strip()


@given(st.text("0123456789", min_size=1, max_size=8))
def test_bcd_digits_round_trip(digits: str) -> None:
    packed = bytes.fromhex(digits.ljust(8, "F"))
    assert decode_digits(packed, 8) == digits
