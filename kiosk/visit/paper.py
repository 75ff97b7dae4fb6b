"""The paper each outcome prints, chosen by the outcome's type, and its printing.

The flow decides that something prints; this module decides what, from the
outcome and the item alone, so the result screen's preview and the printer
get the very same document, and keeps the outcome told how printing went.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import tzinfo
from typing import Protocol

from drivers.printer import PrintDocument
from kiosk.catalog.items import I18nText, Item
from kiosk.clock import shown_in
from kiosk.printing.a4 import A4Outcome
from kiosk.printing.receipts import (
    a4_document_slip,
    query_document,
    queue_ticket,
    rating_thanks,
    submission_receipt,
)
from kiosk.uplink.documents import VerifiedDocument
from kiosk.visit.state import DocumentResult, Outcome, Printout, Receipt, TicketResult, Visit


def _text(value: I18nText) -> Mapping[str, str]:
    return value.model_dump(exclude_none=True)


def paper_for(outcome: Outcome, item: Item, *, locale: str, site_name: Mapping[str, str] | str,
              pending_upload: bool, zone: tzinfo | None = None) -> PrintDocument | None:
    """The document to print for `outcome`, or None for outcomes that stay on screen.

    Every time on it is told in `zone`, the site's (the kiosk's clock's): the central
    stamps its documents and tickets in its own zone, the kiosk its receipts in the
    site's, and one visit's papers must not disagree by hours."""
    if isinstance(outcome, Receipt) and outcome.rating is not None:
        return rating_thanks(locale=locale, site_name=site_name, level=outcome.rating,
                             rated_at=shown_in(outcome.created_at, zone),
                             reference=outcome.local_ref)
    if isinstance(outcome, Receipt):
        return submission_receipt(
            locale=locale, site_name=site_name, item_title=_text(item.title),
            local_ref=outcome.local_ref, submitted_at=shown_in(outcome.created_at, zone),
            lookup_token=outcome.lookup_token or None, promise_days=item.promise_days,
            pending_upload=pending_upload, fee=outcome.fee)
    if isinstance(outcome, DocumentResult) and outcome.a4 is not None:
        doc = outcome.document
        return a4_document_slip(locale=locale, site_name=site_name, title=_text(doc.title),
                                document_no=doc.document_no,
                                issued_at=shown_in(doc.issued_at, zone), pages=outcome.a4.pages,
                                fee=outcome.fee)
    if isinstance(outcome, DocumentResult):
        doc = outcome.document
        return query_document(
            locale=locale, site_name=site_name, title=_text(doc.title),
            lines=[(_text(line.label), line.value) for line in doc.lines],
            document_no=doc.document_no, issued_at=shown_in(doc.issued_at, zone),
            verify_url=doc.verify_url, fee=outcome.fee)
    if isinstance(outcome, TicketResult):
        ticket = outcome.ticket
        return queue_ticket(
            locale=locale, site_name=site_name, item_title=_text(item.title),
            ticket_no=ticket.ticket_no, issued_at=shown_in(ticket.issued_at, zone),
            window=ticket.window, waiting_ahead=ticket.waiting_ahead,
            starts_at=shown_in(ticket.starts_at, zone) if ticket.starts_at else None)
    return None


class Printer(Protocol):
    """What printing needs of the kiosk: the flow's Services."""

    site_name: dict[str, str] | str

    def print(self, doc: PrintDocument, done: Callable[[bool, str], None]) -> None:
        """Print in the background; `done(ok, detail)` is called on the flow's thread."""

    def print_a4(self, document: VerifiedDocument, done: Callable[[A4Outcome], None]) -> None:
        """Hand a verified document to the A4 printer; `done` on the flow's thread."""


class Paper:
    """Prints a visit's outcomes; `central_online` says whether a receipt must mention that
    the application still waits to be sent, `changed` that the visit shows news, `zone` the
    site's time zone its times are printed in."""

    def __init__(self, printer: Printer, *, visit: Callable[[], Visit],
                 central_online: Callable[[], bool], changed: Callable[[], None],
                 zone: Callable[[], tzinfo | None] = lambda: None) -> None:
        self._printer, self._visit = printer, visit
        self._central_online, self._changed, self._zone = central_online, changed, zone

    def print(self, outcome: Printout, done: Callable[[bool], None] | None = None) -> None:
        """Print `outcome`'s paper, if it has one; the outcome learns how it went, and
        `done` whether it came out: for an A4 document, as soon as its sheets are out (what
        a fee paid for), before its slip."""
        visit = self._visit()
        assert visit.item is not None
        doc = paper_for(outcome, visit.item, locale=visit.language,
                        site_name=self._printer.site_name,
                        pending_upload=not self._central_online(), zone=self._zone())
        if doc is None:
            return
        outcome.printed, outcome.print_detail, outcome.paper = None, "", doc

        def printed(ok: bool, detail: str) -> None:
            outcome.printed, outcome.print_detail = ok, detail
            if done is not None:
                done(ok)
            if self._visit().outcome is outcome:
                self._changed()
        if isinstance(outcome, DocumentResult) and outcome.a4 is not None \
                and not outcome.a4_out:
            self._print_a4(outcome, lambda: self._printer.print(doc, printed), printed, done)
        else:
            self._printer.print(doc, printed)

    def _print_a4(self, outcome: DocumentResult, then: Callable[[], None],
                  failed: Callable[[bool, str], None],
                  out: Callable[[bool], None] | None) -> None:
        """The A4 document first; its slip (`then`) only once the sheets are out, so a
        slip never names a certificate that did not print, and a slip that fails after
        them is printed again alone."""
        assert outcome.a4 is not None

        def a4_done(result: A4Outcome) -> None:
            if result.printed:
                outcome.a4_out = True
                if out is not None:
                    out(True)
                then()
            else:
                failed(False, result.detail)
        self._printer.print_a4(outcome.a4, a4_done)
