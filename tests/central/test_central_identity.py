"""POST /identity/challenges and the verification a typed applicant needs to see anything."""

from __future__ import annotations

import pytest
from central_contract_check import assert_conforms
from central_parts import (
    CHEN,
    HUANG,
    LI,
    SOCIAL_INSURANCE_CERT,
    WANG,
    ZHANG,
    Central,
    Kiosk,
    StartCentral,
)

TYPED_CHEN = {**CHEN, "source": "manual"}


@pytest.fixture
def fresh(start_central: StartCentral) -> Central:
    """A central of its own: rate limits and the outbox are per central."""
    return start_central()


def challenge(kiosk: Kiosk, applicant: dict) -> dict:
    answer = kiosk.post("/identity/challenges", {"applicant": applicant})
    assert answer.status_code == 201, answer.text
    assert_conforms(answer, "/identity/challenges", "post")
    return answer.json()


def sent_code(central: Central, challenge_id: str) -> str:
    messages = central.admin("GET", "/outbox").json()["messages"]
    return next(m["code"] for m in messages if m["challenge_id"] == challenge_id)


def lookup(kiosk: Kiosk, applicant: dict, verification: dict | None = None):
    body = {"applicant": applicant}
    if verification is not None:
        body["verification"] = verification
    answer = kiosk.post("/cases/lookup", body)
    assert_conforms(answer, "/cases/lookup", "post")
    return answer


def test_a_typed_identity_without_a_verification_sees_no_case(fresh: Central) -> None:
    kiosk = fresh.enroll()
    answer = lookup(kiosk, TYPED_CHEN)
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["verification"]
    assert "cases" not in answer.json()


def test_a_card_read_applicant_is_trusted_as_read(fresh: Central) -> None:
    kiosk = fresh.enroll()
    answer = lookup(kiosk, {**CHEN, "source": "id_card_reader"})
    assert answer.status_code == 200
    assert len(answer.json()["cases"]) == 1


def test_the_code_sent_to_the_phone_opens_the_lookup(fresh: Central) -> None:
    kiosk = fresh.enroll()
    started = challenge(kiosk, TYPED_CHEN)
    assert started["masked_phone"] == "136****6666"
    assert "code" not in started
    code = sent_code(fresh, started["challenge_id"])
    messages = fresh.admin("GET", "/outbox").json()["messages"]
    assert messages[-1]["phone"] == "13600006666"
    answer = lookup(kiosk, TYPED_CHEN, {"challenge_id": started["challenge_id"], "code": code})
    assert answer.status_code == 200
    assert [c["status"] for c in answer.json()["cases"]] == ["rejected"]


def test_a_challenge_is_for_its_own_applicant_only(fresh: Central) -> None:
    kiosk = fresh.enroll()
    started = challenge(kiosk, TYPED_CHEN)
    verification = {"challenge_id": started["challenge_id"],
                    "code": sent_code(fresh, started["challenge_id"])}
    answer = lookup(kiosk, {**LI, "source": "manual"}, verification)
    assert answer.status_code == 422


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_five_wrong_codes_end_the_challenge(fresh: Central) -> None:
    kiosk = fresh.enroll()
    started = challenge(kiosk, TYPED_CHEN)
    code = sent_code(fresh, started["challenge_id"])
    bad = {"challenge_id": started["challenge_id"], "code": wrong(code)}
    for _ in range(5):
        assert lookup(kiosk, TYPED_CHEN, bad).status_code == 422
    right = {"challenge_id": started["challenge_id"], "code": code}
    answer = lookup(kiosk, TYPED_CHEN, right)
    assert answer.status_code == 422
    assert "ended" in answer.json()["errors"][0]["message"]


def test_four_wrong_codes_still_leave_the_right_one(fresh: Central) -> None:
    kiosk = fresh.enroll()
    started = challenge(kiosk, TYPED_CHEN)
    code = sent_code(fresh, started["challenge_id"])
    for _ in range(4):
        lookup(kiosk, TYPED_CHEN, {"challenge_id": started["challenge_id"], "code": wrong(code)})
    right = {"challenge_id": started["challenge_id"], "code": code}
    assert lookup(kiosk, TYPED_CHEN, right).status_code == 200


def test_a_challenge_expires(fresh: Central) -> None:
    kiosk = fresh.enroll()
    started = challenge(kiosk, TYPED_CHEN)
    right = {"challenge_id": started["challenge_id"],
             "code": sent_code(fresh, started["challenge_id"])}
    fresh.clock.advance(5 * 60)
    assert lookup(kiosk, TYPED_CHEN, right).status_code == 422


def test_a_second_code_too_soon_is_429_with_retry_after(fresh: Central) -> None:
    kiosk = fresh.enroll()
    challenge(kiosk, TYPED_CHEN)
    fresh.clock.advance(20)
    answer = kiosk.post("/identity/challenges", {"applicant": TYPED_CHEN})
    assert answer.status_code == 429
    assert_conforms(answer, "/identity/challenges", "post")
    assert answer.headers["Retry-After"] == "40"
    fresh.clock.advance(40)
    challenge(kiosk, TYPED_CHEN)


def test_a_kiosk_flooding_phones_is_429(fresh: Central) -> None:
    kiosk = fresh.enroll()
    for _ in range(5):  # 20 codes within the hour, none too soon for its person
        for person in (WANG, LI, CHEN, HUANG):
            challenge(kiosk, {**person, "source": "manual"})
        fresh.clock.advance(61)
    answer = kiosk.post("/identity/challenges", {"applicant": {**WANG, "source": "manual"}})
    assert answer.status_code == 429
    assert_conforms(answer, "/identity/challenges", "post")
    assert 0 < int(answer.headers["Retry-After"]) <= 3600
    assert fresh.enroll().post("/identity/challenges",
                               {"applicant": {**WANG, "source": "manual"}}).status_code == 201


def test_no_phone_held_is_404(fresh: Central) -> None:
    answer = fresh.enroll().post("/identity/challenges", {"applicant": ZHANG})
    assert answer.status_code == 404
    assert_conforms(answer, "/identity/challenges", "post")


def test_a_malformed_challenge_request_is_422(fresh: Central) -> None:
    kiosk = fresh.enroll()
    answer = kiosk.post("/identity/challenges", {"applicant": {**CHEN, "id_number": "123"}})
    assert answer.status_code == 422
    assert_conforms(answer, "/identity/challenges", "post")
    answer = kiosk.post("/cases/lookup", {"applicant": TYPED_CHEN,
                                          "verification": {"challenge_id": "x", "code": "12"}})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"].startswith("verification")


def test_a_typed_query_needs_a_verification(fresh: Central) -> None:
    kiosk = fresh.enroll()
    typed = {**WANG, "source": "manual"}
    answer = kiosk.post(f"/queries/{SOCIAL_INSURANCE_CERT}",
                        {"applicant": typed, "form": {"months": "12"}})
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["verification"]
    started = challenge(kiosk, typed)
    verification = {"challenge_id": started["challenge_id"],
                    "code": sent_code(fresh, started["challenge_id"])}
    answer = kiosk.post(f"/queries/{SOCIAL_INSURANCE_CERT}",
                        {"applicant": typed, "form": {"months": "12"},
                         "verification": verification})
    assert answer.status_code == 200, answer.text
