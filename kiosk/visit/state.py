"""What one visit holds, and the outcomes a visit can end with.

Everything personal about a citizen lives in one Visit object, which the
flow replaces whole when the visit ends; outcomes are plain data that the UI
renders and the printer prints, so screen and paper say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from drivers.printer import PrintDocument
from kiosk.catalog.items import Fee, I18nText, Item
from kiosk.uplink.documents import VerifiedDocument
from kiosk.visit.answers import CaseStatus, Document, Slot, Ticket, TimelineStep
from kiosk.visit.forms import Form, Problem
from kiosk.visit.person import Person
from kiosk.visit.verify import Challenge


@dataclass
class Printout:
    """An outcome that goes on paper; `printed` is None while the printer works.

    `paper` is the very document sent to the printer, so the screen can show it."""

    printed: bool | None = field(default=None, kw_only=True)
    print_detail: str = field(default="", kw_only=True)
    paper: PrintDocument | None = field(default=None, kw_only=True)


@dataclass
class Receipt(Printout):
    """A spooled submission or rating: the local reference is the citizen's proof, and with
    the lookup token (a secret, kept out of reprs) the receipt's QR code shows the case."""

    local_ref: str
    created_at: datetime
    rating: int | None = None
    lookup_token: str = field(default="", repr=False)
    # a fee paid at the kiosk: (fen, the fiscal receipt number)
    fee: tuple[int, str] | None = None


@dataclass
class DocumentResult(Printout):
    """A queried document; `a4` is its signed PDF, verified, when the item prints on A4
    (then `printed` says how the A4 job and the slip naming it went, together, and
    `a4_out` that the sheets came out, so printing again prints only the slip)."""

    document: Document
    a4: VerifiedDocument | None = None
    a4_out: bool = False
    # a fee paid at the kiosk before it was asked for: (fen, the fiscal receipt number)
    fee: tuple[int, str] | None = None


@dataclass
class TicketResult(Printout):
    ticket: Ticket


NOT_DELIVERED = "not_delivered"
# A case is rated once it is decided or closed: before, there is no service yet to rate.
FINISHED = frozenset({CaseStatus.APPROVED, CaseStatus.REJECTED, CaseStatus.COMPLETED,
                      CaseStatus.WITHDRAWN})


@dataclass(frozen=True)
class CaseLine:
    """One case as a progress query shows it, from the central or from this kiosk's spool."""

    item_code: str
    status: CaseStatus | str  # NOT_DELIVERED while it is still in this kiosk's spool
    case_no: str | None = None
    local_ref: str | None = None
    item_title: I18nText | None = None
    updated_at: datetime | None = None
    # the central's steps, oldest first, each with its date (empty for a case still here)
    timeline: tuple[TimelineStep, ...] = ()

    @property
    def finished(self) -> bool:
        return self.status in FINISHED


@dataclass
class CasesResult:
    cases: tuple[CaseLine, ...]
    offline: bool  # the central did not answer: only what this kiosk holds is shown


Outcome = Receipt | DocumentResult | TicketResult | CasesResult


@dataclass(frozen=True)
class RatingOffer:
    """What a result offers to rate: `open` while a rating can be started at all, `visit`
    for this visit (not when its outcome is itself a rating)."""

    open: bool
    visit: bool

    def case(self, line: CaseLine) -> bool:
        """Only a case the central has numbered and finished can be rated."""
        return self.open and bool(line.case_no) and line.finished


@dataclass
class Booking:
    """The slot a citizen picked, of the item they chose, and the key that makes booking
    it again harmless."""

    slot_id: str | None
    key: str
    item_code: str


FINAL_NOT_PAID = ("expired", "cancelled", "failed")


@dataclass
class PayState:
    """One fee of one visit: its key for ever, and what the central last said of it."""

    key: str
    fee: Fee
    item_code: str
    reference: str = ""
    opened: bool = False  # key and request kept: the request may have reached the central
    payment: dict[str, Any] | None = None
    asking: object | None = None  # the token of the question whose answer is wanted
    next_ask: datetime | None = None
    cancelling: bool = False
    delivered: bool = False  # what it paid for was given: submission spooled, document printed
    problem: str = ""  # a message code the pay screen shows under the code
    scans: int = 0  # bill numbers read by the scanner: the screen shows each

    @property
    def status(self) -> str:
        """reference (the bill number is typed), opening, or the central's status."""
        if not self.opened:
            return "reference"
        return "opening" if self.payment is None else str(self.payment["status"])

    @property
    def unsettled(self) -> bool:
        """Opened and neither delivered nor final: the technician must hear of it if the
        visit ends now."""
        return self.opened and not self.delivered and self.status not in FINAL_NOT_PAID

    @property
    def owed(self) -> bool:
        """Paid, and what it paid for not yet given to the citizen."""
        return self.status == "paid" and not self.delivered

    @property
    def fee_paid(self) -> tuple[int, str] | None:
        """(fen, fiscal receipt number) once paid, for the paper that proves it."""
        if self.payment is None or self.status != "paid":
            return None
        return self.fee.amount_fen, str(self.payment.get("receipt_no") or "")


@dataclass
class Visit:
    """Everything personal about one visit; replaced whole when the visit ends."""

    language: str
    elderly: bool = False
    person: Person | None = None
    item: Item | None = None
    form: Form | None = None
    problems: list[Problem] = field(default_factory=list)
    outcome: Outcome | None = None
    notice: str = ""
    # the item grid's filter: typed words and the category tapped (None: all)
    search: str = ""
    category: str | None = None
    about_case_no: str | None = None
    rated: bool = False
    # online work in progress: the token of the question whose answer is still wanted
    waiting: object | None = None
    retry: Callable[[], None] | None = None
    # appointment: the day shown, its free slots (None while asking), and the booking
    slot_day: date | None = None
    slots: tuple[Slot, ...] | None = None
    slots_error: str = ""
    booking: Booking | None = None
    # a typed identity's one-time code: where it was sent and what the citizen typed
    challenge: Challenge | None = None
    # the platform's profile of the citizen (None until it answered) and whether it was asked
    profile: dict[str, str] | None = field(default=None, repr=False)
    profile_asked: bool = False
    # the fee of the item, while it is being paid (kiosk.visit.payment)
    pay: PayState | None = None
