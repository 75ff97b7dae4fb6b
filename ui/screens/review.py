"""Shows what will be submitted, so the citizen confirms what they see."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout

from kiosk.catalog.items import FieldType
from kiosk.visit.forms import AGREED
from ui.screens.base import Page, button, label, scrolling


class ReviewPage(Page):
    def build(self) -> None:
        visit = self.flow.visit
        assert visit.item is not None and visit.form is not None
        lang = visit.language
        self.body.addWidget(label(self.tr("Please check and confirm"), name="title"))
        self.body.addWidget(label(visit.item.title.text(lang), name="hint"))
        rows = QFormLayout()
        for spec in visit.item.fields:
            raw = visit.form.values.get(spec.name, "")
            shown = raw
            if spec.type == FieldType.ENUM:
                shown = next((o.label.text(lang) for o in spec.options if o.value == raw), raw)
            elif spec.type == FieldType.CONSENT:
                shown = self.tr("Agreed") if raw == AGREED else self.tr("Not agreed")
            rows.addRow(label(spec.label.text(lang)), label(shown or "—"))
        self.body.addWidget(scrolling(rows), 1)
        self.nav(self.back_button(),
                 button(self.tr("Confirm and submit"), self.flow.confirm, name="confirm"),
                 push_down=False)
