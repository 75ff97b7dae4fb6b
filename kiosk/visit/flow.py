"""One visit as an explicit state machine, with time injected.

The UI renders `flow.screen` and forwards taps; what may happen next is the
TRANSITIONS table (kiosk.visit.transitions) and the handlers below, and every
rule a screen shows (what can be rated, reprinted, retried, typed) is asked
of the flow, so the whole visit can be driven and checked headless. Case
lookup, appointments, printing, the idle timer and technician login live in
their own modules and get only what they need from here; the flow keeps the
moves. Leaving a visit, for any reason, drops the Visit object whole: nothing
personal survives in the core.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any, Protocol

from drivers.printer import PrintDocument
from kiosk.audit.masking import VISIT_NAMES
from kiosk.catalog.items import Catalog, Item, ItemKind
from kiosk.printing.a4 import A4Outcome
from kiosk.printing.texts import yuan
from kiosk.service.out_of_service import CENTRAL
from kiosk.service.technician import TechnicianGate
from kiosk.settings.model import Sentences, UiSettings
from kiosk.uplink.client import CentralClient, CentralError
from kiosk.uplink.documents import DocumentRefused, VerifiedDocument
from kiosk.uplink.online import Question, Reply
from kiosk.visit.a4 import a4_question
from kiosk.visit.answers import Document, Slot, parse_answer
from kiosk.visit.appointments import AppointmentContext, Appointments
from kiosk.visit.availability import KioskStatus, Unavailable, unavailable
from kiosk.visit.back_at import back_at, say_back_at
from kiosk.visit.card_progress import CardProgress
from kiosk.visit.cases import Cases, ReferenceAlone, case_number_field, reference_of
from kiosk.visit.forms import Form
from kiosk.visit.help import HelpCalls, HelpState
from kiosk.visit.identify import manual_person
from kiosk.visit.idle import IdleTimer
from kiosk.visit.messages import say
from kiosk.visit.online_errors import RETRYABLE, message_for
from kiosk.visit.paper import Paper
from kiosk.visit.payment import PayContext, PayStep
from kiosk.visit.person import Person
from kiosk.visit.profile import Prefills, ProfileContext
from kiosk.visit.rating_reasons import reason_by_code, reason_field, toggle_reason
from kiosk.visit.service_orders import Order, ServiceOrders
from kiosk.visit.state import (
    DocumentResult,
    Outcome,
    PayState,
    Printout,
    RatingOffer,
    Receipt,
    TicketResult,
    Visit,
)
from kiosk.visit.submission import submission
from kiosk.visit.technician_login import Badge, TechnicianLogin
from kiosk.visit.transitions import TRANSITIONS, Event, Screen, checked
from kiosk.visit.verify import Challenge, needs_code, refused_for_code
from offline_queue import SpoolSummary

log = logging.getLogger(__name__)

# Longest search text kept; more is a stuck key, not a title.
MAX_SEARCH = 40
MAX_CODE = 64
# What a citizen reads when no code could be sent: the central holds no phone, or too many
CHALLENGE_PROBLEMS = {"no_record": "verify_no_phone", "central_busy": "verify_too_many"}


class Services(Protocol):
    """What a visit needs from the rest of the kiosk; wired in kiosk.core."""

    device_id: str
    site_name: dict[str, str] | str
    document_ca_pem: str | None  # what A4 documents are verified against; None: no A4

    def status(self) -> KioskStatus:
        """What the kiosk can do now: central, devices, spool gate."""

    def spool_submission(self, payload: dict[str, Any], *, item_code: str,
                         applicant_id: str | None, **payment_key: str) -> Any:
        """Durably store one confirmed submission; returns the spool entry. With
        `payment_key`, the paid payment kept under it is settled in the same write."""

    def keep_payment(self, key: str, request: dict[str, Any]) -> None:
        """Durably keep a payment's key and request before the request is sent."""

    def payment_answer(self, key: str, payment: dict[str, Any] | None) -> str:
        """Record the central's Payment (None: refused for good); the state now kept."""

    def payment_delivered(self, key: str, document_no: str) -> None:
        """The document a paid payment paid for has printed: the payment is settled."""

    def payment_left(self, key: str) -> None:
        """The visit ended with this payment unsettled: settle it without the citizen, and
        let the technician and the audit log know if it was paid."""

    def local_cases(self, applicant_id: str) -> list[SpoolSummary]:
        """What this kiosk's spool holds for an applicant, newest first."""

    def local_case(self, local_ref: str, lookup_token: str) -> SpoolSummary | None:
        """The spool entry a receipt's QR code names, if this kiosk holds it under that token."""

    def ask(self, question: Question, reply: Reply) -> None:
        """Ask the central off the flow's thread; `reply` is called on the flow's thread."""

    def print(self, doc: PrintDocument, done: Callable[[bool, str], None]) -> None:
        """Print in the background; `done(ok, detail)` is called on the flow's thread."""

    def print_a4(self, document: VerifiedDocument, done: Callable[[A4Outcome], None]) -> None:
        """Hand a verified document to the A4 printer; `done` on the flow's thread."""


