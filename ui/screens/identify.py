"""Asks for the ID card when the chosen item needs one."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.screens.base import Page, label


class IdentifyPage(Page):
    def build(self) -> None:
        item = self.flow.visit.item
        if item is not None:
            self.body.addWidget(label(item.title.text(self.flow.visit.language), name="hint"))
        self.body.addStretch(1)
        prompt = label(self.tr("Place your ID card on the reader"), name="title")
        prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(prompt)
        self.nav(self.back_button())
