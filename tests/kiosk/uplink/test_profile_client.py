"""The client's side of POST /applicants/profile, against the reference central over HTTP,
and against a hostile one for the answers the reference central never gives."""

from __future__ import annotations

import pytest
import test_identity_client as identity
from hostile_central import answer, hostile_central
from test_identity_client import sent_code

from kiosk.uplink.client import CentralClient, CentralFault, CentralRejected

CARD_WANG = {"id_type": "resident_id", "id_number": "110101195603080020", "name": "王秀英",
             "source": "id_card_reader"}
TYPED_CHEN = {"id_type": "resident_id", "id_number": "310104199511020041", "name": "陈晓燕",
              "source": "manual"}


# the enrolled kiosk's client to the reference central
client = identity.client


def test_a_card_read_citizens_profile_and_a_typed_one_with_its_code(central, client) -> None:
    assert client.profile(CARD_WANG)["phone"] == "13800138000"
    with pytest.raises(CentralRejected) as refused:
        client.profile(TYPED_CHEN)
    assert refused.value.status == 422
    challenge = client.start_challenge(TYPED_CHEN)
    verification = {"challenge_id": challenge["challenge_id"],
                    "code": sent_code(central, challenge["challenge_id"])}
    assert client.profile(TYPED_CHEN, verification)["phone"] == "13600006666"


def asked(body, status: int = 200) -> dict:
    with hostile_central() as hostile:
        hostile.queue(answer(status, body))
        client = CentralClient(hostile.url, token="t", connect_timeout=1.0, read_timeout=2.0)
        try:
            return client.profile(CARD_WANG)
        finally:
            client.close()
            assert hostile.received[0].json() == {"applicant": CARD_WANG}


@pytest.mark.parametrize("body", [
    None, {}, [], "13800138000", {"profile": None}, {"profile": ["13800138000"]},
    {"profile": {"phone": 13800138000}}, {"profile": {"phone": None}},
    {"profile": {"residence_address": {"city": "广州"}}},
    {"profile": {"surprise": ["not", "a", "string"]}},
    {"cases": [{"case_no": "X", "status": "received"}]},
])
def test_a_malformed_profile_is_a_fault_of_the_central(body) -> None:
    with pytest.raises(CentralFault) as fault:
        asked(body)
    assert "13800138000" not in str(fault.value) and "广州" not in str(fault.value)


@pytest.mark.parametrize(("body", "status", "problem"), [
    ([], 200, "no profile object"), ({"profile": None}, 200, "no profile object"),
    ({"profile": {"phone": 13800138000}}, 200, "profile.phone is not a string"),
    ({"profile": {"phone": "13800138000"}}, 201, "not 200"),
])
def test_a_profile_fault_names_the_key_never_the_value(body, status, problem) -> None:
    with pytest.raises(CentralFault) as fault:
        asked(body, status=status)
    assert str(fault.value) == (f"POST /applicants/profile: HTTP {status} without a profile "
                                f"({problem})")


def test_unknown_keys_are_dropped_and_known_ones_kept() -> None:
    got = asked({"profile": {"phone": "13800138000", "id_number": "440106198807210036",
                             "name": "李明", "bank_card": "6222020000000000"},
                 "extra": True})
    assert got == {"phone": "13800138000"}
