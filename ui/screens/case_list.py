"""One case as a progress query shows it: what it is, both its numbers, and its
steps with their dates, in the site's time.

A citizen holds a receipt with the kiosk's reference while the central speaks
of its case number; showing only one leaves them unable to match the two.
A status word alone does not say when anything happened or what comes next,
so every step the central reports is listed with its date and its note.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.clock import shown_in
from kiosk.visit.messages import say
from kiosk.visit.shown import shown_text
from kiosk.visit.state import CaseLine
from ui.screens.base import button, label

# a case apart from the next, its title and status read first; colours come from the page's
CARD_STYLE = ("QFrame#case { border: 2px solid palette(mid); border-radius: 12px; }"
              "QLabel#case_title, QLabel#case_status { font-weight: bold; }")


class CaseCard(QFrame):
    """A case's title, numbers, status and timeline; `rate` when it may be rated."""

    def __init__(self, case: CaseLine, language: str, zone: tzinfo | None,
                 rate: Callable[[], None] | None) -> None:
        super().__init__()
        self.setObjectName("case")
        self.setStyleSheet(CARD_STYLE)
        self.setProperty("case_no", case.case_no or "")
        column = QVBoxLayout(self)
        title = case.item_title.text(language) if case.item_title else case.item_code
        column.addWidget(label(title, name="case_title"))
        column.addWidget(label(say("status_" + str(case.status), language), name="case_status"))
        if case.case_no:
            column.addWidget(label(self.tr("Case number: %1").replace("%1", case.case_no),
                                   name="case_no"))
        if case.local_ref:
            column.addWidget(label(self.tr("Receipt reference: %1").replace("%1", case.local_ref),
                                   name="case_ref"))
        for text in self._steps(case, language, zone):
            column.addWidget(label(text, name="case_step"))
        if rate is not None:
            column.addWidget(button(self.tr("Rate this case"), rate, name="rate_case",
                                    secondary=True))

    @staticmethod
    def _steps(case: CaseLine, language: str, zone: tzinfo | None) -> list[str]:
        """Each step as "date time  status", its note below; a case still in this kiosk has
        only the time it was handed in."""
        if not case.timeline:
            if case.updated_at is None:
                return []
            return [f"{shown_in(case.updated_at, zone):%Y-%m-%d %H:%M}"]
        lines = []
        for step in case.timeline:
            when = shown_in(step.at, zone)
            status = say("status_" + str(step.status), language)
            text = f"{when:%Y-%m-%d %H:%M}  {status}"
            note = step.note.text(language) if step.note is not None else ""
            if note and note != status:  # a note that only repeats the status says nothing
                text += "\n" + shown_text(note)
            lines.append(text)
        return lines
