"""What keeps a citizen inside the kiosk: the window refuses to close, key chords from
a keyboard plugged into the kiosk reach nothing, the pointer is hidden, and no screen
change ever puts a second window on the display."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.visit.flow import Screen
from ui.offscreen import show_full_screen_on
from ui.taps import find, tap

PROGRESS = "440106-ZWB-003"


def _on_typed_identity(qtbot, session):
    window = session.window
    show_full_screen_on(window, "portrait")
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")
    tap(window, "start")
    qtbot.waitUntil(lambda: find(window, "item", item_code=PROGRESS).isEnabled())
    tap(window, "item", item_code=PROGRESS)
    assert session.core.flow.screen == Screen.IDENTIFY
    name = find(window, "field_name")
    name.setFocus()
    for key in (Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_C):  # as a keyboard's keys arrive
        QTest.keyClick(window.windowHandle(), key)
    assert name.text() == "abc"  # plain keys still type
    return name


def _select_all_then_erase(window) -> None:
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Backspace)


def test_an_ordinary_window_obeys_a_key_chord(qtbot, kiosk_session) -> None:
    """The control case: without lockdown Ctrl+A selects the field, so erase empties it."""
    session = kiosk_session()
    name = _on_typed_identity(qtbot, session)
    _select_all_then_erase(session.window)
    assert name.text() == ""


def test_a_locked_window_drops_chords_and_refuses_to_close(qtbot, kiosk_session) -> None:
    session = kiosk_session()
    window = session.window
    name = _on_typed_identity(qtbot, session)
    window.lock_down(hide_cursor=True)
    try:
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert window.isFullScreen()
        assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor

        _select_all_then_erase(window)
        assert name.text() == "ab"  # the chord went nowhere; the erase took one letter
        for chord in ((Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
                      (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                      (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)):
            QTest.keyClick(window.windowHandle(), *chord)
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Escape)
        assert not window.close()
        assert window.isVisible() and session.core.flow.screen == Screen.IDENTIFY
    finally:
        QApplication.restoreOverrideCursor()


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_screen_changes_never_open_a_second_window(qtbot, kiosk_session, orientation) -> None:
    """A page rebuilt twice in one turn used to leave its first widgets to a show that
    Qt had queued for them, and each became a window of its own over the kiosk."""
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    show_full_screen_on(window, orientation)
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")
    for _ in range(3):  # no event loop between the screens
        flow.start()
        flow.back()
    QApplication.processEvents()
    shown = [w for w in QGuiApplication.topLevelWindows() if w.isVisible()]
    assert shown == [window.windowHandle()]
