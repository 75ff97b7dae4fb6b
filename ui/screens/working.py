"""While the central answers: say so, and keep a way out."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.screens.base import Page, button, label


class WorkingPage(Page):
    def build(self) -> None:
        visit = self.flow.visit
        if visit.item is not None:
            self.body.addWidget(label(visit.item.title.text(visit.language), name="hint"))
        self.body.addStretch(1)
        wait = label(self.tr("Please wait, asking the service centre…"), name="title")
        wait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(wait)
        self.nav(button(self.tr("Cancel"), self.flow.back, name="cancel", secondary=True))
