"""A form field the platform's profile filled: the value (masked where the field says
so), where it came from, and the two taps that settle it, "confirm" and "change".

The screen decides nothing: what is shown and what a tap means are the core's
(kiosk.visit.profile and the flow); a masked value is never put in an editor,
so it cannot be read by selecting it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.catalog.items import FormField
from kiosk.visit.flow import VisitFlow
from kiosk.visit.messages import say
from kiosk.visit.profile import prefilled_shown
from ui.screens.base import button, label


def prefilled_field(flow: VisitFlow, spec: FormField) -> QWidget:
    """The field's row while it holds the platform's value."""
    form, language = flow.visit.form, flow.visit.language
    assert form is not None
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    shown = QLineEdit(prefilled_shown(form, spec.name))
    shown.setObjectName(f"field_{spec.name}")
    shown.setReadOnly(True)
    column.addWidget(shown)
    confirmed = spec.name in form.confirmed
    note = "prefill_confirmed" if confirmed else "prefill_from_platform"
    column.addWidget(label(say(note, language), name="hint"))
    taps = QHBoxLayout()
    if not confirmed:
        taps.addWidget(button(say("prefill_confirm", language),
                              lambda: flow.confirm_prefill(spec.name),
                              name=f"prefill_confirm_{spec.name}"))
    taps.addWidget(button(say("prefill_change", language),
                          lambda: flow.change_prefill(spec.name),
                          name=f"prefill_change_{spec.name}", secondary=True))
    column.addLayout(taps)
    return holder
