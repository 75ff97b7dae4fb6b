"""The outcome: the local reference, and whether the receipt printed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.screens.base import Page, button, label


class ResultPage(Page):
    def build(self) -> None:
        outcome = self.flow.visit.outcome
        assert outcome is not None
        self.body.addWidget(label(self.tr("Received"), name="title"))
        self.body.addWidget(label(self.tr("Your reference number")))
        ref = label(outcome.local_ref, name="bigref")
        ref.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(ref)
        if outcome.printed is None:
            status = self.tr("Printing your receipt…")
        elif outcome.printed:
            status = self.tr("Please take your receipt.")
        else:
            status = self.tr("The receipt could not be printed. Please note your reference "
                             "number; staff can reprint it.")
        note = label(status, name="print_status" if outcome.printed is not False else "problem")
        self.body.addWidget(note)
        self.body.addWidget(label(self.tr("You can check progress at any kiosk with this "
                                          "number."), name="hint"))
        self.nav(button(self.tr("Finish"), self.flow.finish, name="finish"))
