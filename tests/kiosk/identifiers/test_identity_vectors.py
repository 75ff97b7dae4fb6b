"""Identifier checks against every vector of vectors.json, with the reasons."""

from __future__ import annotations

from datetime import date

import pytest
from reference_vectors import VECTORS

from kiosk.identifiers.formats import (
    Reason,
    Severity,
    check_foreign_permanent_number,
    check_id_number,
    check_uscc,
)
from kiosk.identifiers.uscc import ALPHABET, uscc_check_character

TODAY = date(2026, 11, 23)

ID_REASONS = {
    "check character": Reason.CHECK_CHARACTER,
    "month 13 (check character is right)": Reason.BIRTH_DATE,
    "30 February (check character is right)": Reason.BIRTH_DATE,
    "birth date in the future (check character is right)": Reason.BIRTH_IN_FUTURE,
    "length": Reason.LENGTH,
    "character": Reason.CHARACTER,
}
USCC_REASONS = {
    "check character": (Reason.CHECK_CHARACTER, Severity.WARNING),
    "letter O not allowed": (Reason.CHARACTER, Severity.ERROR),
}


@pytest.mark.parametrize("number", VECTORS["id_number_valid"])
def test_valid_id_numbers(number: str) -> None:
    result = check_id_number(number, today=TODAY)
    assert result.ok and result.reason is Reason.OK and result.value == number


@pytest.mark.parametrize("case", VECTORS["id_number_invalid"], ids=lambda c: c["why"])
def test_invalid_id_numbers_name_the_reason(case: dict[str, str]) -> None:
    result = check_id_number(case["value"], today=TODAY)
    assert result.rejected
    assert result.reason is ID_REASONS[case["why"]]


def test_every_invalid_vector_reason_is_mapped() -> None:
    assert {c["why"] for c in VECTORS["id_number_invalid"]} == set(ID_REASONS)
    assert {c["why"] for c in VECTORS["uscc_invalid"]} == set(USCC_REASONS)


def test_future_depends_on_the_injected_today() -> None:
    number = "110105210001010023"
    assert check_id_number(number, today=date(2099, 12, 31)).reason is Reason.BIRTH_IN_FUTURE
    assert check_id_number(number, today=date(2100, 1, 1)).ok


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", Reason.EMPTY),
        ("   ", Reason.EMPTY),
        ("001051949123100XX", Reason.LENGTH),
        ("001051194912310021", Reason.DIVISION_CODE),
        ("990105194912310021", Reason.DIVISION_CODE),
        ("110105179912310021", Reason.BIRTH_DATE),
        ("１１０１０５１９４９１２３１００２X", Reason.CHARACTER),
    ],
)
def test_other_id_number_reasons(value: str, reason: Reason) -> None:
    assert check_id_number(value, today=TODAY).reason is reason


def test_id_number_is_normalised() -> None:
    result = check_id_number(" 11010519491231002x ", today=TODAY)
    assert result.ok and result.value == "11010519491231002X"


def test_check_result_repr_hides_the_number() -> None:
    assert "110105" not in repr(check_id_number("11010519491231002X", today=TODAY))


@pytest.mark.parametrize("code", VECTORS["uscc_valid"])
def test_valid_uscc(code: str) -> None:
    assert check_uscc(code).ok and check_uscc(code.lower()).value == code


@pytest.mark.parametrize("case", VECTORS["uscc_invalid"], ids=lambda c: c["why"])
def test_invalid_uscc_reason_and_severity(case: dict[str, str]) -> None:
    result = check_uscc(case["value"])
    assert (result.reason, result.severity) == USCC_REASONS[case["why"]]


def test_failed_uscc_check_is_a_warning_not_a_rejection() -> None:
    result = check_uscc("91310115MA1G4L1WXK")
    assert result.warning and not result.rejected and not result.ok


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", Reason.EMPTY),
        ("91350100M000100Y4", Reason.LENGTH),
        ("91350100M000100YI3", Reason.CHARACTER),
    ],
)
def test_uscc_shape_errors(value: str, reason: Reason) -> None:
    result = check_uscc(value)
    assert result.rejected and result.reason is reason


def test_uscc_alphabet_has_no_ambiguous_letters() -> None:
    assert len(ALPHABET) == 31 and not set("IOZSV") & set(ALPHABET)
    assert uscc_check_character("91350100M000100Y4") == "3"


def test_foreign_permanent_number() -> None:
    assert check_foreign_permanent_number("931840198503010121").ok
    assert check_foreign_permanent_number("931840198503010122").reason is Reason.CHECK_CHARACTER
    assert check_foreign_permanent_number("11010519491231002X").reason is Reason.PREFIX
    assert check_foreign_permanent_number("93184019850301012").reason is Reason.LENGTH
