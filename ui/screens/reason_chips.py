"""A rating's standard reasons as large chips under the reason box: tap, not type.

The chips follow the level the citizen taps (what went wrong for a poor one, what
went well for a good one) without rebuilding the form, so the box keeps what was
typed and the keyboard stays where it is. A chosen chip carries a tick, not only
a colour.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QPlainTextEdit, QPushButton, QWidget

from kiosk.visit.rating_reasons import has_reason, reasons_for
from ui.screens.base import clear_layout

CHIPS_PER_ROW = 2
TICK = "✓ "


class ReasonChips(QWidget):
    """The chips for the level picked; each tap goes to `toggle(code)`, then the box
    shows the reason field's value as `value()` gives it."""

    def __init__(self, box: QPlainTextEdit, language: str, *, toggle: Callable[[str], None],
                 value: Callable[[], str]) -> None:
        super().__init__()
        self.setObjectName("reasons")
        self._box, self._language = box, language
        self._toggle, self._value = toggle, value
        self._grid = QGridLayout(self)
        self._level: int | None = None

    def show_level(self, level: int | None) -> None:
        self._level = level
        clear_layout(self._grid)
        text = self._value()
        for n, reason in enumerate(reasons_for(level)):
            on = has_reason(text, reason, self._language)
            chip = QPushButton((TICK if on else "") + reason.text(self._language))
            chip.setObjectName("reason_on" if on else "secondary")
            chip.setProperty("action", f"reason_{reason.code}")
            chip.clicked.connect(lambda _c=False, code=reason.code: self._tapped(code))
            self._grid.addWidget(chip, n // CHIPS_PER_ROW, n % CHIPS_PER_ROW)

    def _tapped(self, code: str) -> None:
        self._toggle(code)
        self._box.blockSignals(True)  # the flow holds the value already
        self._box.setPlainText(self._value())
        self._box.blockSignals(False)
        self.show_level(self._level)
