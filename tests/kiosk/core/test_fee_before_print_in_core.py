"""A document paid for at the kiosk, the whole way through the kiosk's own core: the card
on the reader, the fee paid by phone at the reference central, the document asked for
once paid, and the receipt as the network printer decoded it, with the fiscal receipt
number; the payment settled in the spool and the audit log."""

from __future__ import annotations

import requests
from central_time import central_now
from flow_services import card_and_form
from turned_core import TurnedCore

from kiosk.visit.flow import Screen
from kiosk.visit.state import DocumentResult

CERTIFIED_RECORD = "440106-GAJ-003"  # a certified household record with a 10-yuan fee


def paid_at_the_kiosk(rig, kiosk: TurnedCore, clock) -> None:
    """The citizen's card, the certified record chosen, its fee paid by phone, and the
    kiosk's clock at its next question."""
    flow = kiosk.core.flow
    card_and_form(kiosk, rig.place_card, CERTIFIED_RECORD, purpose="school")
    kiosk.turn_until(lambda: flow.visit.pay is not None and flow.visit.pay.payment)
    assert flow.screen == Screen.PAY and rig.printer.receipts == []
    assert rig.pay_with_phone(flow.visit.pay.payment["payment_id"])
    clock.advance(2)
    flow.tick()


def test_paid_by_phone_the_document_prints_with_its_fiscal_receipt_number(rig, clock) -> None:
    clock.now = central_now(rig.central.admin_url)
    kiosk = TurnedCore(rig.settings, clock)
    core, flow = kiosk.core, kiosk.core.flow
    try:
        paid_at_the_kiosk(rig, kiosk, clock)
        pay = flow.visit.pay
        kiosk.turn_until(lambda: isinstance(flow.visit.outcome, DocumentResult)
                         and flow.visit.outcome.printed is not None)
        outcome = flow.visit.outcome
        assert outcome.printed is True, outcome.print_detail
        [receipt] = rig.printer.wait_for_receipts(1)
        printed = receipt.text_path.read_text(encoding="utf-8")
        receipt_no = pay.payment["receipt_no"]
        assert receipt_no and receipt_no in printed and "10.00" in printed
        assert outcome.document.document_no in printed
        kept = core.spool.payment(pay.key)
        assert (kept.state, kept.local_ref) == ("delivered", outcome.document.document_no)
        assert not [line for name, line in core.desk.report() if name == "payment"]
        rig.remove_card()
    finally:
        core.stop()


def test_paid_and_the_document_not_had_the_audit_log_and_the_desk_hear_of_it(rig,
                                                                             clock) -> None:
    clock.now = central_now(rig.central.admin_url)
    kiosk = TurnedCore(rig.settings, clock)
    core, flow = kiosk.core, kiosk.core.flow
    try:
        requests.post(f"{rig.central.admin_url}/faults", timeout=5, json={
            "operation": "queries", "mode": "status_500", "sequence": [True]},
        ).raise_for_status()
        paid_at_the_kiosk(rig, kiosk, clock)
        kiosk.turn_until(lambda: flow.screen == Screen.NOTICE)
        receipt_no = flow.visit.pay.payment["receipt_no"]
        assert receipt_no in flow.visit.notice and rig.printer.receipts == []
        flow.finish()
        kiosk.turn_until(lambda: any(name == "payment" for name, _ in core.desk.report()))
        [said] = [value for name, value in core.desk.report() if name == "payment"]
        line = str(said)  # the desk's phrase, in English
        assert receipt_no in line and "PAID" in line
        events = "".join(path.read_text(encoding="utf-8") for path in
                         rig.settings.device.state_dir.glob("audit*") if path.is_file())
        assert "payment_undelivered" in events and "payment_paid_visit_ended" in events
        rig.remove_card()
    finally:
        core.stop()
