"""The one result shape every identifier check returns.

Forms show a message per reason and let the citizen confirm past a warning
(an old credit code that fails its check) but not past an error; a bare bool
could express neither, so results carry a severity and a stable reason code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    OK = "ok"
    WARNING = "warning"
    """Probably wrong, but the citizen may confirm it is what their document says."""
    ERROR = "error"


class Reason(StrEnum):
    """Why a value is not OK; the values are stable message keys for the UI."""

    OK = "ok"
    EMPTY = "empty"
    LENGTH = "length"
    CHARACTER = "character"
    CHECK_CHARACTER = "check_character"
    DIVISION_CODE = "division_code"
    BIRTH_DATE = "birth_date"
    BIRTH_IN_FUTURE = "birth_in_future"
    PREFIX = "prefix"
    FORMAT = "format"


@dataclass(frozen=True)
class Check:
    value: str = field(repr=False)
    """The input normalised (trimmed, upper-cased, separators removed) for storing."""
    reason: Reason = Reason.OK
    severity: Severity = Severity.OK

    @property
    def ok(self) -> bool:
        return self.severity is Severity.OK

    @property
    def warning(self) -> bool:
        return self.severity is Severity.WARNING

    @property
    def rejected(self) -> bool:
        return self.severity is Severity.ERROR


def error(value: str, reason: Reason) -> Check:
    return Check(value, reason, Severity.ERROR)


def passed(value: str) -> Check:
    return Check(value)
