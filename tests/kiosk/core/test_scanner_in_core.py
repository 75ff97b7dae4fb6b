"""The scanner wired into the core: a citizen shows a delivered receipt's QR to
the emulated scanner and sees that case's progress from the reference central."""

from __future__ import annotations

import logging

from flow_services import eventually
from turned_core import TurnedCore

from kiosk.audit.log import audit_path
from kiosk.visit.flow import Screen
from kiosk.visit.state import CasesResult
from offline_queue.refs import receipt_code


def test_a_receipt_qr_at_the_start_shows_its_case(rig, clock, caplog) -> None:
    """...and its lookup token, a secret, is in no log line and nowhere in the audit log."""
    caplog.set_level(logging.DEBUG)
    kiosk = TurnedCore(rig.settings, clock)
    core, flow, turn_until = kiosk.core, kiosk.core.flow, kiosk.turn_until
    try:
        rig.place_card("li_ming")
        turn_until(lambda: flow.screen == Screen.CHOOSE)
        flow.choose("440106-ZWB-004")  # a rating: spooled, delivered, no form to fill
        flow.set_value("rating", "5")
        flow.next()
        flow.confirm()
        local_ref = flow.visit.outcome.local_ref
        # what a receipt's QR code carries (a rating's paper prints the reference alone)
        code = receipt_code(local_ref, flow.visit.outcome.lookup_token)
        flow.finish()
        eventually(lambda: core.spool.receipt_of(local_ref)[0].case_no is not None)
        case_no = core.spool.receipt_of(local_ref)[0].case_no
        rig.remove_card()

        rig.scanner.scan(local_ref)  # the reference alone shows nothing
        turn_until(lambda: flow.screen == Screen.NOTICE)
        flow.finish()
        rig.scanner.scan(code)
        turn_until(lambda: flow.screen == Screen.RESULT)
        outcome = flow.visit.outcome
        assert isinstance(outcome, CasesResult) and not outcome.offline
        assert [(c.case_no, c.local_ref) for c in outcome.cases] == [(case_no, local_ref)]
        token = code.split(".")[1]
        assert token not in caplog.text and local_ref in caplog.text
        audit = audit_path(rig.settings.device.state_dir).read_text(encoding="utf-8")
        assert token not in audit and local_ref in audit
    finally:
        core.stop()
