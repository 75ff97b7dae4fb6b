"""POST /cases/lookup and the schedule on which cases progress (with an injected clock)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from central_contract_check import assert_conforms
from central_parts import CHEN, LI, WANG, Central, Kiosk


def lookup(kiosk: Kiosk, **query: object):
    answer = kiosk.post("/cases/lookup", query)
    assert answer.status_code == 200, answer.text
    assert_conforms(answer, "/cases/lookup", "post")
    return answer.json()["cases"]


def test_seeded_cases_are_found_by_applicant_with_their_timelines(kiosk: Kiosk) -> None:
    [rejected] = lookup(kiosk, applicant=CHEN)
    assert rejected["status"] == "rejected"
    assert [entry["status"] for entry in rejected["timeline"]] == [
        "received", "accepted", "rejected"]
    assert "租赁合同" in rejected["timeline"][-1]["note"]["zh_CN"]
    assert lookup(kiosk, applicant={**CHEN, "name": "别人"}) == []


def test_lookup_lists_newest_first_and_finds_by_case_no_and_local_ref(kiosk: Kiosk) -> None:
    body = kiosk.senior_card(applicant=WANG)
    receipt = kiosk.post("/submissions", body, str(uuid.uuid4())).json()
    cases = lookup(kiosk, applicant=WANG)
    assert cases[0]["case_no"] == receipt["case_no"]
    assert len(cases) >= 2  # the seeded senior card case comes after
    assert cases[0]["item_title"]["zh_CN"].startswith("老年人优待证")
    by_no = lookup(kiosk, case_no=receipt["case_no"])
    by_ref = lookup(kiosk, local_ref=body["local_ref"], lookup_token=body["lookup_token"])
    assert by_no == by_ref == [cases[0]]


def test_a_guessed_reference_finds_nothing_without_its_receipts_token(kiosk: Kiosk) -> None:
    body = kiosk.senior_card()
    assert kiosk.post("/submissions", body, str(uuid.uuid4())).status_code == 201
    wrong = body["lookup_token"][:-1] + ("A" if body["lookup_token"][-1] != "A" else "B")
    assert lookup(kiosk, local_ref=body["local_ref"], lookup_token=wrong) == []
    assert lookup(kiosk, local_ref=body["local_ref"], lookup_token="") == []


def test_a_reference_without_a_token_is_a_problem_that_names_the_token(kiosk: Kiosk) -> None:
    body = kiosk.senior_card()
    assert kiosk.post("/submissions", body, str(uuid.uuid4())).status_code == 201
    answer = kiosk.post("/cases/lookup", {"local_ref": body["local_ref"]})
    assert answer.status_code == 422
    assert_conforms(answer, "/cases/lookup", "post")
    assert [e["field"] for e in answer.json()["errors"]] == ["lookup_token"]


def test_a_case_submitted_without_a_token_is_never_found_by_its_reference(kiosk: Kiosk) -> None:
    """A kiosk's entry spooled before lookup tokens is still delivered, and found by its case
    number, not by a reference anyone could count to."""
    body = kiosk.senior_card()
    del body["lookup_token"]
    receipt = kiosk.post("/submissions", body, str(uuid.uuid4()))
    assert receipt.status_code == 201
    assert lookup(kiosk, local_ref=body["local_ref"], lookup_token="A" * 22) == []
    assert [c["local_ref"] for c in lookup(kiosk, case_no=receipt.json()["case_no"])] == [
        body["local_ref"]]


def test_a_token_shorter_than_the_contract_allows_is_refused(kiosk: Kiosk) -> None:
    answer = kiosk.post("/submissions", kiosk.senior_card() | {"lookup_token": "short"},
                        str(uuid.uuid4()))
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["lookup_token"]


def test_an_empty_lookup_is_a_problem(kiosk: Kiosk) -> None:
    answer = kiosk.post("/cases/lookup", {})
    assert answer.status_code == 422
    assert_conforms(answer, "/cases/lookup", "post")


def test_a_null_is_not_a_left_out_field(kiosk: Kiosk) -> None:
    answer = kiosk.post("/cases/lookup", {"case_no": "", "applicant": None})
    assert answer.status_code == 422
    assert_conforms(answer, "/cases/lookup", "post")
    assert [e["field"] for e in answer.json()["errors"]] == ["applicant"]


def test_a_new_case_advances_one_status_per_step(start_central) -> None:
    central: Central = start_central(step_seconds=60)
    kiosk = central.enroll()
    receipt = kiosk.post("/submissions", kiosk.senior_card(applicant=LI),
                         str(uuid.uuid4())).json()
    assert receipt["status"] == "received"

    def status() -> str:
        return lookup(kiosk, case_no=receipt["case_no"])[0]["status"]

    central.clock.advance(59)
    assert status() == "received"
    seen = []
    for _ in range(5):
        central.clock.advance(60)
        seen.append(status())
    assert seen == ["accepted", "in_review", "approved", "completed", "completed"]
    timeline = lookup(kiosk, case_no=receipt["case_no"])[0]["timeline"]
    received = datetime.fromisoformat(receipt["received_at"])
    assert [datetime.fromisoformat(e["at"]) - received for e in timeline] == [
        timedelta(seconds=60 * step) for step in range(5)]


def test_the_admin_clock_lets_a_child_process_skip_the_wait(start_central) -> None:
    central: Central = start_central(step_seconds=60)
    kiosk = central.enroll()
    receipt = kiosk.post("/submissions", kiosk.senior_card(), str(uuid.uuid4())).json()
    moved = central.admin("POST", "/clock", {"advance_s": 120})
    assert moved.status_code == 200
    assert datetime.fromisoformat(moved.json()["now"]) == central.clock.now()
    assert lookup(kiosk, case_no=receipt["case_no"])[0]["status"] == "in_review"
    assert central.admin("POST", "/clock", {"advance_s": -5}).status_code == 422
