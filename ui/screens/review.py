"""Shows what will be submitted, so the citizen confirms what they see."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout

from kiosk.catalog.items import FieldType
from kiosk.visit.forms import AGREED
from kiosk.visit.messages import say
from kiosk.visit.profile import prefilled_shown
from kiosk.visit.shown import shown_value
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
            shown = shown_value(spec, raw)  # an ID number masked, as the paper prints it
            if spec.type == FieldType.ENUM:
                shown = next((o.label.text(lang) for o in spec.options if o.value == raw), raw)
            elif spec.type == FieldType.CONSENT:
                shown = self.tr("Agreed") if raw == AGREED else self.tr("Not agreed")
            if spec.name in visit.form.from_profile:
                came_from = say("prefill_from_platform", lang)
                shown = f"{prefilled_shown(visit.form, spec.name)}\n{came_from}"
            rows.addRow(label(spec.label.text(lang)), label(shown or "—"))
        self.body.addWidget(scrolling(rows), 1)
        self.nav(self.back_button(),
                 button(self.tr("Confirm and submit"), self.flow.confirm, name="confirm"),
                 push_down=False)
