"""The ID card's codecs at their edges: an ID number ending in X off a real read, NUL
padding, a card without any name, the issue count's digits, the technician's reasons,
empty blocks in a read answer, and the parser's count of damaged frames."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.idcard.errors import FrameError, TextBlockError
from drivers.idcard.frame import (
    MAX_LENGTH,
    Command,
    FrameParser,
    Instruction,
    Response,
    SamError,
    Sw3,
)
from drivers.idcard.read_answer import ReadAnswer
from drivers.idcard.text_block import parse_text_block
from drivers.sim.cards import DEMO_CARDS, SimCard

NUMBER_WITH_X = "11010519491231002X"


def put(block: bytes, offset: int, raw: bytes) -> bytes:
    return block[:offset] + raw + block[offset + len(raw):]


def test_an_id_number_ending_in_x_keeps_its_x_through_the_pty(emulator, recorder, start_reader):
    # GB 11643's check character X is the number's last character, right before the padding
    card = SimCard(replace(DEMO_CARDS["wang_xiuying"].document, id_number=NUMBER_WITH_X))
    start_reader()
    emulator.place(card)
    assert recorder.card().document.id_number == NUMBER_WITH_X


def test_fields_padded_with_nul_characters_lose_the_padding() -> None:
    block = DEMO_CARDS["li_ming"].text_block()
    block = put(block, 4, "\x00".encode("utf-16-le") * 13)  # after the two characters of 李明
    assert parse_text_block(block).name == "李明"


def test_a_block_read_without_photo_has_none() -> None:
    document = parse_text_block(DEMO_CARDS["li_ming"].text_block())
    assert (document.photo, document.fingerprint) == (b"", b"")


def test_a_card_with_neither_chinese_nor_english_name_is_refused() -> None:
    block = DEMO_CARDS["foreign_2017"].text_block()
    block = put(block, 0, b" \x00" * 60)  # the English name's field
    block = put(block, 158, b" \x00" * 15)  # the Chinese name's
    with pytest.raises(TextBlockError, match=r"^the card holds no name$"):
        parse_text_block(block)


@pytest.mark.parametrize("count", ["0A", "٠١"], ids=["letter", "arabic-indic digits"])
def test_an_issue_count_of_other_than_ascii_digits_is_refused(count: str) -> None:
    block = put(DEMO_CARDS["huang_jiaming"].text_block(), 238, count.encode("utf-16-le"))
    with pytest.raises(TextBlockError, match=r"^issue count is not a number$"):
        parse_text_block(block)


LONE_SURROGATE = b"\x00\xdc"


@pytest.mark.parametrize(
    ("offset", "raw", "reason"),
    [
        (248, LONE_SURROGATE, "card type is not valid UCS-2 text"),
        (0, LONE_SURROGATE, "name is not valid UCS-2 text"),
        (122, b" \x00" * 18, "the card holds no document number"),
        (36, "1956030A".encode("utf-16-le"), "birth date is not YYYYMMDD"),
        (188, "20150230".encode("utf-16-le"), "valid-from date is not a real date"),
        (204, "2035013X".encode("utf-16-le"), "valid-to date is not YYYYMMDD"),
    ],
)
def test_a_damaged_block_names_the_field_for_the_technician(offset: int, raw: bytes,
                                                            reason: str) -> None:
    # the reader puts this text in the status a technician reads after repeated failures
    block = put(DEMO_CARDS["li_ming"].text_block(), offset, raw)
    with pytest.raises(TextBlockError) as raised:
        parse_text_block(block)
    assert str(raised.value) == reason


def test_a_verdict_the_standard_does_not_list_is_named_unknown() -> None:
    assert str(SamError(0x55)) == "SW3 55: unknown verdict"
    assert str(SamError(Sw3.FIND_FAILED)) == "SW3 80: find card failed"


def test_an_answer_without_its_three_status_bytes_says_so() -> None:
    with pytest.raises(FrameError) as raised:
        Response.from_payload(b"\x00\x90")
    assert str(raised.value) == "an answer needs SW1 SW2 SW3"


def test_each_damaged_frame_is_counted_once() -> None:
    good = Response.of(Sw3.SUCCESS).encode()
    damaged = good[:-1] + bytes([good[-1] ^ 0xFF])
    parser = FrameParser()
    assert parser.feed(damaged + good) == [good[7:-1]]
    assert parser.rejected == 1


@given(st.binary(max_size=40), st.binary(max_size=40), st.none() | st.binary(max_size=40))
def test_a_read_answer_round_trips_even_with_empty_blocks(text: bytes, photo: bytes,
                                                          fingerprint: bytes | None) -> None:
    answer = ReadAnswer(text, photo, fingerprint)
    assert ReadAnswer.decode(answer.encode(), with_fingerprint=fingerprint is not None) == answer


@pytest.mark.parametrize(
    ("data", "with_fingerprint", "reason"),
    [
        (b"\x00\x00\x00", False, "read answer too short for its length fields"),
        (b"\x00\x00\x00\x00\x00", True, "read answer too short for its length fields"),
        (b"\x00\x01\x00\x00", False, "read answer lengths do not add up to its size"),
    ],
)
def test_a_broken_read_answer_says_what_is_wrong(data: bytes, with_fingerprint: bool,
                                                 reason: str) -> None:
    with pytest.raises(FrameError) as raised:
        ReadAnswer.decode(data, with_fingerprint=with_fingerprint)
    assert str(raised.value) == reason


def test_a_command_s_data_follows_cmd_and_para() -> None:
    # the emulator reads the host's commands with this: CMD PARA DATA...
    assert Command.from_payload(b"\x30\x01\xaa\xbb") == Command(0x30, 0x01, b"\xaa\xbb")
    assert Command.from_payload(b"\x20\x01") == Command(0x20, 0x01)
    with pytest.raises(FrameError) as raised:
        Command.from_payload(b"\x20")
    assert str(raised.value) == "a command needs CMD and PARA"


@pytest.mark.parametrize("split", range(1, 5))
def test_a_frame_whose_preamble_is_split_after_noise_is_found(split: int) -> None:
    good = Command.of(Instruction.FIND_CARD).encode()
    parser = FrameParser()
    assert parser.feed(b"\x13\x37" + good[:split]) == []
    assert parser.pending == split
    assert parser.feed(good[split:]) == [good[7:-1]]


def test_noise_that_cannot_start_a_preamble_is_not_kept() -> None:
    parser = FrameParser()
    assert parser.feed(b"\x13\x37\x96\x69") == []
    assert parser.pending == 0


def test_the_longest_frame_is_encoded_and_found_and_one_byte_more_is_refused() -> None:
    longest = Response.of(Sw3.SUCCESS, bytes(MAX_LENGTH - 4))  # SW1-3 and CHK: LEN 4096
    assert FrameParser().feed(longest.encode()) == [longest.encode()[7:-1]]
    with pytest.raises(FrameError) as raised:
        Response.of(Sw3.SUCCESS, bytes(MAX_LENGTH - 3)).encode()
    assert str(raised.value) == "payload of 4096 bytes does not fit a frame"


def test_find_failed_is_the_documented_six_bytes_after_the_preamble() -> None:
    assert Response.of(Sw3.FIND_FAILED).encode() == bytes.fromhex("AAAAAA9669000400008084")
