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


@pytest.mark.parametrize("body", [
    None, [], {"status": "queued"}, {"request_id": "H1", "status": "on_its_way"},
    {"request_id": "H1", "status": "queued", "expected_wait_s": -5},
    {"request_id": "H1", "status": "queued", "expected_wait_s": "soon"},
    {"request_id": "H1", "status": "queued", "hotline": 12345},
])
def test_a_malformed_answer_is_a_fault_of_the_central(body) -> None:
    with hostile_central() as hostile:
        hostile.queue(answer(201, body))
        client = CentralClient(hostile.url, token="t", connect_timeout=1.0, read_timeout=2.0)
        try:
            with pytest.raises(CentralFault):
                client.ask_for_help(ASKED)
        finally:
            client.close()
        assert hostile.received[0].json() == ASKED
