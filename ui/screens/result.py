"""The outcome of a visit: a reference, a document, a ticket or a list of cases,
with the paper shown as it prints and what to do if it did not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.printing.receipts import preview_pixels
from kiosk.printing.texts import yuan
from kiosk.visit.shown import shown_text
from kiosk.visit.state import (
    CasesResult,
    DocumentResult,
    Printout,
    RatingOffer,
    Receipt,
    TicketResult,
)
from ui.screens.base import PAGE_SPACING_PX, Page, button, is_wide, label, scrolling
from ui.screens.case_list import CaseCard
from ui.screens.paper_view import PaperView, Slip


class ResultPage(Page):
    def __init__(self, flow) -> None:
        super().__init__(flow)
        self._preview: tuple[object, Slip] | None = None
        self._rating = RatingOffer(open=False, visit=False)

    def build(self) -> None:
        outcome = self.flow.visit.outcome
        self._rating = self.flow.rating_offer()  # once per render: it reads the spool's gate
        beside = None
        self._text: QVBoxLayout = self.body
        if is_wide(self) and isinstance(outcome, Printout) and outcome.paper is not None:
            # landscape: the paper beside the words, each the screen's whole height
            beside = QHBoxLayout()
            beside.setSpacing(PAGE_SPACING_PX)
            self._text = QVBoxLayout()
            self._text.setSpacing(self.body.spacing() // 2)  # less height to share out
            beside.addLayout(self._text, 1)
            self.body.addLayout(beside, 1)
        if isinstance(outcome, Receipt):
            self._receipt(outcome)
        elif isinstance(outcome, DocumentResult):
            self._document(outcome)
        elif isinstance(outcome, TicketResult):
            self._ticket(outcome)
        elif isinstance(outcome, CasesResult):
            self._cases(outcome)
        if isinstance(outcome, Printout):
            self._paper(outcome, beside)
        if beside is not None and not isinstance(outcome, DocumentResult):
            self._text.addStretch(1)  # a document's lines take what is left; else nothing
        actions = []
        if self.flow.can_print_again:
            actions.append(button(self.tr("Print again"), self.flow.print_again,
                                  name="print_again", secondary=True))
        if self._rating.visit:
            actions.append(button(self.tr("Rate our service"), self.flow.rate, name="rate",
                                  secondary=True))
        actions.append(button(self.tr("Finish"), self.flow.finish, name="finish"))
        self.nav(*actions, push_down=False)

    def _big(self, text: str) -> None:
        big = label(text, name="bigref")
        big.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._text.addWidget(big)

    def _receipt(self, outcome: Receipt) -> None:
        if outcome.rating is not None:
            self._text.addWidget(label(self.tr("Thank you for your rating"), name="title"))
            return
        self._text.addWidget(label(self.tr("Received"), name="title"))
        self._text.addWidget(label(self.tr("Your reference number")))
        self._big(outcome.local_ref)
        self._paid(outcome.fee)
        self._text.addWidget(label(self.tr("Scan the QR code on your receipt at any kiosk to "
                                           "check progress."), name="hint"))

    def _paid(self, fee: tuple[int, str] | None) -> None:
        """A fee paid at the kiosk: how much, and the fiscal receipt number to claim it by.
        Under the document's lines, not among them: a citizen must read it without
        scrolling a list, in large text too."""
        if fee is None:
            return
        fen, receipt_no = fee
        rows = QFormLayout()
        for name, value in ((self.tr("Fee paid"), self.tr("CNY %1").replace("%1", yuan(fen))),
                            (self.tr("Fiscal receipt number"), receipt_no)):
            shown = label(value)
            shown.setProperty("must_see", True)
            rows.addRow(label(name), shown)
        self._text.addLayout(rows)

    def _document(self, outcome: DocumentResult) -> None:
        lang = self.flow.visit.language
        doc = outcome.document
        self._text.addWidget(label(doc.title.text(lang), name="title"))
        rows = QFormLayout()
        for line in doc.lines:
            rows.addRow(label(line.label.text(lang)), label(shown_text(line.value)))
        rows.addRow(label(self.tr("Document number")), label(doc.document_no))
        self._text.addWidget(scrolling(rows), 1)
        self._paid(outcome.fee)

    def _ticket(self, outcome: TicketResult) -> None:
        ticket = outcome.ticket
        self._text.addWidget(label(self.tr("Your number"), name="title"))
        self._big(ticket.ticket_no)
        if ticket.window:
            self._text.addWidget(label(self.tr("Window: %1").replace("%1", ticket.window)))
        if ticket.starts_at is not None:
            when = ticket.starts_at.astimezone(self.flow.now().tzinfo)
            self._text.addWidget(label(self.tr("Your time: %1").replace(
                "%1", f"{when:%Y-%m-%d %H:%M}")))
        if ticket.waiting_ahead is not None:
            self._text.addWidget(label(self.tr("%n people ahead of you", "",
                                               ticket.waiting_ahead)))

    def _cases(self, outcome: CasesResult) -> None:
        lang = self.flow.visit.language
        self._text.addWidget(label(self.tr("Your cases"), name="title"))
        if outcome.offline:
            self._text.addWidget(label(self.tr("The service centre cannot be reached; only "
                                               "what this kiosk holds is shown."),
                                       name="problem"))
        if not outcome.cases:
            self._text.addWidget(label(self.tr("No cases found."), name="hint"))
            return
        holder = QWidget()
        column = QVBoxLayout(holder)
        zone = self.flow.now().tzinfo  # the site's: the central's steps in the hall's time
        for case in outcome.cases:
            rate = (lambda n=case.case_no: self.flow.rate(n)) if self._rating.case(case) else None
            column.addWidget(CaseCard(case, lang, zone, rate))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self._text.addWidget(scroll, 1)

    def _paper(self, outcome: Printout, beside: QHBoxLayout | None) -> None:
        """How the printing went, and the paper as it printed: under the words, or
        `beside` them with the line saying where to take it (a failure stays with the
        number it asks the citizen to note)."""
        paper_column = self._text
        if beside is not None:
            paper_column = QVBoxLayout()
            beside.addLayout(paper_column, 1)
        if outcome.printed is None:
            paper_column.addWidget(label(self.tr("Printing…"), name="print_status"))
        elif outcome.printed:
            paper_column.addWidget(label(self.tr("Please take your paper from the printer."),
                                         name="print_status"))
        else:
            self._text.addWidget(label(self.tr("It could not be printed. Staff can reprint "
                                               "it; please note the number above."),
                                       name="problem"))
        owed = self.flow.owed_notice() if outcome.printed is False else ""
        if owed:  # paid for, and not in the citizen's hands: the receipt number and hotline
            self._text.addWidget(label(owed, name="problem"))
        if outcome.paper is None:
            self._text.addStretch(1)
        else:
            paper_column.addWidget(PaperView(self._slip(outcome.paper)), 1)

    def _slip(self, paper: object) -> Slip:
        """The receipt as the printer lays it out, drawn once per document: the page is
        built again when the printer answers, and the paper is the same. Held by the
        document itself, not its id, which a later visit's document could be given."""
        if self._preview is None or self._preview[0] is not paper:
            pixels = preview_pixels(paper)
            self._preview = (paper, Slip(pixels.width, pixels.height, pixels.pixels))
        return self._preview[1]

    def blank(self) -> None:
        """Another screen shows: the slip of this visit is forgotten with the page."""
        self._preview = None
        super().blank()
