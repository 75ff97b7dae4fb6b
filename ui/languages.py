"""The language switch at the top of every screen.

A citizen who started in the wrong language, or whose companion reads
another, must not have to walk back to the start: switching keeps the visit
as it is and only changes the words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ui.screens.attract import IdleFlow
from ui.style import SELECTED_MARK

LANGUAGES = (("zh_CN", "简体中文"), ("zh_TW", "繁體中文"), ("en", "English"))


class LanguageBar(QWidget):
    def __init__(self, flow: IdleFlow) -> None:
        super().__init__()
        self.setObjectName("languages")
        self.flow = flow
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 8, 24, 0)
        row.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        for code, name in LANGUAGES:
            btn = QPushButton(name)
            btn.setProperty("action", f"lang_{code}")
            btn.clicked.connect(lambda _checked=False, c=code: flow.set_language(c))
            self.buttons[code] = btn
            row.addWidget(btn)
        self.show_current()

    def show_current(self) -> None:
        for (code, name), btn in zip(LANGUAGES, self.buttons.values(), strict=True):
            chosen = code == self.flow.visit.language
            btn.setObjectName("lang_on" if chosen else "lang")
            btn.setText(SELECTED_MARK + name if chosen else name)  # a mark, not the fill alone
            # a button not polished yet takes its look from the name when it is; and the
            # first touch of QStyle costs PySide6 some 40 ms of enums, not before the
            # kiosk's first frame
            if btn.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                btn.style().unpolish(btn)
                btn.style().polish(btn)
