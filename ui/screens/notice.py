"""Says what went wrong and what the citizen can do instead."""

from __future__ import annotations

from ui.screens.base import Page, button, label


class NoticePage(Page):
    def build(self) -> None:
        self.body.addWidget(label(self.tr("Sorry"), name="title"))
        self.body.addWidget(label(self.flow.visit.notice, name="notice"))
        actions = [self.back_button()]
        if self.flow.can_retry:
            actions.append(button(self.tr("Try again"), self.flow.retry, name="retry"))
        actions.append(button(self.tr("Finish"), self.flow.finish, name="finish"))
        self.nav(*actions)
