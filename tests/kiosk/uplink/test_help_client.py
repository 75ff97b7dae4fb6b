"""A citizen's call for a person, POST /help-requests, against the reference central and
against a hostile one for the answers the reference central never gives."""

from __future__ import annotations

import pytest
from hostile_central import answer, hostile_central

from kiosk.uplink.client import CentralClient, CentralFault
from kiosk.uplink.credentials import load_credentials

ASKED = {"reason": "form_question", "language": "zh_CN", "screen": "form",
         "item_code": "440106-MZJ-001"}


def test_the_central_takes_a_call_for_help_and_names_its_hotline(central) -> None:
    credentials = load_credentials(central.settings.device.state_dir)
    assert credentials is not None
    client = CentralClient(central.settings.central.url, token=credentials.token)
    try:
        taken = client.ask_for_help(ASKED)
    finally:
        client.close()
    assert taken["status"] in ("queued", "staff_on_site", "video_available")
    assert taken["request_id"] and taken["hotline"] == "12345"


WHOLE = {"request_id": "H1", "status": "queued"}


def _asked_of(body: object, status: int = 201) -> object:
    """What ask_for_help made of `body`: the answer, or the fault's text."""
    with hostile_central() as hostile:
        hostile.queue(answer(status, body))
        client = CentralClient(hostile.url, token="t", connect_timeout=1.0, read_timeout=2.0)
        try:
            try:
                made: object = client.ask_for_help(ASKED)
            except CentralFault as fault:
                made = str(fault)
        finally:
            client.close()
        assert hostile.received[0].json() == ASKED
    return made


@pytest.mark.parametrize(("body", "problem"), [
    (None, "not an object"), ([], "not an object"),
    ({"status": "queued"}, "request_id missing or not a string"),
    ({**WHOLE, "status": "on_its_way"},
     "status 'on_its_way' is not one of queued, staff_on_site, video_available"),
    ({**WHOLE, "expected_wait_s": -5}, "expected_wait_s is not a whole number of seconds"),
    ({**WHOLE, "expected_wait_s": "soon"}, "expected_wait_s is not a whole number of seconds"),
    ({**WHOLE, "hotline": 12345}, "hotline is not a string"),
])
def test_a_malformed_answer_is_a_fault_of_the_central_that_says_what(body, problem) -> None:
    assert _asked_of(body) == f"POST /help-requests: HTTP 201 without an answer ({problem})"


def test_a_wait_of_no_seconds_is_an_answer_and_a_whole_answer_not_201_is_not() -> None:
    assert _asked_of({**WHOLE, "expected_wait_s": 0}) == {**WHOLE, "expected_wait_s": 0}
    assert _asked_of(WHOLE, 200) == "POST /help-requests: HTTP 200 without an answer (not 201)"
