"""What each of the contract's operations sends, and what its caller gets back.

The reference central answers what it is sent as long as it parses; these
read the request itself at a hostile double on loopback (method, path, query,
headers and body: optional parts only when given), and what the operation
hands its caller from a whole answer, or the fault when the answer is not
the operation's. A second apiece, for the mutation run's client target.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hostile_central import HostileCentral, answer, hostile_central, raw

from kiosk.uplink.client import CentralClient, CentralFault, CentralServerError

APPLICANT = {"id_type": "resident_id", "id_number": "110101195603080020", "name": "王秀英",
             "source": "id_card_reader"}
CODE = {"challenge_id": "c" * 22, "code": "123456"}
RECEIPT = {"case_no": "C-20261123-0001", "status": "received",
           "received_at": "2026-11-23T03:00:00+08:00"}


@pytest.fixture
def central() -> Iterator[HostileCentral]:
    with hostile_central() as hostile:
        yield hostile


@pytest.fixture
def client(central) -> Iterator[CentralClient]:
    made = CentralClient(central.url, token="t", connect_timeout=1.0, read_timeout=2.0)
    yield made
    made.close()


def sent(central: HostileCentral) -> list[tuple[str, str, object]]:
    return [(r.method, r.path.removeprefix("/kiosk/v1"), r.json() if r.body else None)
            for r in central.received]


def test_a_catalog_asks_with_its_etag_and_comes_back_with_the_new_one(central, client) -> None:
    central.queue(answer(200, {"version": "v2"}, {"ETag": '"v2"'}), answer(200, {}))
    assert client.catalog('"v1"') == ({"version": "v2"}, '"v2"')
    assert client.catalog() == ({}, None)
    first, second = central.received
    assert first.headers["If-None-Match"] == '"v1"' and "If-None-Match" not in second.headers
    assert sent(central) == [("GET", "/catalog", None)] * 2


@pytest.mark.parametrize("content", [b"[]", b"not json", b""])
def test_a_catalog_that_is_not_an_object_is_a_fault(central, client, content) -> None:
    central.queue(raw(200, content))
    with pytest.raises(CentralFault, match=r"^GET /catalog: HTTP 200 without a catalog "
                                           r"object$"):
        client.catalog()


@pytest.mark.parametrize("status", [200, 201])
def test_a_submission_goes_under_its_key_and_its_receipt_comes_back(central, client,
                                                                    status) -> None:
    central.queue(answer(status, RECEIPT))
    assert client.submit("k-1", {"item_code": "X"}) == RECEIPT
    assert sent(central) == [("POST", "/submissions", {"item_code": "X"})]
    assert central.received[0].headers["Idempotency-Key"] == "k-1"


def test_a_batch_comes_back_as_its_results(central, client) -> None:
    results = [{"idempotency_key": "k-1", "status": 201, "case": RECEIPT}]
    central.queue(answer(200, {"results": results}), answer(200, {"results": []}))
    assert client.submit_batch([("k-1", {"item_code": "X"})]) == results
    assert client.submit_batch([]) == []


def test_a_profile_asks_with_the_code_only_when_there_is_one(central, client) -> None:
    central.queue(answer(200, {"profile": {}}), answer(200, {"profile": {"email": "a@b.c"}}))
    assert client.profile(APPLICANT) == {}
    assert client.profile(APPLICANT, CODE) == {"email": "a@b.c"}
    assert sent(central) == [("POST", "/applicants/profile", {"applicant": APPLICANT}),
                             ("POST", "/applicants/profile",
                              {"applicant": APPLICANT, "verification": CODE})]


def test_a_case_lookup_carries_its_query_and_the_code_only_when_there_is_one(
        central, client) -> None:
    cases = [{"case_no": "C-1", "status": "received"}]
    central.queue(answer(200, {"cases": cases}), answer(200, {"cases": []}))
    assert client.lookup_cases(case_no="C-1") == cases
    assert client.lookup_cases(verification=CODE, applicant=APPLICANT) == []
    assert sent(central) == [("POST", "/cases/lookup", {"case_no": "C-1"}),
                             ("POST", "/cases/lookup",
                              {"applicant": APPLICANT, "verification": CODE})]


def test_a_query_carries_its_form_and_code_only_when_given(central, client) -> None:
    central.queue(answer(200, {"a": 1}), answer(200, {"b": 2}))
    assert client.query("Q-1", APPLICANT) == {"a": 1}
    assert client.query("Q-1", APPLICANT, {"year": "2026"}, CODE) == {"b": 2}
    assert sent(central) == [
        ("POST", "/queries/Q-1", {"applicant": APPLICANT}),
        ("POST", "/queries/Q-1", {"applicant": APPLICANT, "form": {"year": "2026"},
                                  "verification": CODE})]


def test_slots_are_asked_by_item_and_date_in_the_query(central, client) -> None:
    central.queue(answer(200, {"slots": [{"slot_id": "S1"}]}))
    assert client.slots("A-1", "2026-12-08") == [{"slot_id": "S1"}]
    [asked] = central.received
    assert (asked.method, asked.path) == ("GET", "/kiosk/v1/appointments/slots?item_code=A-1"
                                                 "&date=2026-12-08")


def test_a_booking_goes_under_its_key_with_its_slot_only_when_there_is_one(central,
                                                                          client) -> None:
    central.queue(answer(201, {"ticket": "A001"}), answer(201, {"ticket": "A002"}))
    assert client.book("k-1", "A-1", APPLICANT) == {"ticket": "A001"}
    assert client.book("k-2", "A-1", APPLICANT, "S1") == {"ticket": "A002"}
    assert sent(central) == [
        ("POST", "/appointments", {"item_code": "A-1", "applicant": APPLICANT}),
        ("POST", "/appointments", {"item_code": "A-1", "applicant": APPLICANT,
                                   "slot_id": "S1"})]
    assert [r.headers["Idempotency-Key"] for r in central.received] == ["k-1", "k-2"]


def test_a_payment_is_opened_without_a_reference_when_it_has_none(central, client) -> None:
    payment = {"payment_id": "PAY1", "status": "pending", "amount_fen": 1,  # the least fee
               "pay_code": "https://pay.example/p/1", "expires_at": "2026-11-23T10:15:00+08:00"}
    central.queue(answer(200, payment))
    assert client.open_payment("k-1", "F-1", APPLICANT, 1) == payment
    assert sent(central) == [("POST", "/payments", {"item_code": "F-1",
                                                    "applicant": APPLICANT,
                                                    "amount_fen": 1})]


def test_a_document_comes_back_as_its_bytes_and_only_from_a_200(central, client) -> None:
    central.queue(raw(200, b"%PDF-1.7", {"Content-Type": "application/pdf"}),
                  raw(203, b"%PDF-1.7"), raw(200, b"%PDF-1.7 and more"))
    assert client.document_pdf("D-1", limit=8) == b"%PDF-1.7"
    with pytest.raises(CentralFault, match=r"^GET /documents/D-1/pdf: HTTP 203 without the "
                                           r"PDF$"):
        client.document_pdf("D-1", limit=8)
    with pytest.raises(CentralFault, match="at most 8 are read"):
        client.document_pdf("D-1", limit=8)
    assert sent(central) == [("GET", "/documents/D-1/pdf", None)] * 3


def test_a_heartbeat_sends_its_report_and_gets_the_centrals_answer(central, client) -> None:
    central.queue(answer(200, {"commands": []}))
    assert client.heartbeat({"status": "ok"}) == {"commands": []}
    assert sent(central) == [("POST", "/heartbeats", {"status": "ok"})]


def test_a_help_request_is_sent_as_it_is(central, client) -> None:
    central.queue(answer(201, {"request_id": "H1", "status": "queued"}))
    asked = {"reason": "stuck", "language": "zh_CN", "screen": "form", "item_code": "X"}
    assert client.ask_for_help(asked) == {"request_id": "H1", "status": "queued"}
    assert sent(central) == [("POST", "/help-requests", asked)]


@pytest.mark.parametrize(("ask", "asked"), [
    (lambda c: c.enroll(code="C", serial_number="S", model="M", software_version="1"),
     "POST /enrollments"),
    (lambda c: c.catalog(), "GET /catalog"), (lambda c: c.probe(), "GET /catalog"),
    (lambda c: c.submit("k", {}), "POST /submissions"),
    (lambda c: c.submit_batch([("k", {})]), "POST /submissions/batch"),
    (lambda c: c.start_challenge(APPLICANT), "POST /identity/challenges"),
    (lambda c: c.profile(APPLICANT), "POST /applicants/profile"),
    (lambda c: c.lookup_cases(case_no="C-1"), "POST /cases/lookup"),
    (lambda c: c.query("Q-1", APPLICANT), "POST /queries/Q-1"),
    (lambda c: c.slots("A-1", "2026-12-08"), "GET /appointments/slots"),
    (lambda c: c.book("k", "A-1", APPLICANT), "POST /appointments"),
    (lambda c: c.document_pdf("D-1", limit=1024), "GET /documents/D-1/pdf"),
    (lambda c: c.open_payment("k", "F-1", APPLICANT, 1), "POST /payments"),
    (lambda c: c.payment("P1"), "GET /payments/P1"),
    (lambda c: c.cancel_payment("P1"), "POST /payments/P1/cancel"),
    (lambda c: c.ask_for_help({}), "POST /help-requests"),
    (lambda c: c.heartbeat({}), "POST /heartbeats"),
])
def test_a_failed_request_names_its_method_and_path_for_the_technician(central, client, ask,
                                                                       asked) -> None:
    central.queue(answer(502, {"title": "bad gateway"}))
    with pytest.raises(CentralServerError) as failed:
        ask(client)
    assert str(failed.value) == f"{asked}: HTTP 502"
    [received] = central.received
    assert f"{received.method} {received.path}".startswith(asked.replace(" /", " /kiosk/v1/"))
