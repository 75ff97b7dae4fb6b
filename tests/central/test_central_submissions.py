"""POST /submissions and /submissions/batch: idempotency, validation, authentication."""

from __future__ import annotations

import json
import uuid

import pytest
import requests
from central_contract_check import assert_conforms
from central_parts import HUANG, RATING, Central, Kiosk


def new_key() -> str:
    return str(uuid.uuid4())


def field_names(response) -> set[str]:
    assert response.headers["content-type"] == "application/problem+json"
    return {error["field"] for error in response.json()["errors"]}


def test_first_delivery_opens_a_case_and_a_repeat_returns_the_same_case(
        central: Central, kiosk: Kiosk) -> None:
    before = central.counters()
    body, key = kiosk.senior_card(), new_key()
    first = kiosk.post("/submissions", body, key)
    assert first.status_code == 201
    assert_conforms(first, "/submissions", "post")
    again = kiosk.post("/submissions", body, key)
    assert again.status_code == 200
    assert_conforms(again, "/submissions", "post")
    assert again.json()["case_no"] == first.json()["case_no"]
    after = central.counters()
    assert after["submissions"] == before["submissions"] + 1
    assert after["cases"] == before["cases"] + 1
    assert after["distinct_keys"] == after["submissions"]


def test_a_repeat_with_keys_in_another_order_is_the_same_body(kiosk: Kiosk) -> None:
    body, key = kiosk.senior_card(), new_key()
    first = kiosk.post("/submissions", body, key)
    reordered = json.loads(json.dumps(dict(reversed(list(body.items())))))
    assert kiosk.post("/submissions", reordered, key).json() == first.json()


def test_same_key_with_a_different_body_is_a_conflict(central: Central, kiosk: Kiosk) -> None:
    key = new_key()
    assert kiosk.post("/submissions", kiosk.senior_card(), key).status_code == 201
    stored = central.counters()["submissions"]
    conflict = kiosk.post("/submissions", kiosk.senior_card(phone="13900139000"), key)
    assert conflict.status_code == 409
    assert_conforms(conflict, "/submissions", "post")
    assert central.counters()["submissions"] == stored


@pytest.mark.parametrize("key", [None, "not-a-uuid", "0b9f6e0c8f3a4c1e9d1a2b3c4d5e6f70"])
def test_the_idempotency_key_must_be_a_uuid(kiosk: Kiosk, key: str | None) -> None:
    answer = kiosk.post("/submissions", kiosk.senior_card(), key)
    assert answer.status_code == 422
    assert_conforms(answer, "/submissions", "post")
    assert field_names(answer) == {"Idempotency-Key"}


@pytest.mark.parametrize(("change", "fields"), [
    ({"item_code": "440106-XXX-999"}, {"item_code"}),
    ({"item_code": "440106-SBJ-001"}, {"item_code"}),
    ({"item_version": 2}, {"item_version"}),
    ({"item_version": "1"}, {"item_version"}),
    ({"created_at": "2026-11-23T09:58:00"}, {"created_at"}),
    ({"created_at": 1795400280}, {"created_at"}),
    ({"about_case_no": None}, {"about_case_no"}),
    ({"device_id": "KD-SOMEONE-ELSE"}, {"device_id"}),
    ({"applicant": {"id_type": "resident_id", "id_number": "110101195603080021", "name": "王秀英"}},
     {"applicant.id_number"}),
    ({"applicant": None}, {"applicant"}),
    ({"form": {"name": "王秀英", "id_number": "110101195603080020", "phone": "12345",
               "consent": False, "shoe_size": 42}},
     {"form.phone", "form.consent", "form.shoe_size"}),
    ({"form": {"consent": True}}, {"form.name", "form.id_number", "form.phone"}),
])
def test_a_submission_that_can_never_be_accepted_names_its_fields(
        kiosk: Kiosk, change: dict, fields: set[str]) -> None:
    body = {**kiosk.senior_card(), **change}
    answer = kiosk.post("/submissions", body, new_key())
    assert answer.status_code == 422
    assert_conforms(answer, "/submissions", "post")
    assert field_names(answer) == fields


def test_a_hong_kong_residence_permit_holder_may_apply(kiosk: Kiosk) -> None:
    answer = kiosk.post("/submissions", kiosk.senior_card(applicant=HUANG), new_key())
    assert answer.status_code == 201


def evaluation(kiosk: Kiosk, about: str | None, rating: object) -> dict:
    body = {"local_ref": "K0107-E1", "item_code": RATING, "item_version": 1,
            "device_id": kiosk.device_id, "created_at": "2026-11-23T10:00:00+08:00",
            "form": {"rating": rating, "reason": "窗口人员很耐心"}}
    return {**body, "about_case_no": about} if about else body


