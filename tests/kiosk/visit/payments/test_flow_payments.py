"""Fees paid at the kiosk, driven through the flow against the reference central on
loopback: paid, cancelled, expired, answers lost, a visit that ends unsettled, a kiosk
killed between "paid" and the spooling, and the central's refusal of an unpaid fee."""

from __future__ import annotations

import uuid

import pytest
import requests
from flow_services import doc_text
from hostile_central import answer, hostile_central
from pay_helpers import (
    CARD_FEE,
    TRAFFIC_FINE,
    WANG,
    fill_in,
    kill_between_paid_and_the_put,
    pay_by_phone,
    poll,
    services_for,
    to_the_pay_code,
)

from kiosk.audit.log import AuditLog
from kiosk.catalog.items import load_bundled_catalog
from kiosk.service.payments import LeftoverPayments
from kiosk.uplink.client import CentralRejected
from kiosk.uplink.sync import submission_body
from kiosk.visit.availability import KioskStatus
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.messages import say
from kiosk.visit.state import Receipt
from offline_queue import Spool


def test_paid_by_phone_the_submission_is_spooled_with_its_payment(
        flow, services, spool, central, clock) -> None:
    payment = to_the_pay_code(flow, services)
    assert payment["amount_fen"] == 2000 and payment["pay_code"]
    poll(flow, services, clock)
    assert flow.screen == Screen.PAY  # not paid yet: asked again and again
    paid = pay_by_phone(central.admin_url, payment["payment_id"])
    poll(flow, services, clock)
    assert flow.screen == Screen.RESULT
    receipt = flow.visit.outcome
    assert isinstance(receipt, Receipt) and receipt.fee == (2000, paid["receipt_no"])
    assert paid["receipt_no"] in doc_text(receipt.paper)
    [entry] = spool.claim_due(10)
    assert entry.payload["payment_id"] == payment["payment_id"]
    assert spool.unsettled_payments() == []
    assert services.client.submit(entry.id, submission_body(entry))["case_no"]  # taken


def test_a_cancel_goes_back_to_the_review_and_spools_nothing(flow, services, spool,
                                                             central) -> None:
    payment = to_the_pay_code(flow, services)
    flow.back()
    assert flow.screen == Screen.PAY and flow.visit.pay.cancelling
    services.settle()
    assert flow.screen == Screen.REVIEW and flow.visit.pay is None
    with pytest.raises(requests.HTTPError):  # the phone can no longer pay it
        pay_by_phone(central.admin_url, payment["payment_id"])
    assert spool.stats().pending == 0 and spool.unsettled_payments() == []
    flow.confirm()  # a second try is a new payment
    services.settle()
    assert flow.visit.pay.payment["payment_id"] != payment["payment_id"]


def test_paid_just_before_the_cancel_the_visit_goes_on(flow, services, spool,
                                                       central) -> None:
    payment = to_the_pay_code(flow, services)
    pay_by_phone(central.admin_url, payment["payment_id"])
    flow.back()  # the cancel's answer: paid
    services.settle()
    assert flow.screen == Screen.RESULT and flow.visit.outcome.fee[0] == 2000
    assert spool.stats().pending == 1


def test_a_code_not_paid_in_time_expires_and_nothing_is_spooled(flow, services, spool,
                                                                central, clock) -> None:
    to_the_pay_code(flow, services)
    central.admin("POST", "/clock", json={"advance_s": 15 * 60})
    poll(flow, services, clock)
    assert flow.screen == Screen.NOTICE
    assert flow.visit.notice == say("pay_expired", flow.visit.language)
    assert spool.stats().pending == 0 and spool.unsettled_payments() == []


