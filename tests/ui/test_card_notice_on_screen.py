"""The card on the reader as the citizen sees it (issue 22): "reading your card" while the
real reader works through a noisy line, then the visit; "place it again" over the idle
screen when it could not be read, read out in elderly mode."""

from __future__ import annotations

from drivers.idcard.frame import Instruction
from drivers.sim.idcard_reader import Corruption
from kiosk.visit.flow import Screen
from kiosk.visit.messages import say
from ui.speaker import SILENT, Speaker


def test_reading_shows_until_the_card_is_in(qtbot, kiosk_session, rig) -> None:
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    window.show()
    shown: list[str] = []
    flow.subscribe(lambda: shown.append(window.card_notice.text())
                   if window.card_notice.isVisibleTo(window) else None)
    rig.reader.corrupt_every(3)
    rig.place_card("li_ming")
    qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
    assert say("card_reading", "zh_CN") in shown
    assert not window.card_notice.isVisibleTo(window)


def test_place_again_shows_and_is_read_out(qtbot, kiosk_session, rig) -> None:
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    window.speaker = speaker = Speaker(SILENT)
    window.show()
    flow.set_elderly(True)
    rig.reader.reset_wakes_card = False
    rig.reader.corrupt_next(Corruption.BAD_CHECKSUM, instruction=Instruction.READ_TEXT_PHOTO)
    rig.place_card("li_ming")
    place_again = say("card_place_again", "zh_CN")
    qtbot.waitUntil(lambda: window.card_notice.text() == place_again)
    assert window.card_notice.isVisibleTo(window) and flow.screen == Screen.ATTRACT
    assert speaker.last_said == place_again
