"""One number to apply through the real window, devices and central: the phone the
platform holds is shown masked, confirmed with one tap, named on the review as the
platform's, and gone from the window, the audit log and the logs once the visit ends."""

from __future__ import annotations

import logging

import pytest

from kiosk.audit.log import audit_path
from kiosk.visit.flow import Screen
from ui.app import KioskSession
from ui.taps import find, tap, tick_every_box, visible_texts

SENIOR_CARD_ITEM = "440106-MZJ-001"
# What the reference central holds for 王秀英 beyond her card: phone, residence, employer
HELD = ("13800138000", "广州市天河区天河北路233号中信广场小区5栋1203房",
        "广州市天河区退休人员社会化管理服务中心")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_prefilled_phone_is_confirmed_with_one_tap(qtbot, rig, clock, caplog,
                                                    language) -> None:
    caplog.set_level(logging.DEBUG)
    session = KioskSession(rig.settings, clock)
    window, flow, core = session.window, session.core.flow, session.core
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitUntil(lambda: core.catalogs.source == "cache")
        tap(window, f"lang_{language}")
        rig.place_card("wang_xiuying")
        qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
        tap(window, "item", item_code=SENIOR_CARD_ITEM)
        qtbot.waitUntil(lambda: find(window, "field_phone").text() == "138****8000")
        assert find(window, "field_phone").isReadOnly()
        assert not any("13800138000" in text for text in visible_texts(window))
        tick_every_box(window)
        tap(window, "next")
        assert flow.screen == Screen.FORM
        assert find(window, "problem").property("field") == "phone"
        tap(window, "prefill_confirm_phone")
        tap(window, "next")
        assert flow.screen == Screen.REVIEW
        shown = " ".join(visible_texts(window))
        assert "138****8000" in shown and "13800138000" not in shown
        assert ("平台登记" if language == "zh_CN" else "platform's records") in shown
        tap(window, "confirm")
        assert flow.screen == Screen.RESULT
        qtbot.waitUntil(lambda: core.spool.stats().delivered == 1)
        tap(window, "finish")
        assert flow.screen == Screen.ATTRACT and flow.visit.profile is None
        texts = " ".join(visible_texts(window))
        assert not [held for held in HELD if held in texts]
    finally:
        session.stop()
    kept = audit_path(rig.settings.device.state_dir).read_text(encoding="utf-8")
    assert not [held for held in HELD if held in kept]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert not [held for held in HELD if held in logged]
