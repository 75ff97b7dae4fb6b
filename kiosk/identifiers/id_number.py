"""Checks of 18-character personal numbers: citizen ID (GB 11643) and the 2023 foreigner card.

A typo in an ID number sends a case to the wrong person or has it rejected
days later; catching it at the kiosk, with a reason the citizen can act on,
is far cheaper. The checks are what the standard makes checkable: the check
character, the birth date and the shape of the division code.
"""

from __future__ import annotations

from datetime import date

from kiosk.identifiers.iso7064 import mod11_2_check_character
from kiosk.identifiers.result import Check, Reason, error, passed

NUMBER_LENGTH = 18
EARLIEST_BIRTH_YEAR = 1800
PROVINCE_CODES = frozenset((
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
    "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
    "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83",
))  # fmt: skip
"""First two digits of GB/T 2260 division codes (81/82/83: Hong Kong, Macau, Taiwan permits)."""
FOREIGN_PREFIX = "9"


def check_id_number(value: str, *, today: date | None = None) -> Check:
    """Check a citizen ID number (also the number on a 'J' residence permit)."""
    number = _normalise(value)
    shape = _check_shape(number)
    if shape is not None:
        return shape
    if number[:2] not in PROVINCE_CODES:
        return error(number, Reason.DIVISION_CODE)
    birth = _birth_date(number[6:14])
    if birth is None:
        return error(number, Reason.BIRTH_DATE)
    if birth > (today or date.today()):
        return error(number, Reason.BIRTH_IN_FUTURE)
    return _check_character(number)


def check_foreign_permanent_number(value: str) -> Check:
    """Check the 18-character number of a 2023 foreigner's permanent residence card ('Y')."""
    number = _normalise(value)
    shape = _check_shape(number)
    if shape is not None:
        return shape
    if not number.startswith(FOREIGN_PREFIX):
        return error(number, Reason.PREFIX)
    return _check_character(number)


def _normalise(value: str) -> str:
    return value.strip().upper()


def _check_shape(number: str) -> Check | None:
    if not number:
        return error(number, Reason.EMPTY)
    if len(number) != NUMBER_LENGTH:
        return error(number, Reason.LENGTH)
    body, last = number[:-1], number[-1]
    if not (body.isascii() and body.isdigit() and (last.isdigit() or last == "X")):
        return error(number, Reason.CHARACTER)
    return None


def _birth_date(digits: str) -> date | None:
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return birth if birth.year >= EARLIEST_BIRTH_YEAR else None


def _check_character(number: str) -> Check:
    if mod11_2_check_character(number[:-1]) != number[-1]:
        return error(number, Reason.CHECK_CHARACTER)
    return passed(number)
