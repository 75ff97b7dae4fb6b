"""Property tests of the GB 11643 check: generated valid numbers pass, one changed digit fails."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from kiosk.identifiers.formats import Reason, check_id_number
from kiosk.identifiers.id_number import PROVINCE_CODES
from kiosk.identifiers.iso7064 import mod11_2_check_character

TODAY = date(2026, 11, 23)


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    area = draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    sequence = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    body = f"{province}{area}{birth:%Y%m%d}{sequence}"
    return body + mod11_2_check_character(body)


@given(id_numbers())
def test_generated_valid_numbers_pass(number: str) -> None:
    assert check_id_number(number, today=TODAY).ok


@given(number=id_numbers(), position=st.integers(0, 17), delta=st.integers(1, 9))
def test_changing_any_one_digit_fails(number: str, position: int, delta: int) -> None:
    old = number[position]
    new = str(delta) if old == "X" else str((int(old) + delta) % 10)
    changed = number[:position] + new + number[position + 1 :]
    result = check_id_number(changed, today=TODAY)
    assert result.rejected
    assert result.reason in {
        Reason.CHECK_CHARACTER,
        Reason.DIVISION_CODE,
        Reason.BIRTH_DATE,
        Reason.BIRTH_IN_FUTURE,
    }
