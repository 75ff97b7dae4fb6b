"""A fee paid before a printout, driven through the flow against the reference central on
loopback: the document is asked for only once paid and prints with the fiscal receipt
number; cancel; paid and then the document could not be had or printed; a kiosk killed
between "paid" and the print; one payment in a visit, however often the citizen tries."""

from __future__ import annotations

import pytest
import requests
from flow_services import doc_text
from pay_helpers import (
    CERTIFIED_RECORD,
    WANG,
    kill_between_paid_and_the_put,
    pay_by_phone,
    poll,
    services_for,
    to_the_document_pay_code,
)

from kiosk.audit.log import AuditLog
from kiosk.service.payments import LeftoverPayments
from kiosk.visit.availability import KioskStatus
from kiosk.visit.flow import Screen
from kiosk.visit.state import DocumentResult
from offline_queue import Spool


def documents_issued(central) -> int:
    """How often the central was asked for a document."""
    return central.admin("GET", "/counters").json()["requests_by_operation"].get("queries", 0)


def paid_and_answered(flow, services, central, clock) -> dict:
    """The citizen pays the certified record's fee by phone; the kiosk hears "paid" and
    asks for the document; its answer is back. The payment, as paid."""
    payment = to_the_document_pay_code(flow, services)
    paid = pay_by_phone(central.admin_url, payment["payment_id"])
    poll(flow, services, clock)  # "paid": the document is asked for now
    assert flow.screen == Screen.WORKING
    services.settle()
    return paid


def test_the_document_is_asked_for_only_once_paid_and_prints_with_the_receipt_number(
        flow, services, spool, central, clock) -> None:
    issued = documents_issued(central)
    payment = to_the_document_pay_code(flow, services)
    assert payment["amount_fen"] == 1000
    poll(flow, services, clock)
    assert flow.screen == Screen.PAY and documents_issued(central) == issued  # not yet
    paid = pay_by_phone(central.admin_url, payment["payment_id"])
    poll(flow, services, clock)
    services.settle()
    assert flow.screen == Screen.RESULT and documents_issued(central) == issued + 1
    outcome = flow.visit.outcome
    assert isinstance(outcome, DocumentResult) and outcome.fee == (1000, paid["receipt_no"])
    [(paper, done)] = services.printed
    assert paid["receipt_no"] in doc_text(paper) and "10.00" in doc_text(paper)
    assert spool.payment(flow.visit.pay.key).state == "paid"  # until the paper is out
    done(True, "")
    kept = spool.payment(flow.visit.pay.key)
    assert (kept.state, kept.local_ref) == ("delivered", outcome.document.document_no)
    flow.finish()
    assert services.left == [] and spool.unsettled_payments() == []


def test_a_cancel_goes_back_to_the_form_and_asks_for_nothing(flow, services, spool,
                                                             central) -> None:
    issued = documents_issued(central)
    payment = to_the_document_pay_code(flow, services)
    flow.back()
    services.settle()
    assert flow.screen == Screen.FORM and flow.visit.pay is None
    with pytest.raises(requests.HTTPError):  # the phone can no longer pay it
        pay_by_phone(central.admin_url, payment["payment_id"])
    assert documents_issued(central) == issued and services.printed == []
    assert spool.unsettled_payments() == []


def test_paid_and_the_document_refused_the_citizen_reads_the_receipt_number_and_hotline(
        flow, services, spool, central, clock, ui_settings) -> None:
    central.admin("POST", "/faults", json={"operation": "queries", "mode": "status_500",
                                           "sequence": [True]})
    paid = paid_and_answered(flow, services, central, clock)
    assert flow.screen == Screen.NOTICE and services.printed == []
    assert paid["receipt_no"] in flow.visit.notice and ui_settings.hotline in flow.visit.notice
    assert spool.payment(flow.visit.pay.key).state == "paid"
    flow.finish()  # the citizen leaves with the number: the desk hears of it
    assert len(services.left) == 1 and spool.payment(services.left[0]).visit_ended
    assert spool.payment(services.left[0]).state == "paid"
    assert central.payments().get("paid", 0) >= 1


def test_paid_and_the_query_failed_a_retry_prints_without_paying_again(
        flow, services, spool, central, clock) -> None:
    central.admin("POST", "/faults", json={"operation": "queries", "mode": "drop_before",
                                           "sequence": [True]})
    paid = paid_and_answered(flow, services, central, clock)
    assert flow.screen == Screen.NOTICE and flow.can_retry
    opened = sum(central.payments().values())
    flow.retry()
    services.settle()
    assert flow.screen == Screen.RESULT and flow.visit.outcome.fee[1] == paid["receipt_no"]
    flow.finish()
    flow.card_read(WANG)
    flow.choose(CERTIFIED_RECORD)  # a new visit is a new fee; the old one was settled
    assert sum(central.payments().values()) == opened


