"""What keeps a citizen inside the kiosk, and one citizen's words away from the next.

Under cage there is no desktop to switch to, but a USB keyboard plugged into
the kiosk, or a compositor that passes key chords through, must still get
nowhere: every chord with Ctrl, Alt or the system key is dropped before a
widget sees it, and a close request is refused. The only way out is
technician mode (restart) or systemd.

Text must not leave a field or come into one by any way but typing: a name
and an ID number cut from one visit were once pasted into the next. So the
clipboard's keys (Shift+Delete, Shift+Insert, the Cut/Copy/Paste keys) are
dropped with the chords, the middle button (which pastes the X11 selection)
never reaches a field, fields have no context menu and take no drop, and the
clipboard and the selection are emptied whenever a visit ends.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CHORD_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.MetaModifier)
SYSTEM_KEYS = {Qt.Key.Key_Meta, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Menu,
               Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Control, Qt.Key.Key_Escape,
               Qt.Key.Key_Close, Qt.Key.Key_PowerOff, Qt.Key.Key_Sleep, Qt.Key.Key_Suspend}
# the keys a keyboard has for the clipboard, alone or as Shift+Delete (cut) and
# Shift+Insert (paste), the chords of the old IBM CUA that Qt still honours
CLIPBOARD_KEYS = {Qt.Key.Key_Cut, Qt.Key.Key_Copy, Qt.Key.Key_Paste}
SHIFTED_CLIPBOARD_KEYS = {Qt.Key.Key_Delete, Qt.Key.Key_Insert}
KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
MOUSE_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                QEvent.Type.MouseButtonDblClick)
DROP_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit)


def is_system_shortcut(event: QEvent) -> bool:
    """A key chord or system key, which no screen of the kiosk uses."""
    if event.type() not in KEY_EVENTS or not isinstance(event, QKeyEvent):
        return False
    return bool(event.modifiers() & CHORD_MODIFIERS) or Qt.Key(event.key()) in SYSTEM_KEYS \
        or Qt.Key.Key_F1 <= event.key() <= Qt.Key.Key_F35


def is_clipboard_key(event: QEvent) -> bool:
    """A key that cuts, copies or pastes, with or without Shift."""
    if event.type() not in KEY_EVENTS or not isinstance(event, QKeyEvent):
        return False
    key = Qt.Key(event.key())
    shifted = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    return key in CLIPBOARD_KEYS or (shifted and key in SHIFTED_CLIPBOARD_KEYS)


def is_selection_paste(event: QEvent) -> bool:
    """The middle button, which pastes the X11 (and Wayland primary) selection."""
    return event.type() in MOUSE_EVENTS and isinstance(event, QMouseEvent) \
        and bool(event.button() & Qt.MouseButton.MiddleButton)


def refused(event: QEvent) -> bool:
    """What a locked-down window drops before any widget sees it: chords, the clipboard's
    keys, the selection's paste, and a drag coming in (a drop is text not typed)."""
    return is_system_shortcut(event) or is_clipboard_key(event) or is_selection_paste(event) \
        or event.type() in DROP_EVENTS


def seal_fields(page: QWidget) -> None:
    """No context menu (Cut, Copy, Paste, Select All) and no drag or drop on the text
    fields of `page`: text comes into a field by typing only. (A text box's viewport
    hands its menu request to the box, whose policy then says no.)"""
    for kind in TEXT_FIELDS:
        for field in page.findChildren(kind):  # the page's own: no wrapper made for others
            field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            field.setAcceptDrops(False)
            if isinstance(field, QLineEdit):
                field.setDragEnabled(False)


def forget_clipboard() -> None:
    """Empty the clipboard and, where the platform has one, the selection: nothing a
    citizen typed or selected is left for the next."""
    clipboard = QGuiApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)


def show_locked(window: QWidget, *, hide_cursor: bool) -> None:
    """Full screen without a frame, and the pointer hidden where citizens only touch: how
    every window of `kiosk run` shows, the first frame's as well as the kiosk's own."""
    window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
    if hide_cursor and QApplication.overrideCursor() is None:
        QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
    window.showFullScreen()
    window.activateWindow()  # a field takes the focus, and its keyboard, only in it
