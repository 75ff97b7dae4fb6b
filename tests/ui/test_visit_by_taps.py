"""One whole visit through the real window, devices and central, by taps.

The citizen's path of the walking skeleton: card on the emulated reader,
item, form with a mistake and its fix, review, confirm; then the receipt on
the emulated printer, the case at the reference central, and after the
timeout a window that holds nothing of the citizen.
"""

from __future__ import annotations

import json

import pytest
import requests

from drivers.printer import Qr
from kiosk.audit.log import audit_path, verify
from kiosk.visit.flow import Screen
from offline_queue.refs import read_receipt_code
from ui.app import KioskSession
from ui.offscreen import ORIENTATIONS, show_full_screen_on
from ui.taps import find, tap, tick_every_box, type_text, visible_texts

SENIOR_CARD_ITEM = "440106-MZJ-001"
WANG_ID = "110101195603080020"


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_a_citizen_applies_and_leaves_with_a_receipt(qtbot, rig, clock, orientation) -> None:
    session = KioskSession(rig.settings, clock)
    window, flow, core = session.window, session.core.flow, session.core
    qtbot.addWidget(window)
    try:
        show_full_screen_on(window, orientation)
        qtbot.waitUntil(lambda: core.catalogs.source == "cache")
        rig.place_card("wang_xiuying")
        qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
        assert any("王秀英" in text for text in visible_texts(window))

        tap(window, "item", item_code=SENIOR_CARD_ITEM)
        assert flow.screen == Screen.FORM
        assert find(window, "field_name").isReadOnly()
        # the phone the platform holds, masked; she changes it and types one with a slip
        qtbot.waitUntil(lambda: "phone" in flow.visit.form.from_profile)
        assert find(window, "field_phone").text() == "138****8000"
        tap(window, "prefill_change_phone")
        type_text(window, "phone", "1380013")
        tick_every_box(window)
        tap(window, "next")
        problem = find(window, "problem")
        assert problem.property("field") == "phone"
        assert "手机" in problem.text()

        type_text(window, "phone", "13800138000")
        tap(window, "next")
        assert flow.screen == Screen.REVIEW
        tap(window, "confirm")
        assert flow.screen == Screen.RESULT
        qtbot.waitUntil(lambda: flow.visit.outcome.printed is not None)
        local_ref = flow.visit.outcome.local_ref
        assert flow.visit.outcome.printed is True
        assert local_ref in find(window, "bigref").text()

        [receipt] = rig.printer.wait_for_receipts(1)
        printed = [getattr(block, "text", "") for block in receipt.document.blocks]
        assert local_ref in printed
        [code] = [block.data for block in receipt.document.blocks if isinstance(block, Qr)]
        token = code.split(".")[1]
        assert read_receipt_code(code) == (local_ref, token)
        assert not any(token in text for text in printed)

        qtbot.waitUntil(lambda: core.spool.stats().delivered == 1)
        counters = requests.get(rig.central.admin_url + "/counters", timeout=5).json()
        assert counters["submissions"] == 1
        cases = core.client.lookup_cases(local_ref=local_ref, lookup_token=token)
        assert [case["local_ref"] for case in cases] == [local_ref]
        assert core.client.lookup_cases(local_ref=local_ref, lookup_token=token[::-1]) == []

        rig.remove_card()
        clock.advance(rig.settings.ui.result_timeout_s + 1)
        flow.tick()
        assert flow.screen == Screen.ATTRACT
        texts = " ".join(visible_texts(window))
        for personal in ("王秀英", WANG_ID, "13800138000", local_ref):
            assert personal not in texts
    finally:
        session.stop()
    audit = audit_path(rig.settings.device.state_dir)
    assert verify(audit).ok
    kept = audit.read_text(encoding="utf-8")
    events = [json.loads(line)["event"] for line in kept.splitlines()]
    for expected in ("app_started", "visit_started", "submission_spooled",
                     "submission_delivered", "visit_ended", "app_stopped"):
        assert expected in events
    assert local_ref in kept and "王秀英" not in kept and WANG_ID not in kept
    assert token not in kept
