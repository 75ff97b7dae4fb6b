"""Fault injection as a real `requests` client sees it; counters prove nothing is duplicated."""

from __future__ import annotations

import time
import uuid

import pytest
import requests
from central_contract_check import assert_conforms
from central_parts import Central, Kiosk


def arm(central: Central, **spec: object) -> None:
    answer = central.admin("POST", "/faults", {"operation": "submissions", **spec})
    assert answer.status_code == 201, answer.text


def test_drop_before_loses_the_request_so_a_retry_opens_the_case(
        central: Central, kiosk: Kiosk) -> None:
    before = central.counters()
    arm(central, mode="drop_before", sequence=[True])
    body, key = kiosk.senior_card(), str(uuid.uuid4())
    with pytest.raises(requests.ConnectionError):
        kiosk.post("/submissions", body, key)
    assert central.counters()["submissions"] == before["submissions"]
    assert kiosk.post("/submissions", body, key).status_code == 201


def test_drop_after_commits_so_a_retry_gets_the_same_case(central: Central, kiosk: Kiosk) -> None:
    before = central.counters()
    arm(central, mode="drop_after", sequence=[True])
    body, key = kiosk.senior_card(), str(uuid.uuid4())
    with pytest.raises(requests.ConnectionError):
        kiosk.post("/submissions", body, key)
    after_drop = central.counters()
    assert after_drop["submissions"] == before["submissions"] + 1
    retry = kiosk.post("/submissions", body, key)
    assert retry.status_code == 200
    assert central.counters()["submissions"] == after_drop["submissions"]
    assert central.counters()["distinct_keys"] == after_drop["submissions"]


def test_drops_work_for_batches_too(central: Central, kiosk: Kiosk) -> None:
    arm(central, operation="submissions_batch", mode="drop_after")
    entries = [{"idempotency_key": str(uuid.uuid4()), "submission": kiosk.senior_card()}]
    before = central.counters()["submissions"]
    with pytest.raises(requests.ConnectionError):
        kiosk.post("/submissions/batch", {"entries": entries})
    assert central.counters()["submissions"] == before + 1


@pytest.mark.parametrize(("mode", "status"), [
    ("status_500", 500), ("status_503", 503), ("status_429", 429), ("status_401", 401)])
def test_status_faults_answer_with_a_problem_and_do_not_process(
        central: Central, kiosk: Kiosk, mode: str, status: int) -> None:
    before = central.counters()["submissions"]
    arm(central, mode=mode, retry_after=7)
    answer = kiosk.post("/submissions", kiosk.senior_card(), str(uuid.uuid4()))
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["status"] == status
    assert answer.headers["Retry-After"] == "7"
    if status != 500:
        assert_conforms(answer, "/submissions", "post")
    assert central.counters()["submissions"] == before


def test_without_retry_after_no_header_is_sent(central: Central, kiosk: Kiosk) -> None:
    arm(central, mode="status_503")
    answer = kiosk.post("/submissions", kiosk.senior_card(), str(uuid.uuid4()))
    assert answer.status_code == 503
    assert "Retry-After" not in answer.headers


def test_a_sequence_hits_exactly_the_requests_it_names(central: Central, kiosk: Kiosk) -> None:
    arm(central, mode="status_503", sequence=[False, True, True])
    statuses = [kiosk.post("/submissions", kiosk.senior_card(), str(uuid.uuid4())).status_code
                for _ in range(4)]
    assert statuses == [201, 503, 503, 201]


def test_probability_zero_never_hits_and_one_always_does(central: Central, kiosk: Kiosk) -> None:
    arm(central, operation="catalog", mode="status_500", probability=0)
    assert all(kiosk.get("/catalog").status_code == 200 for _ in range(5))
    arm(central, operation="catalog", mode="status_500", probability=1)
    assert all(kiosk.get("/catalog").status_code == 500 for _ in range(5))
    assert central.admin("DELETE", "/faults").status_code == 204
    assert kiosk.get("/catalog").status_code == 200


def test_a_delay_outlasts_a_short_client_timeout_and_is_still_processed(
        central: Central, kiosk: Kiosk) -> None:
    before = central.counters()["submissions"]
    arm(central, mode="delay", delay_ms=400, sequence=[True])
    with pytest.raises(requests.Timeout):
        kiosk.post("/submissions", kiosk.senior_card(), str(uuid.uuid4()), timeout=0.05)
    deadline = time.monotonic() + 10  # bounded polling on the real condition: it committed
    while central.counters()["submissions"] != before + 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert central.counters()["submissions"] == before + 1


def test_requests_are_counted_per_operation_faulted_or_not(central: Central, kiosk: Kiosk) -> None:
    assert central.admin("DELETE", "/counters").status_code == 204
    arm(central, mode="drop_before", sequence=[True])
    with pytest.raises(requests.ConnectionError):
        kiosk.post("/submissions", kiosk.senior_card(), str(uuid.uuid4()))
    kiosk.post("/submissions", kiosk.senior_card(), str(uuid.uuid4()))
    kiosk.get("/catalog")
    counts = central.counters()["requests_by_operation"]
    assert counts == {"submissions": 2, "catalog": 1}


def test_a_malformed_fault_is_refused(central: Central) -> None:
    for spec in ({"operation": "submissions", "mode": "explode"},
                 {"operation": "refunds", "mode": "status_500"},
                 {"operation": "submissions", "mode": "status_500", "probability": 2},
                 {"operation": "submissions", "mode": "delay"}):
        answer = central.admin("POST", "/faults", spec)
        assert answer.status_code == 422
        assert answer.headers["content-type"] == "application/problem+json"
