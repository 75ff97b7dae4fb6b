"""A typed identity proved by a one-time code sent to the citizen's own phone.

Anyone can type a stranger's ID number and name. Before the central shows or
prints anything personal for a typed identity, it sends a code to the phone it
holds for that person; the citizen types it here and it goes with the question.
The challenge and the code live in the Visit, so they end with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from kiosk.catalog.items import Item, ItemKind
from kiosk.uplink.client import CentralError, CentralRejected
from kiosk.visit.person import Person

CODE_LENGTH = 6
# A new code no sooner than this after the last (the reference central's own wait).
RESEND_AFTER = timedelta(seconds=60)
# Kinds whose answer is the citizen's own data: a typed identity must be verified first.
PERSONAL_KINDS = frozenset({ItemKind.QUERY_PRINT, ItemKind.CASE_STATUS})


def needs_code(item: Item, person: Person | None) -> bool:
    """Whether asking the central for `item` needs a typed `person` verified first."""
    return person is not None and person.source == "manual" and item.kind in PERSONAL_KINDS


def refused_for_code(error: CentralError | None) -> bool:
    """Whether the central refused a question for its verification (a wrong or ended code)."""
    if not isinstance(error, CentralRejected) or error.status != 422:
        return False
    errors = error.problem.get("errors")
    return isinstance(errors, list) and any(
        isinstance(e, dict) and str(e.get("field", "")).startswith("verification")
        for e in errors)


@dataclass(repr=False)
class Challenge:
    """One code sent: where to (masked), when a new one may be asked, what was typed."""

    challenge_id: str
    masked_phone: str
    sent_at: datetime
    code: str = ""
    # a message code about the code (too short, wrong), "" when there is none
    problem: str = ""
    # a question was refused for this code: once typed again, it is asked again at once
    refused: bool = False

    @classmethod
    def from_answer(cls, answer: dict[str, Any], sent_at: datetime) -> Challenge:
        return cls(challenge_id=answer["challenge_id"], masked_phone=answer["masked_phone"],
                   sent_at=sent_at)

    def press(self, key: str) -> None:
        """A key of the pad: a digit, or "back" to erase the last one."""
        if key == "back":
            self.code = self.code[:-1]
        elif key.isdigit() and len(key) == 1 and len(self.code) < CODE_LENGTH:
            self.code += key
        self.problem = ""

    @property
    def complete(self) -> bool:
        return len(self.code) == CODE_LENGTH

    def verification(self) -> dict[str, str] | None:
        """The contract's Verification, once the whole code is typed."""
        return {"challenge_id": self.challenge_id, "code": self.code} if self.complete else None

    def resend_in(self, now: datetime) -> int:
        """Whole seconds until a new code may be asked for (0: now)."""
        left = (self.sent_at + RESEND_AFTER - now).total_seconds()
        return max(0, int(left + 0.999))
