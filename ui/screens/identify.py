"""Asks for the ID card when the chosen item needs one, or for the typed number
where the item allows it (a citizen who forgot the card can still check progress)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from ui.keyboard.id_pad import use_id_pad
from ui.screens.base import Page, button, is_wide, label


class IdentifyPage(Page):
    def build(self) -> None:
        visit = self.flow.visit
        item = visit.item
        prompt = QVBoxLayout()
        if item is not None:
            # what the citizen identifies for, as a heading: not small grey text in a corner
            prompt.addWidget(label(item.title.text(visit.language), name="subtitle"))
        prompt.addStretch(1)
        card = label(self.tr("Place your ID card on the reader"), name="title")
        card.setAlignment(Qt.AlignmentFlag.AlignCenter)
        prompt.addWidget(card)
        prompt.addStretch(1)
        if not self.flow.manual_identity_allowed:
            self.body.addLayout(prompt, 1)
            self.nav(self.back_button())
            return
        # landscape: the fields beside the card's prompt, so the pad leaves room for them;
        # their heading right under the prompt (its column has room to spare, the fields'
        # column above the keyboard has none): the card, or else these fields
        wide = is_wide(self)
        columns = QHBoxLayout() if wide else QVBoxLayout()
        columns.setSpacing(24)
        fields = QVBoxLayout()
        heading = QVBoxLayout()
        if wide:
            prompt.insertLayout(prompt.count() - 1, heading)
        columns.addLayout(prompt, 1)
        columns.addLayout(fields, 1)
        self.body.addLayout(columns)
        # under the fields, beside the way back: above the keyboard, never under it (in
        # landscape in the fields' column, where the keyboard leaves little height)
        ways = (self.back_button(), self._manual_entry(heading if wide else fields, fields))
        if wide:
            row = QHBoxLayout()
            for way in ways:
                row.addWidget(way)
            fields.addLayout(row)
        else:
            self.nav(*ways, push_down=False)

    def _manual_entry(self, heading: QVBoxLayout, fields: QVBoxLayout) -> QPushButton:
        heading.addWidget(label(self.tr("No card with you? Type your ID number and name"),
                                name="subtitle"))
        problems = {p.field: p.message for p in self.flow.visit.problems}
        number = QLineEdit()
        number.setObjectName("field_id_number")
        use_id_pad(number)
        number.setPlaceholderText(self.tr("18 characters"))
        name = QLineEdit()
        name.setObjectName("field_name")
        rows = QFormLayout()  # each field's name beside it in landscape, above it in portrait
        rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows if is_wide(self)
                              else QFormLayout.RowWrapPolicy.WrapAllRows)
        for edit, field, text in ((number, "id_number", self.tr("ID number")),
                                  (name, "name", self.tr("Name"))):
            caption = label(text, wrap=False)
            caption.setBuddy(edit)
            rows.addRow(caption, edit)
            if field in problems:
                warn = label("⚠ " + problems[field], name="problem")
                warn.setProperty("field", field)
                rows.addRow(warn)
        fields.addLayout(rows)
        return button(self.tr("Continue"),
                      lambda: self.flow.identify_manually(number.text(), name.text()),
                      name="manual")
