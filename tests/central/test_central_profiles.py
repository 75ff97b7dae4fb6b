"""POST /applicants/profile: what the platform holds for an identified applicant."""

from __future__ import annotations

import pytest
from central_contract_check import assert_conforms
from central_parts import CHEN, HUANG, LI, WANG, Central, Kiosk, StartCentral
from test_central_identity import challenge, sent_code

from central.profiles import Profiles

TYPED_LI = {**LI, "source": "manual"}


@pytest.fixture
def fresh(start_central: StartCentral) -> Central:
    """A central of its own: rate limits are per central."""
    return start_central()


def profile(kiosk: Kiosk, applicant: dict, verification: dict | None = None):
    body = {"applicant": applicant}
    if verification is not None:
        body["verification"] = verification
    answer = kiosk.post("/applicants/profile", body)
    assert_conforms(answer, "/applicants/profile", "post")
    return answer


def test_a_card_read_applicant_gets_the_profile_held(kiosk: Kiosk) -> None:
    answer = profile(kiosk, {**WANG, "source": "id_card_reader"})
    assert answer.status_code == 200
    held = answer.json()["profile"]
    assert held["phone"] == "13800138000"
    assert held["residence_address"].startswith("广州市天河区")
    assert set(held) <= {"phone", "household_address", "residence_address", "employer",
                         "email", "marital_status"}


def test_someone_the_platform_knows_nothing_of_gets_an_empty_profile(kiosk: Kiosk) -> None:
    answer = profile(kiosk, {**HUANG, "source": "id_card_reader"})
    assert answer.status_code == 200
    assert answer.json() == {"profile": {}}


def test_the_name_must_match_the_id_number(kiosk: Kiosk) -> None:
    answer = profile(kiosk, {**WANG, "name": "李明", "source": "smart_card"})
    assert answer.json() == {"profile": {}}


def test_a_typed_applicant_needs_a_verified_code(fresh: Central) -> None:
    kiosk = fresh.enroll()
    refused = profile(kiosk, TYPED_LI)
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["verification"]
    assert "profile" not in refused.json()
    started = challenge(kiosk, TYPED_LI)
    code = sent_code(fresh, started["challenge_id"])
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    assert profile(kiosk, TYPED_LI, {"challenge_id": started["challenge_id"],
                                     "code": wrong}).status_code == 422
    answer = profile(kiosk, TYPED_LI, {"challenge_id": started["challenge_id"], "code": code})
    assert answer.status_code == 200
    assert answer.json()["profile"]["email"] == "liming@example.cn"


def test_another_persons_code_opens_no_profile(fresh: Central) -> None:
    kiosk = fresh.enroll()
    started = challenge(kiosk, {**CHEN, "source": "manual"})
    code = sent_code(fresh, started["challenge_id"])
    answer = profile(kiosk, TYPED_LI, {"challenge_id": started["challenge_id"], "code": code})
    assert answer.status_code == 422
    assert "profile" not in answer.json()


def test_a_bad_id_number_is_a_422_naming_it(kiosk: Kiosk) -> None:
    answer = profile(kiosk, {**WANG, "id_number": "110101195603080021",
                             "source": "id_card_reader"})
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["applicant.id_number"]


def test_a_kiosk_asking_for_too_many_profiles_is_told_to_wait(fresh: Central) -> None:
    fresh.services.profiles = Profiles(fresh.services.db, hourly_limit=3)
    kiosk, other = fresh.enroll(), fresh.enroll()
    card = {**WANG, "source": "id_card_reader"}
    assert [profile(kiosk, card).status_code for _ in range(3)] == [200, 200, 200]
    busy = profile(kiosk, card)
    assert busy.status_code == 429
    assert 1 <= int(busy.headers["Retry-After"]) <= 3600
    assert "profile" not in busy.json()
    assert profile(other, card).status_code == 200  # the limit is each kiosk's own
    fresh.clock.advance(3601)
    assert profile(kiosk, card).status_code == 200
