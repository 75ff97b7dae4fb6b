"""The scanner wired into the core: a citizen shows a delivered receipt's QR to
the emulated scanner and sees that case's progress from the reference central."""

from __future__ import annotations

import queue
from collections.abc import Callable

from flow_services import eventually

from kiosk.core import KioskCore
from kiosk.flow import Screen
from kiosk.visit import CasesResult


def test_a_receipt_qr_at_the_start_shows_its_case(rig, clock) -> None:
    posted: queue.Queue[Callable[[], None]] = queue.Queue()
    core = KioskCore(rig.settings, clock=clock, post=posted.put)
    core.start()
    flow = core.flow

    def turn_until(condition: Callable[[], bool]) -> None:
        while not condition():
            posted.get(timeout=20)()

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
