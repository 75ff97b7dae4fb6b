"""Checks of the identifiers a citizen or a company is known by.

The central is the last line of defence against a submission that names a
person who cannot exist, so it re-checks what the kiosk should already have
checked: GB 11643 for ID numbers, and the alphabet and length of GB 32100
credit codes (their check character is only a warning the citizen may pass).
"""

from __future__ import annotations

import re
from datetime import date

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# First two digits of GB/T 2260 divisions, plus 81/82/83 used by residence permits
# for Hong Kong, Macau and Taiwan and 9x used by 2023 foreigner permanent residence cards.
_PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83", "91", "92", "93"
})
_PERMIT_PREFIXES = ("810000", "820000", "830000")
_OLD_FOREIGNER_CARD = re.compile(r"^[A-Z]{3}\d{12}$")

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_SHAPE = re.compile(rf"^[{USCC_ALPHABET}]{{18}}$")

PHONE_CN = re.compile(r"^1[3-9]\d{9}$")
POSTAL_CODE = re.compile(r"^\d{6}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def id_number_problem(value: str, today: date) -> str | None:
    """Why `value` is not a valid 18-character GB 11643 number, or None if it is."""
    if len(value) != 18:
        return "must be 18 characters"
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        return "must be 17 digits followed by a digit or X"
    if value[:2] not in _PROVINCES:
        return "does not start with a division code"
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != value[17]:
        return "check character is wrong"
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "birth date is not a real date"
    if born > today:
        return "birth date is in the future"
    return None


def uscc_shape_problem(value: str) -> str | None:
    """Why `value` cannot be a unified social credit code at all, or None.

    The check character is deliberately not enforced here: some genuine old
    codes fail it, and the kiosk lets the citizen confirm past that warning.
    """
    if not _USCC_SHAPE.match(value):
        return f"must be 18 characters from {USCC_ALPHABET}"
    return None


def applicant_id_problem(id_type: str, id_number: str, today: date) -> str | None:
    """Why an applicant's document number cannot be right for its type, or None."""
    if id_type == "resident_id":
        return id_number_problem(id_number, today)
    if id_type == "hk_mo_tw_residence_permit":
        if not id_number.startswith(_PERMIT_PREFIXES):
            return "residence permit numbers start with 810000, 820000 or 830000"
        return id_number_problem(id_number, today)
    if id_type == "foreign_permanent_resident":
        if _OLD_FOREIGNER_CARD.match(id_number):
            return None
        if not id_number.startswith("9"):
            return "must be a 15-character 2017 card number or an 18-digit number starting with 9"
        return id_number_problem(id_number, today)
    if id_type == "uscc":
        return uscc_shape_problem(id_number)
    return f"unknown id_type {id_type!r}"
