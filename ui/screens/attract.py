"""The idle screen: what a passer-by sees, and the two ways in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent

from ui.screens.base import Page, button, is_wide, label
from ui.screens.closed import closed_page

# The hidden way into technician mode: this many taps in the top-left corner, each
# within GESTURE_S of the first. Nobody taps a blank corner five times by chance.
GESTURE_TAPS, GESTURE_S, CORNER_PX = 5, 3.0, 160


class IdleLook(Protocol):
    language: str
    elderly: bool


class IdleFlow(Protocol):
    """What the idle screen and the language bar ask of the visit flow: kiosk.visit.flow's
    VisitFlow, or ui.welcome's stand-in, which draws `kiosk run`'s first frame before the
    core and its flow are imported."""

    @property
    def visit(self) -> IdleLook: ...

    def now(self) -> datetime: ...

    def out_of_service_notice(self) -> str | None: ...

    def start(self) -> None: ...

    def set_elderly(self, on: bool) -> None: ...

    def set_language(self, language: str) -> None: ...

    def technician(self) -> None: ...


class AttractPage(Page):
    def __init__(self, flow: IdleFlow, site_name: Callable[[str], str], *,
                 hotline: str = "", hall_url: str = "") -> None:
        self._site_name = site_name
        self._hotline, self._hall_url = hotline, hall_url
        self._corner_taps: list[float] = []
        super().__init__(flow)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        if point.x() > CORNER_PX or point.y() > CORNER_PX:
            self._corner_taps.clear()
            return
        now = self.flow.now().timestamp()
        self._corner_taps = [t for t in self._corner_taps if now - t < GESTURE_S] + [now]
        if len(self._corner_taps) >= GESTURE_TAPS:
            self._corner_taps.clear()
            self.flow.technician()

    def build(self) -> None:
        visit = self.flow.visit
        title = label(self._site_name(visit.language), name="title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(title)
        self.body.addStretch(1)
        notice = self.flow.out_of_service_notice()
        if notice is not None:
            closed_page(self.body, notice, self._hotline, self._hall_url, {
                "hotline": self.tr("For help, call the service hotline %1"),
                "hall": self.tr("Scan to use the online service hall on your phone")},
                wide=is_wide(self))
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
