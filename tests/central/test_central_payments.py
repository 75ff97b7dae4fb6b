"""POST /payments, GET /payments/{id}, POST /payments/{id}/cancel, and the fee a submission
must have paid."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

import pytest
from central_contract_check import assert_conforms
from central_parts import CHEN, LI, WANG, Central, Kiosk

CARD_FEE = "440106-GAJ-002"
TRAFFIC_FINE = "440106-JGJ-001"


def open_payment(kiosk: Kiosk, key: str | None = None, **body: Any):
    request = {"item_code": CARD_FEE, "applicant": {**WANG, "source": "id_card_reader"},
               "amount_fen": 2000, **body}
    answer = kiosk.post("/payments", request, key or str(uuid.uuid4()))
    assert_conforms(answer, "/payments", "post")
    return answer


def read(kiosk: Kiosk, payment_id: str) -> dict[str, Any]:
    answer = kiosk.get(f"/payments/{payment_id}")
    assert_conforms(answer, "/payments/{payment_id}", "get")
    assert answer.status_code == 200
    return answer.json()


def cancel(kiosk: Kiosk, payment_id: str):
    answer = kiosk.post(f"/payments/{payment_id}/cancel", {})
    assert_conforms(answer, "/payments/{payment_id}/cancel", "post")
    return answer


def pay(central: Central, payment_id: str):
    return central.admin("POST", f"/payments/{payment_id}/paid")


def card_fee_submission(kiosk: Kiosk, payment_id: str | None,
                        applicant: dict[str, str] = WANG) -> dict[str, Any]:
    body = {
        "local_ref": "K0107-20261123-" + uuid.uuid4().hex[:4],
        "lookup_token": secrets.token_urlsafe(16), "item_code": CARD_FEE, "item_version": 1,
        "device_id": kiosk.device_id, "created_at": "2026-11-23T09:58:00+08:00",
        "applicant": {**applicant, "source": "id_card_reader"},
        "form": {"reason": "lost", "phone": "13800138000", "consent": True},
    }
    return body if payment_id is None else {**body, "payment_id": payment_id}


def test_a_payment_opens_pending_and_a_repeat_of_its_key_is_the_same(kiosk: Kiosk) -> None:
    key = str(uuid.uuid4())
    first = open_payment(kiosk, key)
    assert first.status_code == 201
    payment = first.json()
    assert payment["status"] == "pending" and payment["amount_fen"] == 2000
    assert payment["pay_code"] and payment["expires_at"] == "2026-11-23T10:15:00+08:00"
    again = open_payment(kiosk, key)
    assert again.status_code == 200 and again.json() == payment
    assert open_payment(kiosk, key, amount_fen=2000, reference="x").status_code == 409
    assert open_payment(kiosk).json()["payment_id"] != payment["payment_id"]


@pytest.mark.parametrize(("body", "field"), [
    ({"amount_fen": 1000}, "amount_fen"),
    ({"item_code": "440106-MZJ-001"}, "item_code"),
    ({"item_code": TRAFFIC_FINE, "amount_fen": 20000}, "reference"),
    ({"item_code": TRAFFIC_FINE, "amount_fen": 20000, "reference": "  "}, "reference"),
    ({"applicant": {**WANG, "id_number": "110101195603080021"}}, "applicant.id_number"),
])
def test_a_payment_that_can_never_be_opened_is_refused(kiosk: Kiosk, body: dict,
                                                        field: str) -> None:
    answer = open_payment(kiosk, **body)
    assert answer.status_code == 422
    assert field in {error["field"] for error in answer.json()["errors"]}


def test_paid_is_final_and_carries_the_fiscal_receipt_number(central: Central,
                                                             kiosk: Kiosk) -> None:
    payment_id = open_payment(kiosk).json()["payment_id"]
    assert read(kiosk, payment_id)["status"] == "pending"
    assert pay(central, payment_id).status_code == 200
    paid = read(kiosk, payment_id)
    assert paid["status"] == "paid" and paid["receipt_no"] and paid["paid_at"]
    assert pay(central, payment_id).json()["receipt_no"] == paid["receipt_no"]
    answer = cancel(kiosk, payment_id)
    assert answer.status_code == 200 and answer.json() == paid


def test_a_cancelled_payment_can_no_longer_be_paid(central: Central, kiosk: Kiosk) -> None:
    payment_id = open_payment(kiosk).json()["payment_id"]
    assert cancel(kiosk, payment_id).json()["status"] == "cancelled"
    assert pay(central, payment_id).status_code == 409
    assert read(kiosk, payment_id)["status"] == "cancelled"
    assert cancel(kiosk, payment_id).json()["status"] == "cancelled"


def test_a_payment_not_paid_in_time_expires(start_central) -> None:
    central = start_central()
    kiosk = central.enroll()
    payment_id = open_payment(kiosk).json()["payment_id"]
    central.clock.advance(14 * 60 + 59)
    assert read(kiosk, payment_id)["status"] == "pending"
    central.clock.advance(1)
    assert read(kiosk, payment_id)["status"] == "expired"
    assert pay(central, payment_id).status_code == 409
    assert cancel(kiosk, payment_id).json()["status"] == "expired"


def test_another_device_cannot_see_or_cancel_a_payment(central: Central, kiosk: Kiosk) -> None:
    payment_id = open_payment(kiosk).json()["payment_id"]
    other = central.enroll()
    assert other.get(f"/payments/{payment_id}").status_code == 404
    assert cancel(other, payment_id).status_code == 404
    assert cancel(kiosk, "PAY-NONE").status_code == 404
    assert read(kiosk, payment_id)["status"] == "pending"


def test_a_fee_submission_is_accepted_only_with_a_paid_payment_of_its_applicant(
        central: Central, kiosk: Kiosk) -> None:
    payment_id = open_payment(kiosk).json()["payment_id"]
    for body in (card_fee_submission(kiosk, None), card_fee_submission(kiosk, payment_id)):
        refused = kiosk.post("/submissions", body, str(uuid.uuid4()))
        assert refused.status_code == 422
        assert {e["field"] for e in refused.json()["errors"]} == {"payment_id"}
    pay(central, payment_id)
    other = kiosk.post("/submissions", card_fee_submission(kiosk, payment_id, CHEN),
                       str(uuid.uuid4()))
    assert other.status_code == 422
    accepted = kiosk.post("/submissions", card_fee_submission(kiosk, payment_id),
                          str(uuid.uuid4()))
    assert accepted.status_code == 201
    assert_conforms(accepted, "/submissions", "post")


def test_a_batch_judges_each_fee_submission_the_same_way(central: Central, kiosk: Kiosk) -> None:
    payment_id = open_payment(kiosk, applicant={**LI, "source": "id_card_reader"}).json()[
        "payment_id"]
    pay(central, payment_id)
    entries = [{"idempotency_key": str(uuid.uuid4()), "submission": body} for body in (
        card_fee_submission(kiosk, None, LI), card_fee_submission(kiosk, payment_id, LI))]
    answer = kiosk.post("/submissions/batch", {"entries": entries})
    assert_conforms(answer, "/submissions/batch", "post")
    assert [result["status"] for result in answer.json()["results"]] == [422, 201]


def test_the_counters_show_payments_by_status(central: Central, kiosk: Kiosk) -> None:
    before = central.counters()["payments"].get("cancelled", 0)
    cancel(kiosk, open_payment(kiosk).json()["payment_id"])
    assert central.counters()["payments"]["cancelled"] == before + 1
