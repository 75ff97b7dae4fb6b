"""Asks for the ID card when the chosen item needs one, or for the typed number
where the item allows it (a citizen who forgot the card can still check progress)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from ui.keyboard.id_pad import use_id_pad
from ui.screens.base import Page, button, label


class IdentifyPage(Page):
    def build(self) -> None:
        visit = self.flow.visit
        item = visit.item
        if item is not None:
            self.body.addWidget(label(item.title.text(visit.language), name="hint"))
        self.body.addStretch(1)
        prompt = label(self.tr("Place your ID card on the reader"), name="title")
        prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(prompt)
        if self.flow.manual_identity_allowed:
            self._manual_entry()
        self.nav(self.back_button())

    def _manual_entry(self) -> None:
        self.body.addWidget(label(self.tr("No card with you? Type your ID number and name:"),
                                  name="hint"))
        problems = {p.field: p.message for p in self.flow.visit.problems}
        number = QLineEdit()
        number.setObjectName("field_id_number")
        use_id_pad(number)
        number.setPlaceholderText(self.tr("ID number (18 characters)"))
        name = QLineEdit()
        name.setObjectName("field_name")
        name.setPlaceholderText(self.tr("Name"))
        for edit, field in ((number, "id_number"), (name, "name")):
            self.body.addWidget(edit)
            if field in problems:
                warn = label("⚠ " + problems[field], name="problem")
                warn.setProperty("field", field)
                self.body.addWidget(warn)
        self.body.addWidget(button(
            self.tr("Continue"),
            lambda: self.flow.identify_manually(number.text(), name.text()), name="manual"))
