"""The client's side of a typed identity's one-time code, against the reference central
over HTTP, and against a hostile one for the answers the reference central never gives."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hostile_central import answer, hostile_central

from kiosk.uplink.client import CentralClient, CentralFault, CentralRejected, CentralRetryLater
from kiosk.uplink.credentials import load_credentials

TYPED_CHEN = {"id_type": "resident_id", "id_number": "310104199511020041", "name": "陈晓燕",
              "source": "manual"}
TYPED_WANG = {"id_type": "resident_id", "id_number": "110101195603080020", "name": "王秀英",
              "source": "manual"}
NO_PHONE = {"id_type": "resident_id", "id_number": "370101194510090055", "name": "张建国",
            "source": "manual"}


@pytest.fixture
def client(central) -> Iterator[CentralClient]:
    credentials = load_credentials(central.settings.device.state_dir)
    assert credentials is not None
    made = CentralClient(central.settings.central.url, token=credentials.token)
    yield made
    made.close()


def sent_code(central, challenge_id: str) -> str:
    messages = central.admin("GET", "/outbox").json()["messages"]
    return next(m["code"] for m in messages if m["challenge_id"] == challenge_id)


def test_a_typed_citizen_sees_cases_only_with_the_code_from_the_phone(central, client) -> None:
    with pytest.raises(CentralRejected) as refused:
        client.lookup_cases(applicant=TYPED_CHEN)
    assert refused.value.status == 422
    assert [e["field"] for e in refused.value.problem["errors"]] == ["verification"]
    challenge = client.start_challenge(TYPED_CHEN)
    assert challenge["masked_phone"] == "136****6666"
    verification = {"challenge_id": challenge["challenge_id"],
                    "code": sent_code(central, challenge["challenge_id"])}
    cases = client.lookup_cases(applicant=TYPED_CHEN, verification=verification)
    assert [case["status"] for case in cases] == ["rejected"]


def test_a_typed_query_carries_its_verification(central, client) -> None:
    challenge = client.start_challenge(TYPED_WANG)
    verification = {"challenge_id": challenge["challenge_id"],
                    "code": sent_code(central, challenge["challenge_id"])}
    document = client.query("440106-SBJ-001", TYPED_WANG, {"months": "12"}, verification)
    assert "王秀英" in [line["value"] for line in document["lines"]]


def test_no_phone_held_and_too_soon_are_the_centrals_answers(central, client) -> None:
    with pytest.raises(CentralRejected) as no_phone:
        client.start_challenge(NO_PHONE)
    assert no_phone.value.status == 404
    client.start_challenge(TYPED_CHEN)
    with pytest.raises(CentralRetryLater) as too_soon:
        client.start_challenge(TYPED_CHEN)
    assert too_soon.value.status == 429
    assert too_soon.value.retry_after is not None and 0 < too_soon.value.retry_after <= 60


SOON = "2026-11-23T10:05:00+08:00"


@pytest.mark.parametrize(("body", "status", "problem"), [
    (None, 201, "not an object"), ({}, 201, "challenge_id missing or not a string"),
    ([], 201, "not an object"),
    ({"challenge_id": None, "masked_phone": "138****8000", "expires_at": SOON}, 201,
     "challenge_id missing or not a string"),
    ({"challenge_id": "a" * 15, "masked_phone": "138****8000", "expires_at": SOON}, 201,
     "challenge_id is shorter than 16"),
    ({"challenge_id": "a" * 22, "masked_phone": "138****8000", "expires_at": "soon"}, 201,
     "expires_at is not a time with its offset"),
    ({"challenge_id": "a" * 22, "expires_at": SOON}, 201,
     "masked_phone missing or not a string"),
    ({"challenge_id": "a" * 16, "masked_phone": "138****8000", "expires_at": SOON}, 200,
     "not 201"),
])
def test_a_malformed_challenge_is_a_fault_of_the_central_that_says_what(body, status,
                                                                         problem) -> None:
    with hostile_central() as hostile:
        hostile.queue(answer(status, body))
        client = CentralClient(hostile.url, token="t", connect_timeout=1.0, read_timeout=2.0)
        try:
            with pytest.raises(CentralFault) as fault:
                client.start_challenge(TYPED_CHEN)
        finally:
            client.close()
    assert str(fault.value) == (f"POST /identity/challenges: HTTP {status} without a "
                                f"challenge ({problem})")


def test_a_whole_challenge_from_any_central_is_taken() -> None:
    good = {"challenge_id": "a" * 22, "masked_phone": "138****8000",
            "expires_at": "2026-11-23T10:05:00+08:00"}
    with hostile_central() as hostile:
        hostile.queue(answer(201, good))
        client = CentralClient(hostile.url, token="t", connect_timeout=1.0, read_timeout=2.0)
        try:
            assert client.start_challenge(TYPED_CHEN) == good
        finally:
            client.close()
        assert hostile.received[0].json() == {"applicant": TYPED_CHEN}
