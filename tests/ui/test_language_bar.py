"""The language switch shows which language is on: after a switch the chosen
button looks chosen and the one before looks like the others."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton

from ui.taps import tap


def fill(button: QPushButton) -> QColor:
    """The button's background as drawn, a little inside its top edge (clear of the
    text and the rounded corners)."""
    image = button.grab().toImage()
    return image.pixelColor(image.width() // 2, 6)


def test_the_chosen_language_is_drawn_as_chosen_after_a_switch(qtbot, kiosk_session) -> None:
    session = kiosk_session()
    window = session.window
    window.show()
    qtbot.waitExposed(window)
    buttons = window.languages.buttons
    chosen, other = fill(buttons["zh_CN"]), fill(buttons["en"])
    assert chosen != other
    tap(window, "lang_en")
    assert session.core.flow.visit.language == "en"
    assert fill(buttons["en"]) == chosen
    assert fill(buttons["zh_CN"]) == other
    assert fill(buttons["zh_TW"]) == other
