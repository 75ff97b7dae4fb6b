"""A typed identity by taps in the kiosk's own window, against the rig's central: the code
sent to the citizen's phone typed on the code pad before their cases show, a new code
only after the wait, and the way back to the ID card."""

from __future__ import annotations

import pytest
import requests

from kiosk.visit.flow import Screen
from kiosk.visit.state import CasesResult
from ui.offscreen import ORIENTATIONS, show_full_screen_on
from ui.taps import find, tap, visible_texts

PROGRESS = "440106-ZWB-003"  # the card or a typed ID number and name
CHEN_ID, CHEN = "310104199511020041", "陈晓燕"


def sent_code(rig, challenge_id: str) -> str:
    messages = requests.get(rig.central.admin_url + "/outbox", timeout=5).json()["messages"]
    return next(m["code"] for m in messages if m["challenge_id"] == challenge_id)


def type_identity(qtbot, session) -> None:
    window, flow = session.window, session.core.flow
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")
    tap(window, "start")
    qtbot.waitUntil(lambda: find(window, "item", item_code=PROGRESS).isEnabled())
    tap(window, "item", item_code=PROGRESS)
    find(window, "field_id_number").setText(CHEN_ID)
    find(window, "field_name").setText(CHEN)
    tap(window, "manual")
    qtbot.waitUntil(lambda: flow.screen == Screen.VERIFY)


def tap_code(window, code: str) -> None:
    for key in code:
        tap(window, f"key_{key}")


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_a_typed_citizen_sees_their_cases_only_after_the_code(qtbot, kiosk_session, rig,
                                                              orientation) -> None:
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    show_full_screen_on(window, orientation)
    type_identity(qtbot, session)
    assert any("136****6666" in text for text in visible_texts(window))
    assert not find(window, "resend").isEnabled()
    code = sent_code(rig, flow.visit.challenge.challenge_id)
    tap_code(window, "12")
    tap(window, "key_⌫")
    tap(window, "key_OK")
    assert flow.screen == Screen.VERIFY and find(window, "problem").text()
    tap(window, "key_⌫")
    tap_code(window, code)
    assert find(window, "code").text() == " ".join(code)
    tap(window, "key_OK")
    assert flow.screen == Screen.FORM
    tap(window, "next")
    qtbot.waitUntil(lambda: flow.screen == Screen.RESULT)
    assert isinstance(flow.visit.outcome, CasesResult) and flow.visit.outcome.cases
    tap(window, "finish")
    assert flow.visit.challenge is None


def test_a_new_code_after_the_wait_and_back_to_the_card(qtbot, kiosk_session, rig,
                                                        clock) -> None:
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    show_full_screen_on(window, "portrait")
    type_identity(qtbot, session)
    first = flow.visit.challenge.challenge_id
    for _ in range(3):  # the citizen waits for the message, touching the screen now and then
        clock.advance(15)
        flow.tick()
        flow.touch()
    assert not find(window, "resend").isEnabled()
    assert "15" in find(window, "resend").text()
    clock.advance(15)
    flow.tick()
    assert find(window, "resend").isEnabled()
    requests.post(rig.central.admin_url + "/clock", json={"advance_s": 61}, timeout=5)
    tap(window, "resend")
    qtbot.waitUntil(lambda: flow.screen == Screen.VERIFY
                    and flow.visit.challenge.challenge_id != first)
    tap(window, "back")
    assert flow.screen == Screen.IDENTIFY
    assert flow.visit.person is None and flow.visit.challenge is None
    assert CHEN not in " ".join(visible_texts(window))
