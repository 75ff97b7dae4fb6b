"""ISO 7064 MOD 11-2, the check character of citizen and foreigner ID numbers.

GB 11643 and the 2023 foreigner's permanent residence card both end in it;
one implementation serves both checks.
"""

from __future__ import annotations

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"


def mod11_2_check_character(digits: str) -> str:
    """The check character for 17 digits."""
    if len(digits) != len(_WEIGHTS) or not (digits.isascii() and digits.isdigit()):
        raise ValueError("MOD 11-2 needs exactly 17 digits")
    total = sum(int(digit) * weight for digit, weight in zip(digits, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]
