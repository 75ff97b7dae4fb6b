"""The client's side of fees: opening a payment, asking after it, cancelling it, against
the reference central over HTTP, and against a hostile one for the answers the reference
central never gives."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from hostile_central import answer, hostile_central

from kiosk.uplink.client import CentralClient, CentralFault, CentralRejected
from kiosk.uplink.credentials import load_credentials

CARD_FEE, TRAFFIC_FINE = "440106-GAJ-002", "440106-JGJ-001"
WANG = {"id_type": "resident_id", "id_number": "110101195603080020", "name": "王秀英",
        "source": "id_card_reader"}
PENDING = {"payment_id": "PAY1", "status": "pending", "amount_fen": 2000,
           "pay_code": "https://pay.example/p/1", "expires_at": "2026-11-23T10:15:00+08:00"}


@pytest.fixture
def client(central) -> Iterator[CentralClient]:
    credentials = load_credentials(central.settings.device.state_dir)
    assert credentials is not None
    made = CentralClient(central.settings.central.url, token=credentials.token)
    yield made
    made.close()


def test_a_payment_is_opened_once_per_key_paid_and_not_cancelled_once_paid(central,
                                                                          client) -> None:
    key = str(uuid.uuid4())
    opened = client.open_payment(key, CARD_FEE, WANG, 2000)
    assert opened["status"] == "pending" and opened["amount_fen"] == 2000
    assert client.open_payment(key, CARD_FEE, WANG, 2000) == opened
    with pytest.raises(CentralRejected) as reused:
        client.open_payment(key, CARD_FEE, WANG, 2000, reference="X1")
    assert reused.value.status == 409
    central.admin("POST", f"/payments/{opened['payment_id']}/paid")
    paid = client.payment(opened["payment_id"])
    assert paid["status"] == "paid" and paid["receipt_no"]
    assert client.cancel_payment(opened["payment_id"]) == paid


def test_a_fine_is_opened_with_its_bill_number_and_cancelled(client) -> None:
    with pytest.raises(CentralRejected) as missing:
        client.open_payment(str(uuid.uuid4()), TRAFFIC_FINE, WANG, 20000)
    assert [e["field"] for e in missing.value.problem["errors"]] == ["reference"]
    opened = client.open_payment(str(uuid.uuid4()), TRAFFIC_FINE, WANG, 20000,
                                 reference="4401061234567890")
    assert client.cancel_payment(opened["payment_id"])["status"] == "cancelled"
    with pytest.raises(CentralRejected) as unknown:
        client.payment("PAY/../cases")
    assert unknown.value.status == 404


@pytest.mark.parametrize(("body", "problem"), [
    (None, "not an object"), ([], "not an object"),
    ({**PENDING, "status": "refunded"}, "status is not one the contract names"),
    ({**PENDING, "amount_fen": 0}, "amount_fen is not a positive whole number of fen"),
    ({**PENDING, "amount_fen": "2000"}, "amount_fen is not a positive whole number of fen"),
    ({**PENDING, "expires_at": "soon"}, "expires_at is not a time with its offset"),
    ({**PENDING, "pay_code": ""}, "pay_code missing or not a string"),
    ({k: v for k, v in PENDING.items() if k != "payment_id"},
     "payment_id missing or not a string"),
    ({**PENDING, "status": "paid"}, "a paid payment without its receipt_no"),
])
def test_a_malformed_payment_is_a_fault_of_the_central_that_says_what(body, problem) -> None:
    with hostile_central() as hostile:
        hostile.queue(answer(200, body), answer(200, body), answer(201, body),
                      answer(202, PENDING))
        client = CentralClient(hostile.url, token="t", connect_timeout=1.0, read_timeout=2.0)
        try:
            for ask, asked, said in (
                    (lambda: client.payment("PAY1"), "GET /payments/PAY1: HTTP 200", problem),
                    (lambda: client.cancel_payment("PAY1"),
                     "POST /payments/PAY1/cancel: HTTP 200", problem),
                    (lambda: client.open_payment("k", CARD_FEE, WANG, 2000),
                     "POST /payments: HTTP 201", problem),
                    (lambda: client.payment("PAY1"), "GET /payments/PAY1: HTTP 202",
                     "not 200 or 201")):  # a whole payment, with a status it does not have
                with pytest.raises(CentralFault) as fault:
                    ask()
                assert str(fault.value) == f"{asked} without a payment ({said})"
        finally:
            client.close()


def test_a_payment_id_is_one_segment_of_the_path_whatever_it_holds() -> None:
    with hostile_central() as hostile:
        hostile.queue(answer(200, PENDING), answer(200, PENDING))
        client = CentralClient(hostile.url, token="t", connect_timeout=1.0, read_timeout=2.0)
        try:
            assert client.payment("PAY/1?x") == PENDING
            assert client.cancel_payment("PAY/1?x") == PENDING
        finally:
            client.close()
        assert [sent.path for sent in hostile.received] == [
            "/kiosk/v1/payments/PAY%2F1%3Fx", "/kiosk/v1/payments/PAY%2F1%3Fx/cancel"]


def test_a_whole_payment_is_taken_and_its_request_is_the_contracts() -> None:
    with hostile_central() as hostile:
        hostile.queue(answer(201, PENDING))
        client = CentralClient(hostile.url, token="t", connect_timeout=1.0, read_timeout=2.0)
        try:
            assert client.open_payment("k-1", TRAFFIC_FINE, WANG, 20000, "B123456") == PENDING
        finally:
            client.close()
        sent = hostile.received[0]
        assert sent.headers["Idempotency-Key"] == "k-1"
        assert sent.json() == {"item_code": TRAFFIC_FINE, "applicant": WANG,
                               "amount_fen": 20000, "reference": "B123456"}
