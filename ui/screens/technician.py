"""The technician's PIN pad and service screen.

Reached only by the hidden gesture on the attract screen; the PIN pad has
digit keys of its own (no keyboard a passer-by could use to switch away),
and the service screen shows what the core reports and runs what the core
offers, nothing a widget decides by itself. A device test's result comes
later than the tap that asked for it, so the screen is drawn again when the
core says its report changed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGridLayout, QLineEdit, QScrollArea, QWidget

from kiosk.service.technician import ACTIONS, MAX_PIN, TechnicianDesk
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.technician_login import Badge
from ui.screens.base import Page, button, key_pad, label


class TechPinPage(Page):
    def build(self) -> None:
        self.body.addWidget(label(self.tr("Technician PIN"), name="title"))
        shown = QLineEdit()
        shown.setObjectName("field_pin")
        shown.setEchoMode(QLineEdit.EchoMode.Password)
        shown.setReadOnly(True)
        self.body.addWidget(shown)
        badge = {Badge.WANTED: (self.tr("First hold your badge to the badge reader, "
                                        "then enter the PIN"), "hint"),
                 Badge.REFUSED: (self.tr("This badge is not enrolled on this kiosk"), "problem"),
                 Badge.SHOWN: (self.tr("Badge accepted: enter the PIN"), "hint")}
        if self.flow.badge in badge:
            text, name = badge[self.flow.badge]
            self.body.addWidget(label(text, name=name))
        if self.flow.visit.notice:
            self.body.addWidget(label(self.flow.visit.notice, name="problem"))
        self.body.addLayout(key_pad(lambda key: self._press(shown, key)))
        self.nav(self.back_button())

    def _press(self, shown: QLineEdit, key: str) -> None:
        if key == "OK":
            pin, _ = shown.text(), shown.clear()
            self.flow.enter_pin(pin)
        elif key == "⌫":
            shown.backspace()
        elif len(shown.text()) < MAX_PIN:
            shown.setText(shown.text() + key)


class TechnicianPage(Page):
    def __init__(self, flow: VisitFlow, desk: TechnicianDesk | None) -> None:
        super().__init__(flow)
        self._desk = desk
        self._last = ""
        if desk is not None:
            desk.watch(self._report_changed)

    def _report_changed(self) -> None:
        if self.flow.screen == Screen.TECHNICIAN:
            self.render()

    def build(self) -> None:
        self.body.addWidget(label(self.tr("Technician mode"), name="title"))
        if self._desk is None:
            self.nav(button(self.tr("Leave"), self._leave, name="leave"))
            return
        holder = QWidget()
        rows = QFormLayout(holder)
        for name, value in self._desk.report():
            rows.addRow(label(name), label(value, name="report"))
        scroll = QScrollArea()  # the report is longer than a screen: the actions stay put
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.body.addWidget(scroll, 1)
        words = {"print_test_page": self.tr("Print a test page"),
                 "print_a4_test_page": self.tr("Print an A4 test page"),
                 "test_card_reader": self.tr("Test the ID-card reader"),
                 "test_scanner": self.tr("Test the scanner"),
                 "sync_now": self.tr("Deliver the spool now"),
                 "retry_dead": self.tr("Retry dead entries"),
                 "refresh_catalog": self.tr("Refresh the catalog"),
                 "export_dead": self.tr("Export dead entries"),
                 "export_undelivered": self.tr("Export everything undelivered"),
                 "restart_app": self.tr("Restart the kiosk app")}
        grid = QGridLayout()
        for n, action in enumerate(ACTIONS):
            grid.addWidget(button(words[action], lambda a=action: self._act(a), name=action,
                                  secondary=True), n // 2, n % 2)
        self.body.addLayout(grid)
        if self._last:
            self.body.addWidget(label(self._last, name="hint"))
        self.nav(button(self.tr("Leave"), self._leave, name="leave"), push_down=False)

    def _act(self, action: str) -> None:
        assert self._desk is not None
        self._last = self._desk.act(action)
        self.render()

    def _leave(self) -> None:
        self._last = ""
        self.flow.back()
