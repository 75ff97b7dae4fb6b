"""A touch anywhere on the kiosk's window tells the visit the citizen is still there."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.visit.flow import Screen


def test_a_touch_on_the_window_restarts_the_idle_time(qtbot, kiosk_session, rig, clock) -> None:
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    window.show()
    qtbot.waitExposed(window)
    flow.start()
    full = flow.seconds_left()
    clock.advance(full - 5)
    flow.tick()
    assert flow.countdown() == 5
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=QPoint(540, 700))
    assert flow.seconds_left() == full and flow.countdown() is None
    clock.advance(full + 1)
    flow.tick()
    assert flow.screen == Screen.ATTRACT
