"""Help asked from any screen: sent on the worker with where the citizen is and never who,
the answer shown when it comes, and the hotline when the central cannot be asked."""

from __future__ import annotations

from typing import Any

from kiosk.uplink.client import CentralUnreachable
from kiosk.visit.help import HelpCalls, HelpStatus, help_request


class Worker:
    """Holds each question until the test answers it, as the worker's thread would."""

    def __init__(self) -> None:
        self.waiting: list[tuple[Any, Any]] = []

    def ask(self, question: Any, reply: Any) -> None:
        self.waiting.append((question, reply))


class Central:
    def __init__(self) -> None:
        self.asked: list[dict[str, str]] = []

    def ask_for_help(self, body: dict[str, str]) -> dict[str, Any]:
        self.asked.append(body)
        return {"request_id": "H1", "status": "staff_on_site", "expected_wait_s": 120}


def test_help_is_asked_on_the_worker_and_its_answer_shown_for_that_visit() -> None:
    worker, changes, visit = Worker(), [], object()
    calls = HelpCalls(worker.ask, lambda: changes.append(1), "12345")
    assert calls.state(visit) is None
    calls.ask(visit, "form", "zh_CN", "440106-MZJ-001")
    assert calls.state(visit).status == HelpStatus.ASKING and changes
    calls.ask(visit, "form", "zh_CN", "440106-MZJ-001")
    assert len(worker.waiting) == 1  # a second tap while asking does not page twice
    question, reply = worker.waiting[0]
    central = Central()
    reply(question(central), None)
    state = calls.state(visit)
    assert state.status == HelpStatus.COMING and state.wait_s == 120
    assert state.hotline == "12345"
    assert calls.state(object()) is None  # the next citizen starts without it


def test_offline_the_citizen_is_given_the_hotline() -> None:
    worker, visit = Worker(), object()
    calls = HelpCalls(worker.ask, lambda: None, "12345")
    calls.ask(visit, "identify", "en", None)
    _question, reply = worker.waiting[0]
    reply(None, CentralUnreachable("no network"))
    state = calls.state(visit)
    assert state.status == HelpStatus.CALL and state.hotline == "12345"


def test_what_is_sent_says_where_and_never_who() -> None:
    body = help_request("identify", "zh_TW", "440106-ZWB-003")
    assert body == {"reason": "cannot_read_card", "language": "zh_TW", "screen": "identify",
                    "item_code": "440106-ZWB-003"}
    assert help_request("choose", "en", None) == {"reason": "other", "language": "en",
                                                  "screen": "choose"}
