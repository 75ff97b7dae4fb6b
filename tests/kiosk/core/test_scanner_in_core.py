"""The scanner wired into the core: a citizen shows a delivered receipt's QR to
the emulated scanner and sees that case's progress from the reference central."""

from __future__ import annotations

from flow_services import eventually
from turned_core import TurnedCore

from kiosk.visit.flow import Screen
from kiosk.visit.state import CasesResult


def test_a_receipt_qr_at_the_start_shows_its_case(rig, clock) -> None:
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
        flow.finish()
        eventually(lambda: core.spool.find_by_local_ref(local_ref).case_no is not None)
        case_no = core.spool.find_by_local_ref(local_ref).case_no
        rig.remove_card()

        rig.scanner.scan(local_ref)
        turn_until(lambda: flow.screen == Screen.RESULT)
        outcome = flow.visit.outcome
        assert isinstance(outcome, CasesResult) and not outcome.offline
        assert [(c.case_no, c.local_ref) for c in outcome.cases] == [(case_no, local_ref)]
    finally:
        core.stop()