def test_an_evaluation_rates_a_known_case_on_five_levels(kiosk: Kiosk) -> None:
    case_no = kiosk.post("/submissions", kiosk.senior_card(), new_key()).json()["case_no"]
    assert kiosk.post("/submissions", evaluation(kiosk, case_no, 5), new_key()).status_code == 201
    assert kiosk.post("/submissions", evaluation(kiosk, None, 1), new_key()).status_code == 201
    for rating, field in ((6, "form.rating"), (0, "form.rating"), ("great", "form.rating")):
        answer = kiosk.post("/submissions", evaluation(kiosk, None, rating), new_key())
        assert (answer.status_code, field_names(answer)) == (422, {field})
    unknown = kiosk.post("/submissions", evaluation(kiosk, "440106209901010000001", 4), new_key())
    assert (unknown.status_code, field_names(unknown)) == (422, {"about_case_no"})


def test_a_missing_or_unknown_token_gets_a_401_problem(central: Central, kiosk: Kiosk) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-token-of-this-central-000000"}):
        answer = requests.post(central.api + "/submissions", json=kiosk.senior_card(),
                               headers={"Idempotency-Key": new_key(), **headers}, timeout=10)
        assert answer.status_code == 401
        assert_conforms(answer, "/submissions", "post")


def test_a_revoked_token_gets_a_401_problem(central: Central, kiosk: Kiosk) -> None:
    assert kiosk.post("/submissions", kiosk.senior_card(), new_key()).status_code == 201
    assert central.admin("POST", "/revoke", {"device_id": kiosk.device_id}).status_code == 200
    answer = kiosk.post("/submissions", kiosk.senior_card(), new_key())
    assert answer.status_code == 401
    assert kiosk.get("/catalog").status_code == 401


def test_a_batch_judges_each_entry_as_if_alone_in_order(central: Central, kiosk: Kiosk) -> None:
    earlier_key, reused = new_key(), new_key()
    earlier_body = kiosk.senior_card()
    earlier_case = kiosk.post("/submissions", earlier_body, earlier_key).json()
    kiosk.post("/submissions", kiosk.senior_card(), reused)
    invalid = kiosk.senior_card(phone="555")
    entries = [
        {"idempotency_key": new_key(), "submission": kiosk.senior_card()},
        {"idempotency_key": earlier_key, "submission": earlier_body},
        {"idempotency_key": reused, "submission": kiosk.senior_card(phone="13700137000")},
        {"idempotency_key": new_key(), "submission": invalid},
        {"idempotency_key": new_key()},
    ]
    answer = kiosk.post("/submissions/batch", {"entries": entries})
    assert answer.status_code == 200
    assert_conforms(answer, "/submissions/batch", "post")
    results = answer.json()["results"]
    assert [r["status"] for r in results] == [201, 200, 409, 422, 422]
    assert [r["idempotency_key"] for r in results] == [e["idempotency_key"] for e in entries]
    assert results[1]["case"]["case_no"] == earlier_case["case_no"]
    alone = kiosk.post("/submissions", invalid, new_key()).json()
    assert results[3]["problem"] == alone


def test_a_batch_over_one_hundred_entries_is_refused_whole(central: Central, kiosk: Kiosk) -> None:
    before = central.counters()["submissions"]
    entries = [{"idempotency_key": new_key(), "submission": kiosk.senior_card()}
               for _ in range(101)]
    answer = kiosk.post("/submissions/batch", {"entries": entries})
    assert answer.status_code == 413
    assert_conforms(answer, "/submissions/batch", "post")
    assert central.counters()["submissions"] == before
    assert kiosk.post("/submissions/batch", {"entries": entries[:100]}).status_code == 200
    assert central.counters()["submissions"] == before + 100


def test_an_empty_or_malformed_batch_is_a_problem(kiosk: Kiosk) -> None:
    for body in ({"entries": []}, {"rows": []}, [1, 2], {"entries": [None]}):
        answer = kiosk.post("/submissions/batch", body)
        assert answer.status_code == 422
        assert answer.headers["content-type"] == "application/problem+json"


def test_an_entry_without_a_uuid_key_fails_the_whole_batch(central: Central,
                                                           kiosk: Kiosk) -> None:
    """A result must name its entry by a UUID, so such an entry cannot be answered alone."""
    before = central.counters()["submissions"]
    keys = [new_key(), "nope", new_key().replace("-", "")]
    entries = [{"idempotency_key": key, "submission": kiosk.senior_card()} for key in keys]
    answer = kiosk.post("/submissions/batch", {"entries": entries})
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == [
        "entries[1].idempotency_key", "entries[2].idempotency_key"]
    assert central.counters()["submissions"] == before
