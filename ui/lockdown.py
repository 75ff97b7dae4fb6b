"""What keeps a citizen inside the kiosk: no frame, no close, no shortcuts, no cursor.

Under cage there is no desktop to switch to, but a USB keyboard plugged into
the kiosk, or a compositor that passes key chords through, must still get
nowhere: every chord with Ctrl, Alt or the system key is dropped before a
widget sees it, and a close request is refused. The only way out is
technician mode (restart) or systemd.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

CHORD_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.MetaModifier)
SYSTEM_KEYS = {Qt.Key.Key_Meta, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Menu,
               Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Control, Qt.Key.Key_Escape,
               Qt.Key.Key_Close, Qt.Key.Key_PowerOff, Qt.Key.Key_Sleep, Qt.Key.Key_Suspend}
KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)


def is_system_shortcut(event: QEvent) -> bool:
    """A key chord or system key, which no screen of the kiosk uses."""
    if event.type() not in KEY_EVENTS or not isinstance(event, QKeyEvent):
        return False
    return bool(event.modifiers() & CHORD_MODIFIERS) or Qt.Key(event.key()) in SYSTEM_KEYS \
        or Qt.Key.Key_F1 <= event.key() <= Qt.Key.Key_F35


def show_locked(window: QWidget, *, hide_cursor: bool) -> None:
    """Full screen without a frame, and the pointer hidden where citizens only touch: how
    every window of `kiosk run` shows, the first frame's as well as the kiosk's own."""
    window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
    if hide_cursor and QApplication.overrideCursor() is None:
        QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
    window.showFullScreen()
    window.activateWindow()  # a field takes the focus, and its keyboard, only in it