class VisitFlow:
    def __init__(self, catalog: Callable[[], Catalog], services: Services, ui: UiSettings, *,
                 clock: Callable[[], datetime], gate: TechnicianGate | None = None,
                 on_event: Callable[..., None] | None = None,
                 alternative: Sentences | None = None) -> None:
        """`on_event(name, **fields)` hears what the audit log keeps: visits started and
        ended, technician logins; never anything personal. `alternative` names the
        nearest place to go while this kiosk is out of service."""
        self._alternative = alternative or Sentences()
        self._on_event = on_event or (lambda _name, **_fields: None)
        self._catalog = catalog
        self._services = services
        self._ui = ui
        self._clock = clock
        self._listeners: list[Callable[[], None]] = []
        self.screen = Screen.ATTRACT
        self.visit = Visit(language=ui.language)
        self._idle = IdleTimer(ui, clock)
        self._login = TechnicianLogin(gate or TechnicianGate(""), clock, self._on_event)
        self._cases = Cases(services, catalog)
        self._paper = Paper(services, visit=lambda: self.visit, changed=self._changed,
                            central_online=lambda: self.status().central_online,
                            zone=lambda: self.now().tzinfo)
        self._appointments = Appointments(AppointmentContext(
            today=self.today, visit=lambda: self.visit, ask=services.ask,
            changed=self._changed, now=self.now))
        self._prefills = Prefills(ProfileContext(
            visit=lambda: self.visit, ask=services.ask,
            central_online=lambda: self.status().central_online, today=self.today,
            changed=self._changed))
        self._pay = PayStep(PayContext(
            visit=lambda: self.visit, now=self.now, services=services,
            answered=lambda handler: self._fire(Event.ANSWER, handler),
            paid=self._paid, notice=self._notice, back=self._back_from_paying))
        # bumped when what the kiosk offers changes (catalog, devices, central)
        self.offer_revision = 0
        self.visits_started = 0
        # the central's and a technician's orders to take no visits (see service_orders)
        self._orders = ServiceOrders()
        self.card = CardProgress(clock)
        self.help = HelpCalls(services.ask, self._changed, ui.hotline)

    # -- observation ------------------------------------------------------------------

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Called after every change, on the flow's own thread."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in self._listeners:
            listener()

    def status_changed(self) -> None:
        """A device, the spool gate or the central changed: what is offered may differ."""
        self.offer_revision += 1
        self._changed()

    def catalog_changed(self) -> None:
        """A new catalog is in use; a visit in progress keeps the item it chose."""
        self.offer_revision += 1
        self._changed()

    @property
    def catalog(self) -> Catalog:
        return self._catalog()

    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        return self._clock().date()

    # -- time -------------------------------------------------------------------------

    def seconds_left(self) -> float | None:
        return self._idle.seconds_left()

    def countdown(self) -> int | None:
        """Whole seconds to show in the last stretch before the visit ends, else None."""
        return self._idle.countdown()

    def _rearm(self) -> bool:
        """Restart the idle time if it is running; True when it was."""
        return self._idle.rearm(self.screen, self.visit.elderly)

    def touch(self) -> None:
        """Any tap: the citizen is still here."""
        if self._rearm():
            self._changed()

    def tick(self) -> None:
        """Called by a timer; ends the visit when its time is up."""
        left = self._idle.seconds_left()
        if left is not None and left <= 0:
            log.info("visit: idle timeout on %s", self.screen.value)
            self._fire(Event.TIMEOUT)
        elif self.screen == Screen.PAY:
            self._pay.tick()
            self._changed()  # the time left to pay
        elif self._idle.countdown() is not None or self.screen == Screen.VERIFY:
            self._changed()  # a countdown shown (the visit's, or the wait for a new code)
        elif self._orders.forget_passed(self._clock()):
            self._changed()  # a time passed, still out of service: no longer said

    # -- the table --------------------------------------------------------------------

    def _fire(self, event: Event, handler: Callable[[], Screen] | None = None) -> None:
        """Take `event` on the current screen: ignored when the table has no such pair;
        else `handler` (if any) does the work and names the screen that follows."""
        source = self.screen
        targets = TRANSITIONS.get((source, event))
        if targets is None:
            log.debug("visit: %s ignored on %s", event.value, source.value)
            return
        if targets == {Screen.ATTRACT}:
            if source not in (Screen.TECH_PIN, Screen.TECHNICIAN):
                self._on_event("visit_ended", reason=event.value)
            self._end_visit()
        elif source == Screen.ATTRACT and Screen.TECH_PIN not in targets:
            self.visits_started += 1
            self._on_event("visit_started")
        if source in (Screen.WORKING, Screen.SLOTS):
            self.visit.waiting = None  # whatever was asked, its answer is no longer wanted
        if handler is None:
            (target,) = targets  # an event without a handler has one place to go
        else:
            target = handler()
        self._move(source, event, target)

    def _move(self, source: Screen, event: Event, target: Screen) -> None:
        """The one place the screen changes; a move the table does not list is refused."""
        self.screen = checked(source, event, target)
        self._idle.arm(self.screen, self.visit.elderly)
        self._changed()

    def _end_visit(self) -> None:
        """Forget the citizen: a new Visit keeps only the kiosk-wide choices."""
        self._leave_payment()
        self.visit = Visit(language=self._ui.language)
        VISIT_NAMES.forget_all()

    def _notice(self, code: str, retry: Callable[[], None] | None = None,
                **params: object) -> Screen:
        self.visit.notice = say(code, self.visit.language, **params)
        self.visit.retry = retry
        return Screen.NOTICE

    # -- identification ---------------------------------------------------------------

    def start(self) -> None:
        if self.out_of_service is None:
            self._fire(Event.START)

    def card_read(self, person: Person) -> None:
        """A card was placed. Mid-visit, it starts a new visit: the old one is wiped."""
        self.card.done()
        if self.out_of_service is None:
            self._fire(Event.CARD, lambda: self._adopt(person))

    def card_progress(self, event: object) -> None:
        """The reader found a card or gave up on one: what the screen says follows."""
        if self.out_of_service is None and self.card.heard(event):
            self._changed()

    def card_notice(self) -> str | None:
        """What the screen says about the card on the reader, in the visit's language."""
        code = self.card.message_code()
        return None if code is None else say(code, self.visit.language)

    @property
    def out_of_service(self) -> str | None:
        """The message code while the kiosk takes no new visits; None while in service."""
        return self._orders.code

    @property
    def out_of_service_by(self) -> tuple[str, ...]:
        """Who holds the kiosk out of service: "technician", "central" (both, or none)."""
        return self._orders.given_by

    def expected_back(self) -> datetime | None:
        """When the kiosk expects to be back in service, if it knows a time still ahead."""
        return self._orders.back_at(self._clock())

    def set_out_of_service(self, code: str | None, until: object = None,
                           by: str = CENTRAL) -> None:
        """`by` (the central, or a technician) takes the kiosk out of service with the
        message `code`, or lifts its own order (None); a visit in progress may finish.
        `until`: when `by` expects it back (see back_at). Every change is audited."""
        now = self._clock()
        if code is None:
            if self._orders.lift(by):
                still = ",".join(self._orders.given_by)
                if still:
                    log.warning("out of service: %s lifted its order; %s's still stands",
                                by, still)
                self._on_event("out_of_service_lifted", by=by, still_out_by=still)
        elif self._orders.give(by, Order(code, back_at(until, now))):
            when = self._orders.back_at(now)
            self._on_event("out_of_service_set", by=by,
                           back_at=when.isoformat(timespec="minutes") if when else "")
        self.offer_revision += 1
        self._changed()

    def out_of_service_notice(self) -> str | None:
        """What the idle screen says while no visits are taken: why, when it expects to be
        back if it knows, then the nearest place to go instead where the site has named
        one; None while in service."""
        code = self.out_of_service
        if code is None:
            return None
        language, now = self.visit.language, self._clock()
        back = self._orders.back_at(now)
        lines = [say(code, language),
                 say_back_at(back, now, language) if back is not None else "",
                 self._alternative.get(language)]
        return "\n".join(line for line in lines if line)

    @property
    def manual_identity_allowed(self) -> bool:
        """Whether the chosen item lets a citizen without a card type their identity."""
        item = self.visit.item
        return item is not None and item.identity == "id_card_or_manual"

    def identify_manually(self, id_number: str, name: str) -> None:
        """Typed identity, for items that allow it; problems stay on the identify screen."""
        if self.screen != Screen.IDENTIFY or not self.manual_identity_allowed:
            return
        person = manual_person(id_number, name, language=self.visit.language,
                               today=self.today())
        if isinstance(person, list):
            self.visit.problems = person
            self._changed()
            return
        self._fire(Event.MANUAL, lambda: self._adopt(person))

    def _leave_payment(self) -> None:
        """A visit that ends owes the citizen an account of any money it took."""
        pay = self.visit.pay
        if pay is not None and pay.unsettled:
            self._services.payment_left(pay.key)

    def _adopt(self, person: Person) -> Screen:
        pending = self.visit.item if self.screen in (Screen.IDENTIFY, Screen.VERIFY) else None
        self._leave_payment()
        language, elderly = self.visit.language, self.visit.elderly
        self.visit = Visit(language=language, elderly=elderly, person=person)
        VISIT_NAMES.forget_all()
        VISIT_NAMES.add(person.name)
        if pending is not None:
            self.visit.item = pending
            return self._identified(pending)
        return Screen.CHOOSE

    # -- a typed identity's one-time code ---------------------------------------------

    def _identified(self, item: Item) -> Screen:
        """The item's first screen, once a typed citizen has a code coming for it."""
        if needs_code(item, self.visit.person) and self.visit.challenge is None:
            return self._ask_challenge()
        return self._begin(item)

    def _ask_challenge(self) -> Screen:
        """Ask the central to send a code to the phone it holds for the typed citizen."""
        assert self.visit.person is not None
        applicant = self.visit.person.applicant()

        def answered(answer: Any, error: CentralError | None) -> Screen:
            if error is not None:
                code, params = message_for(error)
                code = CHALLENGE_PROBLEMS.get(code, code)
                return self._notice(code, None, **params)
            self.visit.challenge = Challenge.from_answer(answer, sent_at=self.now())
            return Screen.VERIFY
        return self._ask(lambda client: client.start_challenge(applicant), answered)

    def code_key(self, key: str) -> None:
        """A key of the code pad: a digit, or "back" to erase one."""
        if self.screen == Screen.VERIFY and self.visit.challenge is not None:
            self.visit.challenge.press(key)
            self.touch()
            self._changed()

    def code_problem(self) -> str:
        """What is wrong with the code typed, in the visit's language; "" when nothing."""
        challenge = self.visit.challenge
        if challenge is None or not challenge.problem:
            return ""
        return say(challenge.problem, self.visit.language)

    def resend_in(self) -> int:
        """Seconds until a new code may be asked for; 0 when it may be now."""
        challenge = self.visit.challenge
        return 0 if challenge is None else challenge.resend_in(self.now())

    def resend_code(self) -> None:
        """Ask for a new code, once the wait since the last one is over."""
        def again() -> Screen:
            if self.resend_in() > 0:
                return Screen.VERIFY
            self.visit.challenge = None
            return self._ask_challenge()
        self._fire(Event.RETRY, again)

    def submit_code(self) -> None:
        """The whole code typed: go on with the item (or ask again what was refused)."""
        def go_on() -> Screen:
            challenge, item = self.visit.challenge, self.visit.item
            assert challenge is not None and item is not None
            if not challenge.complete:
                challenge.problem = "verify_code_short"
                return Screen.VERIFY
            if challenge.refused:
                challenge.refused = False
                return self._after_form(item)
            return self._begin(item)
        if self.screen == Screen.VERIFY:
            self._fire(Event.CONFIRM, go_on)

    def _use_card(self) -> Screen:
        """Back from the code: forget the typed citizen and the code, keep the item."""
        item = self.visit.item
        self.visit = Visit(language=self.visit.language, elderly=self.visit.elderly, item=item)
        VISIT_NAMES.forget_all()
        return Screen.IDENTIFY

    def _code_refused(self) -> Screen:
        """The central refused the question for its code: type it again, or ask a new one."""
        challenge = self.visit.challenge
        assert challenge is not None
        challenge.code, challenge.problem, challenge.refused = "", "verify_code_wrong", True
        return Screen.VERIFY

    # -- choosing ---------------------------------------------------------------------

    def status(self) -> KioskStatus:
        return self._services.status()

    def instruction(self) -> str:
        """The one sentence a screen asks of the citizen, to be read out in elderly mode."""
        if self.screen == Screen.NOTICE:
            return self.visit.notice
        notice = self.out_of_service_notice()
        if self.screen == Screen.ATTRACT and notice is not None:
            return notice
        return say(f"say_{self.screen.value}", self.visit.language)

    def unavailable_reason(self, item: Item, status: KioskStatus | None = None) \
            -> Unavailable | None:
        """Why `item` cannot be started now, or None; pass `status` when asking for many."""
        if item.kind == ItemKind.EVALUATION and self.visit.rated:
            return Unavailable("already_rated")
        return unavailable(item, status or self.status(), self._clock())

    def offered(self) -> list[Item]:
        """The items the grid shows under the citizen's search and category."""
        return self.catalog.find(self.visit.search, self.visit.category)

    def filter_items(self, search: str | None = None, category: str | None = "") -> None:
        """Narrow the grid; `category` None shows every category, "" keeps the current."""
        if self.screen != Screen.CHOOSE:
            return
        if search is not None:
            self.visit.search = search.strip()[:MAX_SEARCH]
        if category != "":
            self.visit.category = category
        self.touch()
        self._changed()

    def choose(self, code: str) -> None:
        item = self.catalog.item(code)
        if self.unavailable_reason(item) is not None:
            return

        def pick() -> Screen:
            self.visit.item = item
            self.visit.about_case_no = None
            if item.identity != "none" and self.visit.person is None:
                self.visit.problems = []
                return Screen.IDENTIFY
            return self._identified(item)
        self._fire(Event.CHOOSE, pick)

    def _begin(self, item: Item) -> Screen:
        """The first screen of an item once the citizen is known: its form, if it has one."""
        self._open_form(item)
        return Screen.FORM if item.fields else self._after_form(item)

    def _open_form(self, item: Item) -> None:
        self.visit.form = Form.for_item(item, self.visit.person)
        self.visit.problems = []
        self._prefills.form_opened()

    def _after_form(self, item: Item) -> Screen:
        if item.kind == ItemKind.QUERY_PRINT and item.fee is not None:
            return self._pay.begin(item)  # the document is asked for once it is paid
        if item.kind == ItemKind.QUERY_PRINT:
            return self._ask_query(item)
        if item.kind == ItemKind.CASE_STATUS:
            return self._ask_cases()
        if item.kind == ItemKind.APPOINTMENT:
            self._appointments.show_day(self.today())
            return Screen.SLOTS
        return Screen.REVIEW

    # -- the form ---------------------------------------------------------------------

    def set_value(self, name: str, value: str) -> None:
        if self.screen != Screen.FORM or self.visit.form is None:
            return
        self.visit.form.set(name, value)
        self.touch()

    def next(self) -> None:
        def validate() -> Screen:
            form, item = self.visit.form, self.visit.item
            assert form is not None and item is not None
            self.visit.problems = form.problems(self.visit.language, self.today())
            if self.visit.problems:
                return Screen.FORM
            return self._after_form(item)
        self._fire(Event.NEXT, validate)

    def confirm_prefill(self, name: str) -> None:
        """The citizen taps "confirm" beside a value the platform's profile put in."""
        self._on_prefill(name, keep=True)

    def change_prefill(self, name: str) -> None:
        """The citizen taps "change": the field empties for typing, the value unseen."""
        self._on_prefill(name, keep=False)

    def _on_prefill(self, name: str, *, keep: bool) -> None:
        form = self.visit.form
        if self.screen != Screen.FORM or form is None:
            return
        (form.confirm_prefill if keep else form.change_prefill)(name)
        self.visit.problems = [p for p in self.visit.problems if p.field != name]
        self.touch()
        self._changed()

    def confirm_warning(self, name: str) -> None:
        """The citizen says a value that failed only a soft check (an old USCC) is right:
        go on with it."""
        if self.screen != Screen.FORM or self.visit.form is None:
            return
        self.visit.form.confirm_warning(name)
        self.next()

    def toggle_reason(self, code: str) -> None:
        """A rating's standard reason (its chip) tapped: its wording into the item's reason
        field, or out of it again; what the citizen typed there stays."""
        form, item, reason = self.visit.form, self.visit.item, reason_by_code(code)
        name = reason_field(item) if item is not None else None
        if self.screen != Screen.FORM or form is None or reason is None or name is None:
            return
        limit = next(f.max_length for f in form.item.fields if f.name == name)
        form.set(name, toggle_reason(form.values.get(name, ""), reason, self.visit.language,
                                     limit))
        self.touch()

    # -- spooled kinds: submission and evaluation -------------------------------------

    def confirm(self) -> None:
        self._fire(Event.CONFIRM, self._submit)

    def _submit(self) -> Screen:
        visit = self.visit
        assert visit.item is not None
        reason = self.status().gate_reason
        if reason is not None:
            return self._notice(reason)
        if visit.item.fee is not None:
            return self._pay.begin(visit.item)
        return self._spool()

    def _spool(self, pay: PayState | None = None) -> Screen:
        """Spool the visit's submission (with its paid payment, if it has a fee)."""
        visit = self.visit
        assert visit.item is not None
        payload, rating = submission(visit, self._services.device_id)
        applicant_id = payload.get("applicant", {}).get("id_number")
        paid: dict[str, str] = {}
        if pay is not None and pay.payment is not None:
            payload["payment_id"] = pay.payment["payment_id"]
            paid["payment_key"] = pay.key
        try:
            entry = self._services.spool_submission(payload, item_code=visit.item.code,
                                                    applicant_id=applicant_id, **paid)
        except Exception:
            log.exception("visit: spooling failed")
            return self._notice("pay_spool_failed" if paid else "spool_write_failed")
        log.info("visit: %s spooled as %s", visit.item.kind.value, entry.local_ref)
        visit.rated = visit.rated or rating is not None
        fee = None
        if pay is not None and pay.payment is not None:
            fee, pay.delivered = pay.fee_paid, True
        return self._show(Receipt(local_ref=entry.local_ref, created_at=entry.created_at,
                                  rating=rating, lookup_token=payload["lookup_token"], fee=fee))

    # -- a fee paid by phone (kiosk.visit.payment) ------------------------------------

    def _paid(self) -> Screen:
        """Paid: spool the submission, or (a fee before a printout) only now ask the
        central for the document. The contract's query carries no payment, so this is
        the one place a fee-bearing document is held back until its fee is paid."""
        item = self.visit.item
        assert item is not None
        if item.kind == ItemKind.QUERY_PRINT:
            return self._ask_query(item)
        return self._spool(self.visit.pay)

    def _back_from_paying(self) -> Screen:
        """Where a citizen who gives up paying goes: the review of a submission, the form
        of a document (or the grid, for one asked without a form)."""
        item = self.visit.item
        if item is None or item.kind != ItemKind.QUERY_PRINT:
            return Screen.REVIEW
        return Screen.FORM if item.fields else Screen.CHOOSE

    def _paid_for(self, item: Item) -> PayState | None:
        """This visit's payment, if it is `item`'s fee and paid: what a document prints."""
        pay = self.visit.pay
        if pay is None or pay.item_code != item.code or pay.fee_paid is None:
            return None
        return pay

    def owed_notice(self) -> str:
        """What a citizen who paid and did not get the document reads: the fiscal receipt
        number and the hotline, and that the money is recorded; "" when nothing is owed."""
        item = self.visit.item
        pay = self._paid_for(item) if item is not None else None
        if pay is None or not pay.owed:
            return ""
        fee = pay.fee_paid
        assert fee is not None
        return say("pay_undelivered", self.visit.language, yuan=yuan(fee[0]),
                   receipt=fee[1] or "-", hotline=self._ui.hotline)

    def _undelivered(self, reason: str) -> None:
        """The audit log hears of a paid fee whose document did not reach the citizen."""
        pay = self.visit.pay
        if pay is not None and pay.owed and pay.payment is not None:
            self._on_event("payment_undelivered", payment_id=str(pay.payment["payment_id"]),
                           item_code=pay.item_code, amount_fen=pay.fee.amount_fen,
                           reason=reason)

    def _delivered(self, outcome: DocumentResult) -> Callable[[bool], None]:
        """When `outcome` has printed (or failed to): a fee it was paid for is settled, or
        heard of as undelivered. Kept to this visit's payment, whatever visit runs then."""
        pay = self.visit.pay
        if outcome.fee is None or pay is None:
            return lambda _ok: None

        def printed(ok: bool) -> None:
            if not pay.owed:
                return
            if not ok:
                self._undelivered("print_failed")
                return
            try:
                self._services.payment_delivered(pay.key, outcome.document.document_no)
            except Exception:  # kept paid: the technician's desk still shows it
                log.exception("visit: a printed document's payment could not be recorded")
                return
            pay.delivered = True
        return printed

    def pay_reference(self, text: str) -> None:
        """The bill number typed on the pay screen, before the payment is opened."""
        if self.screen == Screen.PAY:
            self._pay.set_reference(text)
            self.touch()
            self._changed()

    def pay_open(self) -> None:
        """The bill number is typed: open the payment and show its code."""
        if self.screen == Screen.PAY:
            self._fire(Event.NEXT, self._pay.open)

    def pay_problem(self) -> str:
        """What the pay screen says under the code, in the visit's language; "" if nothing."""
        pay = self.visit.pay
        return say(pay.problem, self.visit.language) if pay and pay.problem else ""

    def _ratings(self) -> Iterator[Item]:
        return (i for i in self.catalog.items if i.kind == ItemKind.EVALUATION)

    def rating_offer(self) -> RatingOffer:
        """What the result screen offers to rate: the visit, unless its outcome is itself
        a rating, and each case the central has numbered; nothing once a visit rated."""
        status = self.status()  # once: it reads the spool's gate
        open_now = any(self.unavailable_reason(i, status) is None for i in self._ratings())
        outcome = self.visit.outcome
        return RatingOffer(open=open_now, visit=open_now and not (
            isinstance(outcome, Receipt) and outcome.rating))

    def rate(self, about_case_no: str | None = None) -> None:
        """From a result: rate this visit, or the case `about_case_no`."""
        item = next(self._ratings(), None)
        if item is None or self.unavailable_reason(item) is not None:
            return

        def open_rating() -> Screen:
            self.visit.item = item
            self.visit.outcome = None
            self.visit.about_case_no = about_case_no
            self._open_form(item)
            return Screen.FORM
        self._fire(Event.RATE, open_rating)

    # -- online kinds -----------------------------------------------------------------

    def _ask(self, question: Callable[[CentralClient], Any],
             on_answer: Callable[[Any, CentralError | None], Screen]) -> Screen:
        """Send `question` and wait on WORKING; the answer is dropped if the visit moved on."""
        token = object()
        visit = self.visit
        visit.waiting = token
        visit.retry = None

        def reply(answer: Any, error: CentralError | None) -> None:
            if self.visit is not visit or visit.waiting is not token:
                return
            self._fire(Event.ANSWER, lambda: on_answer(answer, error))
        self._services.ask(question, reply)
        return Screen.WORKING

    def _failed(self, error: CentralError, retry: Callable[[], Screen]) -> Screen:
        code, params = message_for(error)

        def again() -> None:
            self._fire(Event.RETRY, retry)
        return self._notice(code, again if code in RETRYABLE else None, **params)

    @property
    def can_retry(self) -> bool:
        """Whether the notice shown offers to ask the central again."""
        return self.visit.retry is not None

    def retry(self) -> None:
        """On a notice after a failed question: ask again."""
        if self.visit.retry is not None:
            self.visit.retry()

    def _ask_query(self, item: Item) -> Screen:
        assert self.visit.person is not None
        ask = {"applicant": self.visit.person.applicant(),
               "form": self.visit.form.payload() if self.visit.form else {},
               "verification": self.visit.challenge.verification() if self.visit.challenge
               else None}

        def on_receipt(client: CentralClient) -> tuple[Document, None]:
            return parse_answer(Document, client.query(item.code, **ask), "document"), None
        question = a4_question(item.code, ask, self._services.document_ca_pem) \
            if item.paper == "a4" else on_receipt

        def answered(answer: Any, error: CentralError | None) -> Screen:
            if refused_for_code(error):
                return self._code_refused()
            if isinstance(error, DocumentRefused):
                log.warning("a4: %s refused: %s", item.code, error)
                self._on_event("document_refused", item_code=item.code, reason=error.reason)
            if error is not None:
                screen = self._failed(error, lambda: self._ask_query(item))
                owed = self.owed_notice()
                if owed:
                    self._undelivered(type(error).__name__)
                    self.visit.notice = f"{self.visit.notice}\n{owed}"
                return screen
            document, verified = answer
            pay = self._paid_for(item)
            return self._show(DocumentResult(document=document, a4=verified,
                                             fee=pay.fee_paid if pay is not None else None))
        return self._ask(question, answered)

    def _ask_cases(self, reference: str | None = None) -> Screen:
        """The citizen's cases (by identity), or one case by the reference on a receipt."""
        try:
            lookup = self._cases.lookup(self.visit.person, self.visit.form, reference,
                                        self.visit.challenge)
        except ReferenceAlone:
            return self._notice("reference_alone")
        if lookup is None:
            return self._notice("central_refused")

        # what this kiosk holds is shown for a typed citizen only once the central took the code
        typed = lookup.person is not None and lookup.person.source == "manual"

        def answered(cases: Any, error: CentralError | None) -> Screen:
            if refused_for_code(error):
                return self._code_refused()
            if error is not None and (typed or message_for(error)[0] not in RETRYABLE):
                return self._failed(error, lambda: self._ask_cases(reference))
            self.visit.outcome = self._cases.result(lookup, cases)
            return Screen.RESULT
        return self._ask(lookup.question, answered)

    # -- scanned codes ----------------------------------------------------------------

    def code_scanned(self, code: str) -> None:
        """A code from the scanner: a receipt's QR at the start asks for that one case's
        progress (holding the receipt is the proof); on a progress form it fills the case
        number; anywhere else it is ignored."""
        code = code.strip()
        if not code or len(code) > MAX_CODE or self.out_of_service is not None:
            return
        if self.screen == Screen.PAY:  # a bill's barcode: its number, before paying
            self._pay.scanned(code)
            self.touch()
            self._changed()
            return
        item, form = self.visit.item, self.visit.form
        if self.screen == Screen.FORM and item is not None and form is not None \
                and item.kind == ItemKind.CASE_STATUS:
            target = case_number_field(item, form)
            if target is not None:
                form.set(target, reference_of(code))
                self.touch()
                self._changed()
            return
        progress = next((i for i in self.catalog.items if i.kind == ItemKind.CASE_STATUS
                         and self.unavailable_reason(i) is None), None)
        if progress is None:
            return

        def look_up() -> Screen:
            self.visit.item = progress
            self.visit.form = None
            return self._ask_cases(reference=code)
        self._fire(Event.SCAN, look_up)

    # -- appointments -----------------------------------------------------------------

    def booking_days(self) -> list[date]:
        return self._appointments.days()

    def show_day(self, day: date) -> None:
        """On the slots screen: ask for the free slots of another day."""
        if self.screen == Screen.SLOTS and day in self.booking_days():
            self._appointments.show_day(day)
            self._rearm()
            self._changed()

    def free_slots(self) -> list[Slot]:
        """The slots of the day shown that a citizen can still book."""
        return self._appointments.free_slots()

    def can_take_ticket(self) -> bool:
        """A same-day ticket is offered while the item is open now."""
        item = self.visit.item
        return item is not None and self.unavailable_reason(item) is None

    def book(self, slot_id: str | None = None) -> None:
        """Book `slot_id`, or take a same-day queue ticket when None."""
        if self.screen != Screen.SLOTS or self.visit.item is None:
            return
        if self._appointments.hold(slot_id):
            self._fire(Event.PICK, self._ask_booking)

    def _ask_booking(self) -> Screen:
        def answered(ticket: Any, error: CentralError | None) -> Screen:
            if error is not None:
                return self._failed(error, self._ask_booking)
            return self._show(TicketResult(ticket=ticket))
        return self._ask(self._appointments.booking_question(), answered)

    # -- results and paper ------------------------------------------------------------

    def _show(self, outcome: Outcome) -> Screen:
        """Put `outcome` on the result screen, and on paper if it prints."""
        self.visit.outcome = outcome
        if isinstance(outcome, Printout):
            self._print(outcome)
        return Screen.RESULT

    def _print(self, outcome: Printout) -> None:
        done = self._delivered(outcome) if isinstance(outcome, DocumentResult) else None
        self._paper.print(outcome, done)

    @property
    def can_print_again(self) -> bool:
        """Whether the result shown failed to print, so printing it again is offered."""
        outcome = self.visit.outcome
        return self.screen == Screen.RESULT and isinstance(outcome, Printout) \
            and outcome.printed is False

    def print_again(self) -> None:
        """On a result whose printing failed: try once more (paper may be back)."""
        outcome = self.visit.outcome
        if self.can_print_again and isinstance(outcome, Printout):
            self._print(outcome)
            self._rearm()
            self._changed()

    # -- technician mode --------------------------------------------------------------

    def technician(self) -> None:
        """The hidden gesture on the attract screen: ask for the PIN (also out of service)."""
        if self._login.enabled:
            self._login.open_pad()
            self._fire(Event.TECH)

    @property
    def badge(self) -> Badge:
        return self._login.badge

    def badge_read(self, uid: str) -> None:
        """A badge on the badge reader. Only the PIN pad takes it: any contactless card a
        citizen lays there reads as a badge, and must neither start nor change a visit
        nor count against the technician's attempts."""
        def check() -> Screen:
            self.visit.notice = self._login.badge_read(uid, self.visit.language)
            return Screen.TECH_PIN
        self._fire(Event.BADGE, check)

    def enter_pin(self, pin: str) -> None:
        def check() -> Screen:
            opened, self.visit.notice = self._login.pin_entered(pin, self.visit.language)
            return Screen.TECHNICIAN if opened else Screen.TECH_PIN
        self._fire(Event.PIN, check)

    # -- a person to help -------------------------------------------------------------

    def ask_for_help(self) -> None:
        """The help control, on any screen: staff are asked on the worker, never waited on."""
        item = self.visit.item
        self.help.ask(self.visit, self.screen.value, self.visit.language,
                      item.code if item is not None else None)
        self._rearm()

    def help_state(self) -> HelpState | None:
        return self.help.state(self.visit)

    # -- leaving, language, mode ------------------------------------------------------

    def back(self) -> None:
        handler = {Screen.VERIFY: self._use_card, Screen.PAY: self._pay.cancel}.get(self.screen)
        self._fire(Event.BACK, handler)

    def finish(self) -> None:
        self._fire(Event.FINISH)

    def set_language(self, language: str) -> None:
        """Switch language on any screen without losing the visit."""
        self.visit.language = language
        if self.visit.form is not None and self.visit.problems and self.screen == Screen.FORM:
            self.visit.problems = self.visit.form.problems(language, self.today())
        self._rearm()
        self._changed()

    def set_elderly(self, on: bool) -> None:
        self.visit.elderly = on
        self._rearm()
        self._changed()
