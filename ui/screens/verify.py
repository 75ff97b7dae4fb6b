"""The one-time code a typed identity must give before the central shows anything
personal: where it was sent (masked), a pad to type it, a new code after a wait,
and the way back to the ID card. The flow holds the code; this page only shows
it and forwards taps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from kiosk.visit.verify import CODE_LENGTH
from ui.screens.base import Page, button, key_pad, label


class VerifyPage(Page):
    def build(self) -> None:
        visit = self.flow.visit
        challenge = visit.challenge
        # side by side on a landscape screen, where the pad under the code would push the
        # way back below the fold (large text most of all)
        wide = self.window().width() > self.window().height()
        column = QVBoxLayout()
        column.setSpacing(24)
        if visit.item is not None:
            column.addWidget(label(visit.item.title.text(visit.language), name="hint"))
        column.addWidget(label(self.tr("Enter the code sent to your phone"), name="title"))
        if challenge is None:
            self.body.addLayout(column)
            self.nav(self._card_button())
            return
        column.addWidget(label(self.tr("A 6-digit code was sent to %1")
                               .replace("%1", challenge.masked_phone), name="hint"))
        column.addWidget(self._typed(challenge.code))
        problem = self.flow.code_problem()
        if problem:
            column.addWidget(label("⚠ " + problem, name="problem"))
        columns = QHBoxLayout() if wide else QVBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(column, 1)
        columns.addLayout(key_pad(self._press), 1)
        self.body.addLayout(columns)
        self.nav(self._card_button(), self._resend_button(), stacked=not wide,
                 push_down=not wide)

    @staticmethod
    def _typed(code: str) -> QLabel:
        shown = label(" ".join(code.ljust(CODE_LENGTH, "_")), name="code", wrap=False)
        shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return shown

    def _press(self, key: str) -> None:
        if key == "OK":
            self.flow.submit_code()
        else:
            self.flow.code_key("back" if key == "⌫" else key)

    def _card_button(self) -> QPushButton:
        return button(self.tr("Use my ID card instead"), self.flow.back, name="back",
                      secondary=True)

    def _resend_button(self) -> QPushButton:
        wait = self.flow.resend_in()
        text = (self.tr("New code in %n s", "", wait) if wait
                else self.tr("Send a new code"))
        resend = button(text, self.flow.resend_code, name="resend", secondary=True)
        resend.setEnabled(wait == 0)
        return resend