def test_lost_answers_are_asked_again_under_the_same_key(flow, services, spool, central,
                                                         clock) -> None:
    before = sum(central.payments().values())
    central.admin("POST", "/faults", json={"operation": "payments", "mode": "drop_after",
                                           "sequence": [True]})
    fill_in(flow, CARD_FEE)
    flow.confirm()
    services.settle()  # the open reached the central; its answer did not come back
    assert flow.screen == Screen.PAY and flow.pay_problem()
    poll(flow, services, clock)
    payment = flow.visit.pay.payment
    assert payment is not None and sum(central.payments().values()) == before + 1
    pay_by_phone(central.admin_url, payment["payment_id"])
    central.admin("POST", "/faults", json={"operation": "payment", "mode": "drop_after",
                                           "sequence": [True]})
    poll(flow, services, clock)  # "paid" lost on the way
    assert flow.screen == Screen.PAY
    poll(flow, services, clock)
    assert flow.screen == Screen.RESULT and spool.stats().pending == 1


def test_a_paid_answer_that_breaks_the_contract_is_asked_again(spool, ui_settings,
                                                               clock) -> None:
    pending = {"payment_id": "PAY1", "status": "pending", "amount_fen": 2000,
               "pay_code": "https://pay.example/p/1", "expires_at": "2026-11-23T10:15:00+08:00"}
    paid = {**pending, "status": "paid", "receipt_no": "4401-R-1"}
    with hostile_central() as hostile:
        hostile.queue(answer(201, pending), answer(200, {**paid, "receipt_no": None}),
                      answer(503, {"title": "busy"}), answer(200, paid))
        services = services_for(spool, hostile.url, "t", "DEV-TEST-1")
        try:
            flow = VisitFlow(load_bundled_catalog, services, ui_settings, clock=clock)
            to_the_pay_code(flow, services)
            poll(flow, services, clock)
            poll(flow, services, clock)
            assert flow.screen == Screen.PAY
            poll(flow, services, clock)
            assert flow.screen == Screen.RESULT and flow.visit.outcome.fee == (2000, "4401-R-1")
        finally:
            services.online.stop()
            services.client.close()
        opened = [r for r in hostile.received if r.path.endswith("/payments")]
        assert len(opened) == 1  # asked after, never opened twice


def test_a_visit_that_ends_unpaid_spools_nothing_and_its_payment_is_cancelled(
        flow, services, spool, central, clock, ui_settings, tmp_path) -> None:
    payment = to_the_pay_code(flow, services)
    clock.advance(10_000)
    flow.tick()  # the citizen walked away
    assert flow.screen == Screen.ATTRACT and len(services.left) == 1
    flow_key = services.left[0]
    audit = AuditLog(tmp_path / "audit.log", clock)
    leftovers = LeftoverPayments(spool, services.ask, audit)
    leftovers.left(flow_key)
    services.settle()
    assert central.admin("GET", "/counters").json()["payments"].get("cancelled")
    assert spool.payment(flow_key).state == "closed" and spool.stats().pending == 0
    with pytest.raises(requests.HTTPError):
        pay_by_phone(central.admin_url, payment["payment_id"])
    audit.close()


def test_paid_after_the_visit_ended_the_technician_and_the_audit_log_see_it(
        flow, services, spool, central, clock, tmp_path) -> None:
    payment = to_the_pay_code(flow, services)
    flow.card_read(WANG)  # a new visit: the payment is left behind
    pay_by_phone(central.admin_url, payment["payment_id"])  # ...and paid meanwhile
    audit = AuditLog(tmp_path / "audit.log", clock)
    leftovers = LeftoverPayments(spool, services.ask, audit)
    leftovers.left(services.left[0])
    services.settle()
    [said] = leftovers.lines()
    line = str(said)
    assert payment["payment_id"] in line and "PAID" in line
    events = (tmp_path / "audit.log").read_text(encoding="utf-8")
    assert "payment_paid_visit_ended" in events and payment["payment_id"] in events
    assert spool.stats().pending == 0  # never spooled without its citizen's form confirmed
    audit.close()


