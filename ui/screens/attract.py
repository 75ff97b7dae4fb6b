"""The idle screen: what a passer-by sees, and the two ways in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from kiosk.flow import VisitFlow
from kiosk.messages import say
from ui.screens.base import Page, button, label


class AttractPage(Page):
    def __init__(self, flow: VisitFlow, site_name: Callable[[str], str]) -> None:
        self._site_name = site_name
        super().__init__(flow)

    def build(self) -> None:
        visit = self.flow.visit
        title = label(self._site_name(visit.language), name="title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(title)
        self.body.addStretch(1)
        if self.flow.out_of_service is not None:
            closed = label(say(self.flow.out_of_service, visit.language), name="notice")
            closed.setObjectName("out_of_service")
            closed.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.body.addWidget(closed)
            self.body.addStretch(1)
            return
        prompt = label(self.tr("Place your ID card on the reader"), name="title")
        prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(prompt)
        hint = label(self.tr("or tap Start to choose a service"), name="hint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(hint)
        self.body.addStretch(1)
        self.body.addWidget(button(self.tr("Start"), self.flow.start, name="start"))
        elderly = self.tr("Standard mode") if visit.elderly else self.tr("Large text mode")
        self.body.addWidget(button(elderly, lambda: self.flow.set_elderly(not visit.elderly),
                                   name="elderly", secondary=True))
