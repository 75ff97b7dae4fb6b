"""The identifier checks at their edges: what a result carries, where a digit may stand,
the earliest birth year, and the check-character rules' own corners (GB 11643, GB 32100)."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.identifiers.formats import (
    Reason,
    Severity,
    check_foreign_permanent_number,
    check_id_number,
    check_uscc,
)
from kiosk.identifiers.iso7064 import mod11_2_check_character
from kiosk.identifiers.uscc import ALPHABET, uscc_check_character

TODAY = date(2026, 11, 23)
VALID_ID = "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", Reason.EMPTY),
        (" 1101051949 ", Reason.LENGTH),
        (" 1101051949123100ax ", Reason.CHARACTER),
        ("001051194912310021", Reason.DIVISION_CODE),
        ("110105194913310021", Reason.BIRTH_DATE),
        ("110105210001010023", Reason.BIRTH_IN_FUTURE),
        ("110105194912310021", Reason.CHECK_CHARACTER),
        (" 11010519491231002x", Reason.OK),
    ],
)
def test_an_id_number_check_carries_the_normalised_input_whatever_it_finds(
        value: str, reason: Reason) -> None:
    # a form keeps the value a check hands back, so it must be the citizen's, trimmed and
    # upper-cased, on every path
    result = check_id_number(value, today=TODAY)
    assert (result.reason, result.value) == (reason, value.strip().upper())


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", Reason.EMPTY),
        ("93184019850301012", Reason.LENGTH),
        ("9318401985030101a1", Reason.CHARACTER),
        (VALID_ID, Reason.PREFIX),
        ("931840198503010122", Reason.CHECK_CHARACTER),
        ("931840198503010121 ", Reason.OK),
    ],
)
def test_a_foreign_number_check_carries_the_normalised_input(value: str, reason: Reason) -> None:
    result = check_foreign_permanent_number(value)
    assert (result.reason, result.value) == (reason, value.strip().upper())


@pytest.mark.parametrize(
    ("value", "reason", "severity"),
    [
        ("  ", Reason.EMPTY, Severity.ERROR),
        ("91350100m000100y4", Reason.LENGTH, Severity.ERROR),
        ("91350100m000100yo3", Reason.CHARACTER, Severity.ERROR),
        (" 91310115ma1g4l1wxk", Reason.CHECK_CHARACTER, Severity.WARNING),
        ("91350100m000100y43", Reason.OK, Severity.OK),
    ],
)
def test_a_uscc_check_carries_the_normalised_input(value: str, reason: Reason,
                                                   severity: Severity) -> None:
    # a code that only fails its check character is kept once the citizen confirms it
    result = check_uscc(value)
    assert (result.reason, result.severity, result.value) == (reason, severity,
                                                             value.strip().upper())


@pytest.mark.parametrize("position", range(17))
def test_a_letter_anywhere_before_the_check_character_is_a_wrong_character(position: int) -> None:
    number = VALID_ID[:position] + "A" + VALID_ID[position + 1:]
    assert check_id_number(number, today=TODAY).reason is Reason.CHARACTER
    foreign = "931840198503010121"
    assert check_foreign_permanent_number(
        foreign[:position] + "X" + foreign[position + 1:]).reason is Reason.CHARACTER


def test_1800_is_the_earliest_birth_year() -> None:
    body = "11010518000101001"
    assert check_id_number(body + mod11_2_check_character(body), today=TODAY).ok
    earlier = "11010517991231001"
    assert check_id_number(earlier + mod11_2_check_character(earlier),
                           today=TODAY).reason is Reason.BIRTH_DATE


@pytest.mark.parametrize("digits", ["１１０１０５１９４９１２３１００２", "1101051949123100",
                                    "110105194912310021"])
def test_mod11_2_takes_seventeen_ascii_digits_only(digits: str) -> None:
    # full-width digits are digits to Python, and int() reads them: they must not get
    # a check character computed as though they were ASCII
    with pytest.raises(ValueError, match=r"^MOD 11-2 needs exactly 17 digits$"):
        mod11_2_check_character(digits)


@pytest.mark.parametrize("body", ["9135010", "91350100M000100Y43"])
def test_a_uscc_check_character_needs_seventeen_characters(body: str) -> None:
    with pytest.raises(ValueError):
        uscc_check_character(body)


def test_a_weighted_sum_divisible_by_31_gives_the_check_character_0() -> None:
    # GB 32100: c18 = 31 - (sum mod 31), and 31 is written 0
    body = "0" * 17
    assert uscc_check_character(body) == "0"
    body = "1" + "0" * 15 + ALPHABET[3]  # 1*1 + 3*28 = 85 = 2*31 + 23 -> 31 - 23 = 8
    assert uscc_check_character(body) == "8"
    assert check_uscc("0" * 18).ok
