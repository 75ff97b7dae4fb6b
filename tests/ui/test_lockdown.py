"""What keeps a citizen inside the kiosk: the window refuses to close, key chords from
a keyboard plugged into the kiosk reach nothing, the pointer is hidden, and no screen
change ever puts a second window on the display."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QClipboard,
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.visit.flow import Screen
from ui.lockdown import TEXT_FIELDS, refused
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
        for chord in ((Qt.Key.Key_F4, ALT),
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


def _key(key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, modifiers)


SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier
ALT, NONE = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.NoModifier
REFUSED_CHORDS = [
    (Qt.Key.Key_Delete, SHIFT), (Qt.Key.Key_Insert, SHIFT),  # cut and paste without Ctrl
    (Qt.Key.Key_Insert, CTRL), (Qt.Key.Key_C, CTRL), (Qt.Key.Key_X, CTRL), (Qt.Key.Key_V, CTRL),
    (Qt.Key.Key_V, CTRL | SHIFT), (Qt.Key.Key_A, CTRL), (Qt.Key.Key_Z, CTRL),
    (Qt.Key.Key_Cut, NONE), (Qt.Key.Key_Copy, NONE),
    (Qt.Key.Key_Paste, NONE), (Qt.Key.Key_Paste, SHIFT),
    (Qt.Key.Key_F4, ALT), (Qt.Key.Key_Tab, ALT),
    (Qt.Key.Key_F10, NONE), (Qt.Key.Key_Menu, NONE),
    (Qt.Key.Key_Escape, NONE), (Qt.Key.Key_Super_L, NONE),
    (Qt.Key.Key_Delete, Qt.KeyboardModifier.MetaModifier),
]
TYPING_KEYS = [
    (Qt.Key.Key_A, NONE), (Qt.Key.Key_A, SHIFT),
    (Qt.Key.Key_X, NONE), (Qt.Key.Key_Backspace, NONE),
    (Qt.Key.Key_Delete, NONE), (Qt.Key.Key_Left, SHIFT),
    (Qt.Key.Key_Insert, NONE), (Qt.Key.Key_Return, NONE),
]


@pytest.mark.parametrize(("key", "modifiers"), REFUSED_CHORDS)
def test_the_lockdown_drops_every_chord_and_clipboard_key(key, modifiers) -> None:
    for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
        assert refused(QKeyEvent(kind, key, modifiers)), (key, modifiers, kind)


@pytest.mark.parametrize(("key", "modifiers"), TYPING_KEYS)
def test_the_lockdown_lets_typing_through(key, modifiers) -> None:
    assert not refused(_key(key, modifiers))


def test_the_middle_button_which_pastes_the_selection_is_dropped() -> None:
    middle, left = Qt.MouseButton.MiddleButton, Qt.MouseButton.LeftButton
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        assert refused(QMouseEvent(kind, QPointF(5, 5), QPointF(5, 5), middle, middle,
                                   NONE))
        assert not refused(QMouseEvent(kind, QPointF(5, 5), QPointF(5, 5), left, left,
                                       NONE))


def test_a_drag_coming_into_the_window_is_dropped() -> None:
    text = QMimeData()
    text.setText("王秀英")
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, text,
                            Qt.MouseButton.LeftButton, NONE)
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, text, Qt.MouseButton.LeftButton,
                      NONE)
    assert refused(enter) and refused(drop)


def test_text_neither_leaves_a_field_nor_comes_in_from_the_clipboard(
        qtbot, kiosk_session) -> None:
    session = kiosk_session()
    window = session.window
    name = _on_typed_identity(qtbot, session)
    window.lock_down(hide_cursor=False)
    clipboard = QGuiApplication.clipboard()
    try:
        clipboard.clear()
        name.selectAll()
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Delete, SHIFT)  # cut
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Copy)
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Cut)
        assert name.text() == "abc" and clipboard.text() == ""
        clipboard.setText("王秀英 440106195001011234")  # as a previous citizen's cut left it
        name.end(False)
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Insert, SHIFT)  # paste
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Paste)
        assert name.text() == "abc"
    finally:
        QApplication.restoreOverrideCursor()
        clipboard.clear()


def test_no_field_has_a_context_menu_or_takes_a_drop(qtbot, kiosk_session) -> None:
    session = kiosk_session()
    name = _on_typed_identity(qtbot, session)
    fields = [w for page in session.window.pages.values() for w in page.findChildren(QWidget)
              if isinstance(w, TEXT_FIELDS)]
    assert len(fields) >= 2  # the name and the ID number at least
    for field in fields:
        assert field.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu, field
        assert not field.acceptDrops(), field
    name.selectAll()
    menu = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
    QApplication.sendEvent(name, menu)
    assert QApplication.activePopupWidget() is None  # no Cut, Copy, Paste to choose


def test_the_clipboard_is_empty_when_a_visit_ends(qtbot, kiosk_session) -> None:
    session = kiosk_session()
    _on_typed_identity(qtbot, session)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("王秀英 440106195001011234")
    if clipboard.supportsSelection():
        clipboard.setText("王秀英", QClipboard.Mode.Selection)
    session.core.flow.back()
    session.core.flow.back()
    assert session.core.flow.screen == Screen.ATTRACT
    assert clipboard.text() == ""
    assert clipboard.text(QClipboard.Mode.Selection) == ""