def test_killed_between_paid_and_the_put_the_restart_finds_the_paid_payment(
        central, tmp_path, clock) -> None:
    db, key = tmp_path / "spool.db", tmp_path / "spool.key"
    kept_key = kill_between_paid_and_the_put(db, key, central.url, central.token,
                                             central.device_id)
    paid_before = central.payments().get("paid", 0)
    with Spool(db, key, device_prefix="K0107", clock=clock, disk_free=lambda: 10**12) as spool:
        assert spool.stats().pending == 0
        [kept] = spool.unsettled_payments()
        assert (kept.key, kept.state) == (kept_key, "paid")
        restarted = services_for(spool, central.url, central.token, central.device_id)
        audit = AuditLog(tmp_path / "audit.log", clock)
        try:
            leftovers = LeftoverPayments(spool, restarted.ask, audit)
            leftovers.sweep()  # what the kiosk does at start
            [said] = leftovers.lines()
            line = str(said)
            assert kept.payment_id in line and "PAID" in line
            assert spool.payment(kept_key).visit_ended
        finally:
            restarted.online.stop()
            restarted.client.close()
            audit.close()
    assert "payment_paid_visit_ended" in (tmp_path / "audit.log").read_text(encoding="utf-8")
    assert central.payments().get("paid", 0) == paid_before  # nothing charged again


def test_the_central_refuses_a_fee_submission_without_a_paid_payment(flow, services, spool,
                                                                     central) -> None:
    payload = {"local_ref": "K0107-20261123-9001", "item_code": CARD_FEE, "item_version": 1,
               "device_id": central.device_id, "created_at": flow.now().isoformat(),
               "applicant": WANG.applicant(),
               "form": {"reason": "lost", "phone": "13800138000", "consent": True}}
    with pytest.raises(CentralRejected) as refused:
        services.client.submit(str(uuid.uuid4()), payload)
    assert refused.value.status == 422
    payment = to_the_pay_code(flow, services)  # opened, not paid: still refused
    with pytest.raises(CentralRejected):
        services.client.submit(str(uuid.uuid4()),
                               {**payload, "payment_id": payment["payment_id"]})
    flow.back()
    services.settle()
    flow.back()
    assert spool.stats().pending == 0  # and the kiosk never spooled one


def test_a_fine_takes_its_bill_number_and_a_fee_item_is_unavailable_offline(
        flow, services, central) -> None:
    payment = to_the_pay_code(flow, services, TRAFFIC_FINE, reference="4401061234567890")
    assert payment["amount_fen"] == 20000
    flow.back()
    services.settle()
    services.kiosk = KioskStatus(central_online=False)
    reason = flow.unavailable_reason(flow.catalog.item(CARD_FEE))
    assert reason is not None and reason.code == "fee_needs_central"
    assert "network" in reason.message("en", flow.now())


def test_a_leftover_is_asked_again_between_visits_once_the_central_is_back(
        flow, services, spool, central, clock, tmp_path) -> None:
    payment = to_the_pay_code(flow, services)
    flow.card_read(WANG)  # a new visit: the payment is left behind, still pending
    [key] = services.left
    central.admin("POST", "/faults", json={"operation": "*", "mode": "drop_before"})
    audit = AuditLog(tmp_path / "audit.log", clock)
    leftovers = LeftoverPayments(spool, services.ask, audit)
    leftovers.left(key)
    services.settle()  # the central is offline: the cancel did not reach it
    assert spool.payment(key).state == "pending"
    assert leftovers.retry_if_due(clock())  # the first look between visits asks again
    services.settle()
    assert spool.payment(key).state == "pending"
    clock.advance(30)
    assert not leftovers.retry_if_due(clock())  # not yet
    central.admin("DELETE", "/faults")  # the central is back
    clock.advance(30)
    assert leftovers.retry_if_due(clock())
    services.settle()
    assert spool.payment(key).state == "closed" and leftovers.lines() == []
    with pytest.raises(requests.HTTPError):  # cancelled at the central: no longer payable
        pay_by_phone(central.admin_url, payment["payment_id"])
    clock.advance(60)
    assert leftovers.retry_if_due(clock()) and services.posted.empty()  # nothing left to ask
    audit.close()
