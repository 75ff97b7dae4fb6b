"""Check of the unified social credit code (GB 32100-2015) that organisations quote.

Some genuine codes issued early fail their own check character, so a failed
check is a warning the citizen may confirm past; a code of the wrong shape
is an error. Forms need to tell the two apart.
"""

from __future__ import annotations

from kiosk.identifiers.result import Check, Reason, Severity, error, passed

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CODE_LENGTH = 18


def uscc_check_character(body: str) -> str:
    """The 18th character for the first 17 (all from ALPHABET)."""
    total = sum(ALPHABET.index(char) * weight for char, weight in zip(body, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def check_uscc(value: str) -> Check:
    code = value.strip().upper()
    if not code:
        return error(code, Reason.EMPTY)
    if len(code) != CODE_LENGTH:
        return error(code, Reason.LENGTH)
    if any(char not in ALPHABET for char in code):
        return error(code, Reason.CHARACTER)
    if uscc_check_character(code[:-1]) != code[-1]:
        return Check(code, Reason.CHECK_CHARACTER, Severity.WARNING)
    return passed(code)
