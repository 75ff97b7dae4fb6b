"""Online items through the real window, devices and central, by taps: a
certificate printed on the spot, the citizen's cases, a rating of one, and a
window that holds none of it once the visit is over."""

from __future__ import annotations

import pytest

from kiosk.visit.flow import Screen
from kiosk.visit.state import CasesResult, DocumentResult
from ui.offscreen import ORIENTATIONS, show_full_screen_on
from ui.taps import choose_option, find, tap, visible_texts

CERTIFICATE, PROGRESS = "440106-SBJ-001", "440106-ZWB-003"


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_a_certificate_then_progress_then_a_rating(qtbot, kiosk_session, rig, clock,
                                                   orientation) -> None:
    session = kiosk_session()
    window, flow, core = session.window, session.core.flow, session.core
    show_full_screen_on(window, orientation)
    qtbot.waitUntil(lambda: core.catalogs.source == "cache")
    rig.place_card("wang_xiuying")
    qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
    qtbot.waitUntil(lambda: find(window, "item", item_code=CERTIFICATE).isEnabled())

    tap(window, "item", item_code=CERTIFICATE)
    choose_option(window, "months", "24")
    tap(window, "next")
    qtbot.waitUntil(lambda: flow.screen == Screen.RESULT)
    document = flow.visit.outcome
    assert isinstance(document, DocumentResult)
    [paper] = rig.printer.wait_for_receipts(1)
    assert document.document.document_no in paper.text_path.read_text(encoding="utf-8")
    assert find(window, "preview").pixmap().width() > 0
    tap(window, "finish")
    assert flow.screen == Screen.ATTRACT

    rig.place_card("wang_xiuying")
    qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
    tap(window, "item", item_code=PROGRESS)
    tap(window, "next")
    qtbot.waitUntil(lambda: flow.screen == Screen.RESULT)
    cases = flow.visit.outcome
    assert isinstance(cases, CasesResult) and not cases.offline and cases.cases
    assert any(case.case_no in " ".join(visible_texts(window)) for case in cases.cases)
    tap(window, "rate_case")
    tap(window, "rate_1")
    tap(window, "next")
    assert find(window, "problem").property("field") == "reason"
    find(window, "field_reason").setPlainText("等候时间太长")
    tap(window, "next")
    tap(window, "confirm")
    qtbot.waitUntil(lambda: flow.visit.outcome.printed is not None)
    thanks = rig.printer.wait_for_receipts(2)[-1]
    assert "非常不满意" in thanks.text_path.read_text(encoding="utf-8")

    rig.remove_card()
    clock.advance(rig.settings.ui.result_timeout_s + 1)
    flow.tick()
    assert flow.screen == Screen.ATTRACT
    texts = " ".join(visible_texts(window))
    for personal in ("王秀英", "110101195603080020", document.document.document_no,
                     *(c.case_no for c in cases.cases)):
        assert personal not in texts
