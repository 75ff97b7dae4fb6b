"""T=0's procedure bytes, completed by apdu.exchange: the rules, one card answer at a time.

The card here is a list of raw answers: exchange is pure logic over a
`send` function, so every order of 61xx and 6Cxx is tried directly; the
same procedure through pcscd and a virtual T=0 card is in
test_smartcard_reading.py.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.smartcard.apdu import (
    MAX_EXCHANGES,
    Response,
    exchange,
    get_response,
    parse_response,
    read_record,
    select_by_name,
    with_le,
)
from drivers.smartcard.errors import MalformedResponse

READ = read_record(0x09)


class ScriptedCard:
    """Answers each command with the next raw answer of its script (the last one forever)."""

    def __init__(self, *answers: str) -> None:
        self._answers = [bytes.fromhex(answer) for answer in answers]
        self.commands: list[bytes] = []

    def __call__(self, command: bytes) -> Response:
        self.commands.append(command)
        return parse_response(self._answers[min(len(self.commands), len(self._answers)) - 1])


def test_le_is_replaced_or_added_per_case() -> None:
    assert with_le(bytes.fromhex("00B2090000"), 0x20).hex() == "00b2090020"  # case 2
    assert with_le(bytes.fromhex("00A40000"), 0x10).hex() == "00a4000010"  # case 1
    assert with_le(bytes.fromhex("00A4020002EF05"), 0x12).hex() == "00a4020002ef0512"  # case 3
    assert with_le(bytes.fromhex("00A4020002EF0500"), 0x12).hex() == "00a4020002ef0512"  # case 4


@pytest.mark.parametrize("command", ["00A4", "00A4020000EF05", "00A4020003EF05"])
def test_le_of_a_command_that_is_no_short_apdu_is_refused(command: str) -> None:
    with pytest.raises(ValueError, match="not a short command APDU"):
        with_le(bytes.fromhex(command), 0)


def test_a_plain_answer_is_one_command() -> None:
    card = ScriptedCard("0902414290 00")
    assert exchange(card, READ) == Response(bytes.fromhex("090241 42"), 0x9000)
    assert card.commands == [READ]


def test_6c_resends_the_command_with_the_length_the_card_names() -> None:
    card = ScriptedCard("6C04", "0902414290 00")
    assert exchange(card, READ) == Response(bytes.fromhex("09024142"), 0x9000)
    assert card.commands == [READ, bytes.fromhex("00B2090004")]


def test_61_fetches_with_get_response_until_done_and_joins_the_pieces() -> None:
    card = ScriptedCard("6102", "0902 6102", "4142 9000")
    assert exchange(card, select_by_name(b"AID")) == Response(bytes.fromhex("09024142"), 0x9000)
    assert card.commands[1:] == [get_response(2), get_response(2)]


def test_61_00_asks_for_256_bytes_and_6c_on_a_get_response_is_honoured() -> None:
    card = ScriptedCard("6100", "6C03", "414243 9000")
    assert exchange(card, READ).data == b"ABC"
    assert card.commands[1:] == [get_response(0), get_response(3)]


def test_the_last_status_word_is_the_answer_s() -> None:
    card = ScriptedCard("6102", "4142 6A83")
    assert exchange(card, READ) == Response(b"AB", 0x6A83)


def test_a_card_that_never_stops_giving_more_is_malformed() -> None:
    card = ScriptedCard("6101", "41 6101")
    with pytest.raises(MalformedResponse, match="not done"):
        exchange(card, READ)
    assert len(card.commands) == MAX_EXCHANGES


def test_a_card_that_asks_for_the_le_it_got_is_malformed() -> None:
    card = ScriptedCard("6C04", "6C04")
    with pytest.raises(MalformedResponse, match="asks for the Le it was sent"):
        exchange(card, READ)
    assert len(card.commands) == 2


@given(st.lists(st.binary(min_size=2, max_size=12), min_size=1, max_size=40))
def test_any_script_ends_in_a_response_or_malformed(answers: list[bytes]) -> None:
    card = ScriptedCard(*(answer.hex() for answer in answers))
    try:
        response = exchange(card, READ)
    except MalformedResponse:
        return
    assert response.sw1 not in (0x61, 0x6C)
    assert len(card.commands) <= MAX_EXCHANGES
