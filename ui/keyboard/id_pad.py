"""The kiosk's one number pad: ten digits and erase, and X for ID numbers.

A resident ID number is 17 digits and a check character that may be X; the
virtual keyboard's digit layout has no X and its letter layout hides the
digits, so the kiosk shows its own pad for these fields. A phone number, a
postal code or a count gets the same pad without the X (the virtual keyboard's
number layout offered "." and a space): one look for every number. Each key
goes to the focused field as a key press, so the field's own editing rules apply.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QGridLayout, QLineEdit, QPushButton, QWidget

KEYS = (("1", Qt.Key.Key_1), ("2", Qt.Key.Key_2), ("3", Qt.Key.Key_3),
        ("4", Qt.Key.Key_4), ("5", Qt.Key.Key_5), ("6", Qt.Key.Key_6),
        ("7", Qt.Key.Key_7), ("8", Qt.Key.Key_8), ("9", Qt.Key.Key_9),
        ("X", Qt.Key.Key_X), ("0", Qt.Key.Key_0), ("⌫", Qt.Key.Key_Backspace))

MAX_WIDTH_PX = 1080

# the property a field carries to get this pad instead of the virtual keyboard
PAD_PROPERTY = "keypad"
ID_NUMBER, DIGITS = "id_number", "digits"


def wants_id_pad(widget: QWidget | None) -> bool:
    return isinstance(widget, QLineEdit) and widget.property(PAD_PROPERTY) in (
        ID_NUMBER, DIGITS) and not widget.isReadOnly()


def use_id_pad(edit: QLineEdit) -> None:
    """Give an ID-number field this pad; the virtual keyboard stays away from it."""
    edit.setProperty(PAD_PROPERTY, ID_NUMBER)
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    edit.setMaxLength(18)


def use_digit_pad(edit: QLineEdit) -> None:
    """Give a field of digits only (a phone number, a postal code) this pad, without X."""
    edit.setProperty(PAD_PROPERTY, DIGITS)
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)


class IdPad(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("id_pad")
        grid = QGridLayout(self)
        grid.setContentsMargins(48, 12, 48, 12)
        self.keys: dict[str, QPushButton] = {}
        for n, (text, key) in enumerate(KEYS):
            btn = QPushButton(text)
            btn.setObjectName("secondary")
            btn.setProperty("action", f"pad_{text}")
            btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus
            btn.clicked.connect(lambda _checked=False, t=text, k=key: self._press(k, t))
            grid.addWidget(btn, n // 3, n % 3)
            self.keys[text] = btn
        self.hide()

    def suit(self, field: QWidget) -> None:
        """X only for an ID number: a phone number has none."""
        self.keys["X"].setVisible(field.property(PAD_PROPERTY) == ID_NUMBER)

    def sizeHint(self) -> QSize:
        """As wide as a portrait screen and no wider: a hand's span in landscape too."""
        return QSize(MAX_WIDTH_PX, super().sizeHint().height())

    def _press(self, key: Qt.Key, text: str) -> None:
        field = QApplication.focusWidget()
        if not wants_id_pad(field) or (key == Qt.Key.Key_X and not self.keys[text].isVisible()):
            return
        typed = "" if key == Qt.Key.Key_Backspace else text
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                                    typed))
