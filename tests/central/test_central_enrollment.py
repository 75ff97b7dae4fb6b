"""POST /enrollments: one-time codes that expire, bound to the first serial number."""

from __future__ import annotations

import requests
from central_contract_check import assert_conforms
from central_parts import Central


def enroll(central: Central, code: str, serial: str) -> requests.Response:
    return requests.post(central.api + "/enrollments", timeout=10, json={
        "enrollment_code": code, "serial_number": serial, "model": "KS-2100",
        "software_version": "0.1.0"})


def new_code(central: Central, ttl_s: int = 3600) -> str:
    answer = central.admin("POST", "/enrollment-codes", {"ttl_s": ttl_s})
    assert answer.status_code == 201
    return answer.json()["code"]


def test_the_demo_code_enrolls_a_kiosk_at_the_seeded_site(central: Central) -> None:
    answer = enroll(central, "DEMO-ENROLL-0001", "DEMO-KS2100-0107")
    assert answer.status_code == 201
    assert_conforms(answer, "/enrollments", "post")
    body = answer.json()
    assert len(body["device_token"]) >= 32
    assert body["site"] == {"name": {"zh_CN": "广州市天河区政务服务中心",
                                     "zh_TW": "廣州市天河區政務服務中心",
                                     "en": "Tianhe District Government Service Center, Guangzhou"},
                            "region_code": "440106"}
    assert body["heartbeat_interval_s"] >= 10
    catalog = requests.get(central.api + "/catalog", timeout=10,
                           headers={"Authorization": f"Bearer {body['device_token']}"})
    assert catalog.status_code == 200


def test_a_code_used_by_another_serial_is_a_conflict(central: Central) -> None:
    code = new_code(central)
    assert enroll(central, code, "SN-A").status_code == 201
    answer = enroll(central, code, "SN-B")
    assert answer.status_code == 409
    assert_conforms(answer, "/enrollments", "post")


def test_the_same_serial_may_redeem_its_code_again_and_the_old_token_dies(
        central: Central) -> None:
    code = new_code(central)
    first = enroll(central, code, "SN-RETRY").json()
    second = enroll(central, code, "SN-RETRY").json()
    assert second["device_id"] == first["device_id"]
    assert second["device_token"] != first["device_token"]
    old = requests.get(central.api + "/catalog", timeout=10,
                       headers={"Authorization": f"Bearer {first['device_token']}"})
    assert old.status_code == 401


def test_an_unknown_or_expired_code_is_unauthorized(start_central) -> None:
    central = start_central()
    code = new_code(central, ttl_s=60)
    central.clock.advance(60)
    for attempt in (code, "NO-SUCH-CODE"):
        answer = enroll(central, attempt, "SN-LATE")
        assert answer.status_code == 401
        assert_conforms(answer, "/enrollments", "post")


def test_a_malformed_request_names_its_fields(central: Central) -> None:
    answer = requests.post(central.api + "/enrollments", timeout=10,
                           json={"enrollment_code": "ABC", "model": "KS-2100",
                                 "software_version": "0.1.0"})
    assert answer.status_code == 422
    assert_conforms(answer, "/enrollments", "post")
    assert {e["field"] for e in answer.json()["errors"]} == {"enrollment_code", "serial_number"}


def test_a_body_that_is_not_utf8_is_a_problem_naming_the_body(central: Central) -> None:
    answer = requests.post(central.api + "/enrollments", timeout=10, data=b'{"\xff": 1}',
                           headers={"Content-Type": "application/json"})
    assert answer.status_code == 422
    assert_conforms(answer, "/enrollments", "post")
    assert [e["field"] for e in answer.json()["errors"]] == ["body"]