def test_back_to_the_same_document_in_the_visit_it_is_not_charged_again(
        flow, services, spool, central, clock) -> None:
    central.admin("POST", "/faults", json={"operation": "queries", "mode": "status_500",
                                           "sequence": [True]})
    paid_and_answered(flow, services, central, clock)
    assert flow.screen == Screen.NOTICE
    opened = sum(central.payments().values())
    flow.back()
    flow.choose(CERTIFIED_RECORD)
    flow.set_value("purpose", "home")
    flow.next()  # paid already: straight to the document
    assert flow.screen == Screen.WORKING
    services.settle()
    assert flow.screen == Screen.RESULT and sum(central.payments().values()) == opened


def test_paid_and_the_print_failed_the_result_says_so_and_the_desk_sees_it(
        flow, services, spool, central, clock, tmp_path) -> None:
    paid = paid_and_answered(flow, services, central, clock)
    [(_paper, done)] = services.printed
    done(False, "paper out")
    assert flow.can_print_again
    assert paid["receipt_no"] in flow.owed_notice()
    clock.advance(10_000)
    flow.tick()  # the citizen walked away without the paper
    assert flow.screen == Screen.ATTRACT and len(services.left) == 1
    audit = AuditLog(tmp_path / "audit.log", clock)
    leftovers = LeftoverPayments(spool, services.ask, audit)
    leftovers.left(services.left[0])
    [said] = leftovers.lines()
    line = str(said)
    assert paid["payment_id"] in line and "PAID" in line
    assert "payment_paid_visit_ended" in (tmp_path / "audit.log").read_text(encoding="utf-8")
    audit.close()


def test_killed_between_paid_and_the_print_the_restart_finds_it_and_charges_nothing_again(
        central, tmp_path, clock) -> None:
    db, key = tmp_path / "spool.db", tmp_path / "spool.key"
    kept_key = kill_between_paid_and_the_put(db, key, central.url, central.token,
                                             central.device_id, CERTIFIED_RECORD)
    paid_before = central.payments().get("paid", 0)
    with Spool(db, key, device_prefix="K0107", clock=clock, disk_free=lambda: 10**12) as spool:
        [kept] = spool.unsettled_payments()
        assert (kept.key, kept.state, kept.item_code) == (kept_key, "paid", CERTIFIED_RECORD)
        restarted = services_for(spool, central.url, central.token, central.device_id)
        audit = AuditLog(tmp_path / "audit.log", clock)
        try:
            leftovers = LeftoverPayments(spool, restarted.ask, audit)
            leftovers.sweep()
            [said] = leftovers.lines()
            line = str(said)
            assert kept.payment_id in line and kept.receipt_no in line and "PAID" in line
        finally:
            restarted.online.stop()
            restarted.client.close()
            audit.close()
    assert central.payments().get("paid", 0) == paid_before


def test_a_fee_document_is_offered_online_and_not_offline(flow, services) -> None:
    item = flow.catalog.item(CERTIFIED_RECORD)
    assert item.fee is not None and flow.unavailable_reason(item) is None
    services.kiosk = KioskStatus(central_online=False)
    reason = flow.unavailable_reason(item)
    assert reason is not None and reason.code == "fee_needs_central"


def test_a_free_document_after_a_paid_one_failed_prints_no_fee_and_the_fee_stays_owed(
        flow, services, spool, central, clock) -> None:
    central.admin("POST", "/faults", json={"operation": "queries", "mode": "status_500",
                                           "sequence": [True]})
    paid_and_answered(flow, services, central, clock)
    flow.back()  # from the notice, in the same visit, to a free certificate instead
    flow.choose("440106-SBJ-001")
    flow.set_value("months", "12")
    flow.next()
    services.settle()
    assert flow.screen == Screen.RESULT and flow.visit.outcome.fee is None
    [(paper, done)] = services.printed
    assert "10.00" not in doc_text(paper)
    done(True, "")  # printed: it settles nothing, the record's fee is still owed
    assert spool.payment(flow.visit.pay.key).state == "paid"
    flow.finish()
    assert len(services.left) == 1  # the technician hears of it
