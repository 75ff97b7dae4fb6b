"""The item list: every catalog item, the unavailable ones shown with the reason."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ui.screens.base import Page, button, label


class ChoosePage(Page):
    def build(self) -> None:
        visit = self.flow.visit
        lang = visit.language
        if visit.person is not None:
            self.body.addWidget(label(self.tr("Hello, %1").replace("%1", visit.person.name),
                                      name="hint"))
        self.body.addWidget(label(self.tr("Choose a service"), name="title"))
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setSpacing(16)
        status, now = self.flow.status(), self.flow.now()
        for item in self.flow.catalog.items:
            reason = self.flow.unavailable_reason(item, status)
            text = item.title.text(lang) + "\n" + item.department.text(lang)
            if reason:
                text += "\n" + reason.message(lang, now)
            btn = button(text, lambda code=item.code: self.flow.choose(code), name="item")
            btn.setProperty("item_code", item.code)
            btn.setEnabled(reason is None)
            column.addWidget(btn)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.body.addWidget(scroll, 1)
        self.nav(button(self.tr("Exit"), self.flow.back, name="back", secondary=True),
                 push_down=False)
