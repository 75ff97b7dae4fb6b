"""The help control and hotline on every citizen screen, through the real window: a tap
asks the rig's central for a person without waiting on it; offline the hotline shows."""

from __future__ import annotations

import requests

from kiosk.visit.flow import Screen
from ui.taps import find, tap


def test_a_citizen_asks_for_a_person_from_the_form(qtbot, kiosk_session, rig) -> None:
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")
    assert "12345" in find(window, "hotline").text()
    rig.place_card("wang_xiuying")
    qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
    tap(window, "item", item_code="440106-MZJ-001")
    tap(window, "help")
    assert window.help_notice.isVisibleTo(window)  # at once, before the central answers
    qtbot.waitUntil(lambda: "12345" in window.help_notice.text() and "约" in
                    window.help_notice.text())
    assert flow.screen == Screen.FORM  # the visit goes on


def test_offline_the_help_control_gives_the_hotline(qtbot, kiosk_session, rig) -> None:
    session = kiosk_session()
    window = session.window
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")
    fault = {"operation": "*", "mode": "drop_before"}
    requests.post(rig.central.admin_url + "/faults", json=fault, timeout=5)
    tap(window, "lang_en")
    tap(window, "help")
    qtbot.waitUntil(lambda: "call the hotline 12345" in window.help_notice.text(),
                    timeout=15_000)
