"""A citizen asks for a person, from any screen, without waiting on the central.

The question goes to the central on the worker (contract POST /help-requests) and the
screen says at once that help is being asked; the answer says who comes, or, when the
central cannot be reached, the site's hotline is what the citizen gets. What is sent
says where the citizen is stuck (the screen, the item, a reason from the contract's
list) and never who they are: no name, number or field value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from kiosk.uplink.client import CentralClient, CentralError, help_answer_problem
from kiosk.uplink.online import Question, Reply

# The contract's reasons, by the screen a citizen asks from
REASONS = {"identify": "cannot_read_card", "verify": "cannot_read_card",
           "form": "form_question", "review": "form_question", "notice": "device_fault"}
OTHER = "other"


class HelpStatus(Enum):
    ASKING = "asking"  # sent, no answer yet
    COMING = "coming"  # the central took it: staff or video will answer
    CALL = "call"  # the central could not be reached or refused: the hotline it is


@dataclass(frozen=True)
class HelpState:
    status: HelpStatus
    hotline: str
    wait_s: int | None = None


def help_request(screen: str, language: str, item_code: str | None) -> dict[str, str]:
    """The body of POST /help-requests: where the citizen is, nothing about who."""
    body = {"reason": REASONS.get(screen, OTHER), "language": language, "screen": screen}
    if item_code:
        body["item_code"] = item_code
    return body


class HelpCalls:
    """The help asked during one visit; a new visit starts with none."""

    def __init__(self, ask: Callable[[Question, Reply], None], changed: Callable[[], None],
                 hotline: str) -> None:
        self._ask, self._changed, self.hotline = ask, changed, hotline
        self._visit: object | None = None
        self._state: HelpState | None = None

    def state(self, visit: object) -> HelpState | None:
        """What the screen says about help for `visit`: None until it asks."""
        return self._state if visit is self._visit else None

    def ask(self, visit: object, screen: str, language: str, item_code: str | None) -> None:
        """Send the request on the worker; the screen shows it asked straight away."""
        if self.state(visit) is not None and self._state.status == HelpStatus.ASKING:
            return  # one call at a time: a second tap does not page twice
        body = help_request(screen, language, item_code)
        self._visit, self._state = visit, HelpState(HelpStatus.ASKING, self.hotline)

        def question(client: CentralClient) -> dict[str, Any]:
            return client.ask_for_help(body)

        def answered(answer: Any, error: CentralError | None) -> None:
            if visit is not self._visit:
                return  # that visit ended; its answer is for nobody now
            self._state = self._outcome(answer, error)
            self._changed()

        self._ask(question, answered)
        self._changed()

    def _outcome(self, answer: Any, error: CentralError | None) -> HelpState:
        if error is not None or help_answer_problem(answer) is not None:
            return HelpState(HelpStatus.CALL, self.hotline)
        return HelpState(HelpStatus.COMING, answer.get("hotline") or self.hotline,
                         answer.get("expected_wait_s"))
