"""One visit as an explicit state machine, with time injected.

The UI renders `flow.screen` and forwards taps; every rule about what may
happen next lives in the TRANSITIONS table and the handlers below, so the
whole visit can be driven and checked headless. Leaving a visit, for any
reason, drops the Visit object whole: nothing personal survives in the core.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from drivers.printer import PrintDocument
from kiosk.audit.masking import VISIT_NAMES
from kiosk.catalog.items import Catalog, Item, ItemKind
from kiosk.identifiers import formats
from kiosk.service.technician import Attempt, TechnicianGate
from kiosk.settings.model import Sentences, UiSettings
from kiosk.uplink.client import CentralClient, CentralError
from kiosk.uplink.online import Question, Reply
from kiosk.visit.answers import Case, CaseStatus, Document, Slot, Ticket, parse_answer
from kiosk.visit.availability import KioskStatus, Unavailable, unavailable
from kiosk.visit.card_progress import CardProgress
from kiosk.visit.forms import Form, Problem
from kiosk.visit.messages import say
from kiosk.visit.online_errors import message_for
from kiosk.visit.paper import paper_for
from kiosk.visit.person import Person
from kiosk.visit.state import (
    NOT_DELIVERED,
    Booking,
    CaseLine,
    CasesResult,
    DocumentResult,
    Outcome,
    Printout,
    Receipt,
    TicketResult,
    Visit,
)
from offline_queue import EntryState, SpoolSummary
from offline_queue.refs import LOCAL_REF

log = logging.getLogger(__name__)


class Screen(StrEnum):
    ATTRACT = "attract"
    IDENTIFY = "identify"
    CHOOSE = "choose"
    FORM = "form"
    REVIEW = "review"
    WORKING = "working"
    SLOTS = "slots"
    RESULT = "result"
    NOTICE = "notice"
    TECH_PIN = "tech_pin"
    TECHNICIAN = "technician"


class Badge(StrEnum):
    """What the PIN pad says about the technician's badge."""

    NOT_ASKED = "not_asked"  # the kiosk has no badge reader: the PIN alone opens
    WANTED = "wanted"
    REFUSED = "refused"  # the last badge shown is not enrolled here
    SHOWN = "shown"


class Event(StrEnum):
    START = "start"
    CARD = "card"
    MANUAL = "manual"
    CHOOSE = "choose"
    NEXT = "next"
    CONFIRM = "confirm"
    PICK = "pick"
    ANSWER = "answer"
    RETRY = "retry"
    RATE = "rate"
    SCAN = "scan"
    TECH = "tech"
    BADGE = "badge"
    PIN = "pin"
    BACK = "back"
    FINISH = "finish"
    TIMEOUT = "timeout"


# (screen, event) -> the screen it normally leads to. Handlers may divert (a
# form with problems stays on FORM; a refused submission goes to NOTICE), but
# a pair that is not here is ignored: a stray tap can never reach a state the
# table does not name.
TRANSITIONS: dict[tuple[Screen, Event], Screen] = {
    (Screen.ATTRACT, Event.START): Screen.CHOOSE,
    (Screen.ATTRACT, Event.CARD): Screen.CHOOSE,
    (Screen.ATTRACT, Event.SCAN): Screen.WORKING,
    (Screen.IDENTIFY, Event.CARD): Screen.FORM,
    (Screen.IDENTIFY, Event.MANUAL): Screen.FORM,
    (Screen.IDENTIFY, Event.BACK): Screen.CHOOSE,
    (Screen.CHOOSE, Event.CHOOSE): Screen.FORM,
    (Screen.CHOOSE, Event.CARD): Screen.CHOOSE,
    (Screen.CHOOSE, Event.SCAN): Screen.WORKING,
    (Screen.CHOOSE, Event.BACK): Screen.ATTRACT,
    (Screen.FORM, Event.NEXT): Screen.REVIEW,
    (Screen.FORM, Event.BACK): Screen.CHOOSE,
    (Screen.FORM, Event.CARD): Screen.CHOOSE,
    (Screen.REVIEW, Event.CONFIRM): Screen.RESULT,
    (Screen.REVIEW, Event.BACK): Screen.FORM,
    (Screen.REVIEW, Event.CARD): Screen.CHOOSE,
    (Screen.WORKING, Event.ANSWER): Screen.RESULT,
    (Screen.WORKING, Event.BACK): Screen.CHOOSE,
    (Screen.WORKING, Event.CARD): Screen.CHOOSE,
    (Screen.SLOTS, Event.PICK): Screen.WORKING,
    (Screen.SLOTS, Event.BACK): Screen.CHOOSE,
    (Screen.SLOTS, Event.CARD): Screen.CHOOSE,
    (Screen.RESULT, Event.FINISH): Screen.ATTRACT,
    (Screen.RESULT, Event.RATE): Screen.FORM,
    (Screen.RESULT, Event.CARD): Screen.CHOOSE,
    (Screen.NOTICE, Event.RETRY): Screen.WORKING,
    (Screen.NOTICE, Event.BACK): Screen.CHOOSE,
    (Screen.NOTICE, Event.FINISH): Screen.ATTRACT,
    (Screen.NOTICE, Event.CARD): Screen.CHOOSE,
    (Screen.ATTRACT, Event.TECH): Screen.TECH_PIN,
    (Screen.TECH_PIN, Event.BADGE): Screen.TECH_PIN,
    (Screen.TECH_PIN, Event.PIN): Screen.TECHNICIAN,
    (Screen.TECH_PIN, Event.BACK): Screen.ATTRACT,
    (Screen.TECHNICIAN, Event.BACK): Screen.ATTRACT,
}
TRANSITIONS.update({(s, Event.TIMEOUT): Screen.ATTRACT for s in Screen if s != Screen.ATTRACT})

# How far ahead a citizen may pick a day for an appointment.
BOOKING_DAYS = 7
# Longest search text kept; more is a stuck key, not a title.
MAX_SEARCH = 40
# A progress list longer than this is not read at a kiosk; the newest are shown.
MAX_CASES_SHOWN = 20
MAX_CODE = 64


class Services(Protocol):
    """What a visit needs from the rest of the kiosk; wired in kiosk.core."""

    device_id: str
    site_name: dict[str, str] | str

    def status(self) -> KioskStatus:
        """What the kiosk can do now: central, devices, spool gate."""

    def spool_submission(self, payload: dict[str, Any], *, item_code: str,
                         applicant_id: str | None) -> Any:
        """Durably store one confirmed submission; returns the spool entry."""

    def local_cases(self, applicant_id: str) -> list[SpoolSummary]:
        """What this kiosk's spool holds for an applicant, newest first."""

    def local_case(self, local_ref: str) -> SpoolSummary | None:
        """The spool entry with this reference, if this kiosk holds it."""

    def ask(self, question: Question, reply: Reply) -> None:
        """Ask the central off the flow's thread; `reply` is called on the flow's thread."""

    def print(self, doc: PrintDocument, done: Callable[[bool, str], None]) -> None:
        """Print in the background; `done(ok, detail)` is called on the flow's thread."""


class VisitFlow:
    def __init__(self, catalog: Callable[[], Catalog], services: Services, ui: UiSettings, *,
                 clock: Callable[[], datetime], gate: TechnicianGate | None = None,
                 on_event: Callable[..., None] | None = None,
                 alternative: Sentences | None = None) -> None:
        """`on_event(name, **fields)` hears what the audit log keeps: visits started and
        ended, technician logins; never anything personal. `alternative` names the
        nearest place to go while this kiosk is out of service."""
        self._gate = gate or TechnicianGate("")
        self._alternative = alternative or Sentences()
        self._on_event = on_event or (lambda _name, **_fields: None)
        self._catalog = catalog
        self._services = services
        self._ui = ui
        self._clock = clock
        self._listeners: list[Callable[[], None]] = []
        self.screen = Screen.ATTRACT
        self.visit = Visit(language=ui.language)
        self._deadline: datetime | None = None
        # bumped when what the kiosk offers changes (catalog, devices, central)
        self.offer_revision = 0
        self.visits_started = 0
        # a message code while the kiosk takes no visits (a command, a revoked token)
        self.out_of_service: str | None = None
        self._badge_refused = False
        self.card = CardProgress(clock)

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

    def _timeout_for(self, screen: Screen) -> float | None:
        if screen == Screen.ATTRACT:
            return None
        if screen == Screen.RESULT:
            return self._ui.result_timeout_s
        if self.visit.elderly:
            return self._ui.elderly_idle_timeout_s
        return self._ui.idle_timeout_s

    def _arm(self) -> None:
        limit = self._timeout_for(self.screen)
        self._deadline = None if limit is None else self._clock() + timedelta(seconds=limit)

    def seconds_left(self) -> float | None:
        if self._deadline is None:
            return None
        return max(0.0, (self._deadline - self._clock()).total_seconds())

    def countdown(self) -> int | None:
        """Whole seconds to show in the last stretch before the visit ends, else None."""
        left = self.seconds_left()
        if left is None or left > self._ui.countdown_s:
            return None
        return int(left + 0.999)

    def _rearm(self) -> bool:
        """Restart the idle time if it is running; True when it was."""
        if self._deadline is None:
            return False
        self._arm()
        return True

    def touch(self) -> None:
        """Any tap: the citizen is still here."""
        if self._rearm():
            self._changed()

    def tick(self) -> None:
        """Called by a timer; ends the visit when its time is up."""
        left = self.seconds_left()
        if left is not None and left <= 0:
            log.info("visit: idle timeout on %s", self.screen.value)
            self._fire(Event.TIMEOUT)
        elif left is not None and left <= self._ui.countdown_s:
            self._changed()

    # -- the table --------------------------------------------------------------------

    def _fire(self, event: Event, handler: Callable[[], Screen | None] | None = None) -> None:
        target = TRANSITIONS.get((self.screen, event))
        if target is None:
            log.debug("visit: %s ignored on %s", event.value, self.screen.value)
            return
        if target == Screen.ATTRACT:
            if self.screen not in (Screen.TECH_PIN, Screen.TECHNICIAN):
                self._on_event("visit_ended", reason=event.value)
            self._end_visit()
        elif self.screen == Screen.ATTRACT and target != Screen.TECH_PIN:
            self.visits_started += 1
            self._on_event("visit_started")
        if self.screen in (Screen.WORKING, Screen.SLOTS):
            self.visit.waiting = None  # whatever was asked, its answer is no longer wanted
        diverted = handler() if handler else None
        self.screen = diverted or target
        self._arm()
        self._changed()

    def _end_visit(self) -> None:
        """Forget the citizen: a new Visit keeps only the kiosk-wide choices."""
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

    def set_out_of_service(self, code: str | None) -> None:
        """Take no new visits (None: take them again); a visit in progress may finish."""
        self.out_of_service = code
        self.offer_revision += 1
        self._changed()

    def out_of_service_notice(self) -> str | None:
        """What the idle screen says while no visits are taken: why, then the nearest place
        to go instead where the site has named one; None while in service."""
        if self.out_of_service is None:
            return None
        language = self.visit.language
        notice, where = say(self.out_of_service, language), self._alternative.get(language)
        return f"{notice}\n{where}" if where else notice

    def identify_manually(self, id_number: str, name: str) -> None:
        """Typed identity, for items that allow it; problems stay on the identify screen."""
        item = self.visit.item
        if self.screen != Screen.IDENTIFY or item is None or item.identity != "id_card_or_manual":
            return
        id_number, name = id_number.strip().upper(), name.strip()
        language = self.visit.language

        def problem(field: str, code: str) -> Problem:
            return Problem(field, code, say(code, language, label=say(f"label_{field}", language)))

        problems = []
        if not formats.check_id_number(id_number, today=self.today()).ok:
            problems.append(problem("id_number", "id_number"))
        if not 1 <= len(name) <= 30:
            problems.append(problem("name", "required"))
        if problems:
            self.visit.problems = problems
            self._changed()
            return
        person = Person(id_type="resident_id", id_number=id_number, name=name, source="manual")
        self._fire(Event.MANUAL, lambda: self._adopt(person))

    def _adopt(self, person: Person) -> Screen | None:
        pending = self.visit.item if self.screen == Screen.IDENTIFY else None
        language, elderly = self.visit.language, self.visit.elderly
        self.visit = Visit(language=language, elderly=elderly, person=person)
        VISIT_NAMES.forget_all()
        VISIT_NAMES.add(person.name)
        if pending is not None:
            self.visit.item = pending
            return self._begin(pending)
        return None

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

        def pick() -> Screen | None:
            self.visit.item = item
            self.visit.about_case_no = None
            if item.identity != "none" and self.visit.person is None:
                self.visit.problems = []
                return Screen.IDENTIFY
            return self._begin(item)
        self._fire(Event.CHOOSE, pick)

    def _begin(self, item: Item) -> Screen | None:
        """The first screen of an item once the citizen is known: its form, if it has one."""
        self._open_form(item)
        return None if item.fields else self._after_form(item)

    def _open_form(self, item: Item) -> None:
        self.visit.form = Form.for_item(item, self.visit.person)
        self.visit.problems = []

    def _after_form(self, item: Item) -> Screen:
        if item.kind == ItemKind.QUERY_PRINT:
            return self._ask_query(item)
        if item.kind == ItemKind.CASE_STATUS:
            return self._ask_cases()
        if item.kind == ItemKind.APPOINTMENT:
            self._show_day(self.today())
            return Screen.SLOTS
        return Screen.REVIEW

    # -- the form ---------------------------------------------------------------------

    def set_value(self, name: str, value: str) -> None:
        if self.screen != Screen.FORM or self.visit.form is None:
            return
        self.visit.form.set(name, value)
        self.touch()

    def next(self) -> None:
        def validate() -> Screen | None:
            form, item = self.visit.form, self.visit.item
            assert form is not None and item is not None
            self.visit.problems = form.problems(self.visit.language, self.today())
            if self.visit.problems:
                return Screen.FORM
            return self._after_form(item)
        self._fire(Event.NEXT, validate)

    # -- spooled kinds: submission and evaluation -------------------------------------

    def confirm(self) -> None:
        self._fire(Event.CONFIRM, self._submit)

    def _submit(self) -> Screen | None:
        visit = self.visit
        assert visit.item is not None and visit.form is not None
        reason = self.status().gate_reason
        if reason is not None:
            return self._notice(reason)
        payload: dict[str, Any] = {
            "item_code": visit.item.code,
            "item_version": visit.item.version,
            "device_id": self._services.device_id,
            "form": visit.form.payload(),
        }
        rating = None
        if visit.item.kind == ItemKind.EVALUATION:
            rating = visit.form.rating()
            if visit.about_case_no:
                payload["about_case_no"] = visit.about_case_no
        elif visit.person is not None:
            payload["applicant"] = visit.person.applicant()
        applicant_id = payload.get("applicant", {}).get("id_number")
        try:
            entry = self._services.spool_submission(payload, item_code=visit.item.code,
                                                    applicant_id=applicant_id)
        except Exception:
            log.exception("visit: spooling failed")
            return self._notice("spool_write_failed")
        log.info("visit: %s spooled as %s", visit.item.kind.value, entry.local_ref)
        visit.rated = visit.rated or rating is not None
        self._show(Receipt(local_ref=entry.local_ref, created_at=entry.created_at,
                           rating=rating))
        return None

    def rate(self, about_case_no: str | None = None) -> None:
        """From a result: rate this visit, or the case `about_case_no`."""
        item = next((i for i in self.catalog.items if i.kind == ItemKind.EVALUATION), None)
        if item is None or self.unavailable_reason(item) is not None:
            return

        def open_rating() -> Screen | None:
            self.visit.item = item
            self.visit.outcome = None
            self.visit.about_case_no = about_case_no
            self._open_form(item)
            return None
        self._fire(Event.RATE, open_rating)

    # -- online kinds -----------------------------------------------------------------

    def _ask(self, question: Callable[[CentralClient], Any],
             on_answer: Callable[[Any, CentralError | None], Screen | None]) -> Screen:
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

    def retry(self) -> None:
        """On a notice after a failed question: ask again."""
        if self.visit.retry is not None:
            self.visit.retry()

    def _applicant(self) -> dict[str, Any]:
        assert self.visit.person is not None
        return self.visit.person.applicant()

    def _ask_query(self, item: Item) -> Screen:
        applicant = self._applicant()
        form = self.visit.form.payload() if self.visit.form else {}

        def question(client: CentralClient) -> Document:
            return parse_answer(Document, client.query(item.code, applicant, form), "document")

        def answered(document: Document | None, error: CentralError | None) -> Screen | None:
            if error is not None:
                return self._failed(error, lambda: self._ask_query(item))
            assert document is not None
            self._show(DocumentResult(document=document))
            return None
        return self._ask(question, answered)

    def _ask_cases(self, reference: str | None = None) -> Screen:
        """The citizen's cases (by identity), or one case by the reference on a receipt."""
        person = self.visit.person
        query: dict[str, Any] = {}
        if person is not None:
            query["applicant"] = person.applicant()
        wanted = reference or str(
            (self.visit.form.payload() if self.visit.form else {}).get("case_no", ""))
        if wanted:  # a receipt's reference, or else a case number the central gave
            query["local_ref" if LOCAL_REF.fullmatch(wanted) else "case_no"] = wanted
        if not query:
            return self._notice("central_refused")

        def question(client: CentralClient) -> tuple[Case, ...]:
            return parse_answer(tuple[Case, ...], client.lookup_cases(**query), "cases")

        def answered(cases: tuple[Case, ...] | None, error: CentralError | None) -> Screen:
            if error is not None and message_for(error)[0] not in RETRYABLE:
                return self._failed(error, lambda: self._ask_cases(reference))
            held = self._held(person, reference)
            lines = [] if cases is None else [_case_line(c) for c in cases]
            known = {line.local_ref for line in lines if line.local_ref}
            lines += [_held_line(s, self.catalog) for s in held
                      if s.local_ref not in known and _matches(s, wanted)
                      and (cases is None or s.state != EntryState.DELIVERED)]
            self.visit.outcome = CasesResult(cases=tuple(lines[:MAX_CASES_SHOWN]),
                                             offline=cases is None)
            return Screen.RESULT
        return self._ask(question, answered)

    def _held(self, person: Person | None, reference: str | None) -> list[SpoolSummary]:
        """What this kiosk's spool holds for the citizen, or for the one reference."""
        if person is not None:
            return self._services.local_cases(person.id_number)
        found = self._services.local_case(reference) if reference else None
        return [found] if found is not None else []

    # -- scanned codes ----------------------------------------------------------------

    def code_scanned(self, code: str) -> None:
        """A code from the scanner: a receipt's QR at the start asks for that one case's
        progress (holding the receipt is the proof); on a progress form it fills the case
        number; anywhere else it is ignored."""
        code = code.strip()
        if not code or len(code) > MAX_CODE or self.out_of_service is not None:
            return
        item, form = self.visit.item, self.visit.form
        if self.screen == Screen.FORM and item is not None and form is not None \
                and item.kind == ItemKind.CASE_STATUS:
            target = next((f.name for f in item.fields if f.name not in form.locked
                           and f.type == "string" and f.format is None), None)
            if target is not None:
                form.set(target, code)
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
        return [self.today() + timedelta(days=n) for n in range(BOOKING_DAYS)]

    def show_day(self, day: date) -> None:
        """On the slots screen: ask for the free slots of another day."""
        if self.screen == Screen.SLOTS and day in self.booking_days():
            self._show_day(day)
            self._rearm()
            self._changed()

    def _show_day(self, day: date) -> None:
        visit, item = self.visit, self.visit.item
        assert item is not None
        visit.slot_day, visit.slots, visit.slots_error = day, None, ""
        token = object()
        visit.waiting = token

        def question(client: CentralClient) -> tuple[Slot, ...]:
            return parse_answer(tuple[Slot, ...], client.slots(item.code, day.isoformat()),
                                "slots")

        def reply(slots: tuple[Slot, ...] | None, error: CentralError | None) -> None:
            if self.visit is not visit or visit.waiting is not token:
                return
            visit.waiting = None
            visit.slots = slots or ()
            visit.slots_error = "" if error is None else say(message_for(error)[0],
                                                             visit.language)
            self._changed()
        self._services.ask(question, reply)

    def can_take_ticket(self) -> bool:
        """A same-day ticket is offered while the item is open now."""
        item = self.visit.item
        return item is not None and self.unavailable_reason(item) is None

    def book(self, slot_id: str | None = None) -> None:
        """Book `slot_id`, or take a same-day queue ticket when None."""
        visit = self.visit
        if self.screen != Screen.SLOTS or visit.item is None:
            return
        if slot_id is not None and slot_id not in {s.slot_id for s in visit.slots or ()}:
            return
        if visit.booking is None or visit.booking.slot_id != slot_id:
            visit.booking = Booking(slot_id=slot_id, key=str(uuid.uuid4()))
        self._fire(Event.PICK, self._ask_booking)

    def _ask_booking(self) -> Screen:
        item, booking, applicant = self.visit.item, self.visit.booking, self._applicant()
        assert item is not None and booking is not None

        def question(client: CentralClient) -> Ticket:
            return parse_answer(Ticket, client.book(booking.key, item.code, applicant,
                                                    booking.slot_id), "ticket")

        def answered(ticket: Ticket | None, error: CentralError | None) -> Screen | None:
            if error is not None:
                return self._failed(error, self._ask_booking)
            assert ticket is not None
            self._show(TicketResult(ticket=ticket))
            return None
        return self._ask(question, answered)

    # -- results and paper ------------------------------------------------------------

    def _show(self, outcome: Outcome) -> None:
        self.visit.outcome = outcome
        if isinstance(outcome, Printout):
            self._print(outcome)

    def _print(self, outcome: Printout) -> None:
        visit = self.visit
        assert visit.item is not None
        doc = paper_for(outcome, visit.item, locale=visit.language,
                        site_name=self._services.site_name,
                        pending_upload=not self.status().central_online)
        if doc is None:
            return
        outcome.printed, outcome.print_detail, outcome.paper = None, "", doc

        def printed(ok: bool, detail: str) -> None:
            outcome.printed, outcome.print_detail = ok, detail
            if self.visit.outcome is outcome:
                self._changed()
        self._services.print(doc, printed)

    def print_again(self) -> None:
        """On a result whose printing failed: try once more (paper may be back)."""
        outcome = self.visit.outcome
        if self.screen == Screen.RESULT and isinstance(outcome, Printout) \
                and outcome.printed is False:
            self._print(outcome)
            self._rearm()
            self._changed()

    # -- technician mode --------------------------------------------------------------

    def technician(self) -> None:
        """The hidden gesture on the attract screen: ask for the PIN (also out of service)."""
        if self._gate.enabled:
            self._badge_refused = False
            self._fire(Event.TECH)

    @property
    def badge(self) -> Badge:
        if not self._gate.needs_badge:
            return Badge.NOT_ASKED
        if self._badge_refused:
            return Badge.REFUSED
        return Badge.SHOWN if self._gate.badge_shown(self._clock()) else Badge.WANTED

    def badge_read(self, uid: str) -> None:
        """A badge on the badge reader. Only the PIN pad takes it: any contactless card a
        citizen lays there reads as a badge, and must neither start nor change a visit
        nor count against the technician's attempts."""
        def check() -> None:
            attempt = self._gate.try_badge(uid, self._clock())
            self._badge_refused = attempt.reason == "unknown_badge"
            if attempt.ok:  # audited with the login it leads to
                log.info("technician: enrolled badge %s shown", attempt.badge)
                self.visit.notice = ""
            else:
                self._refused(attempt)
        self._fire(Event.BADGE, check)

    def enter_pin(self, pin: str) -> None:
        def check() -> Screen | None:
            attempt = self._gate.try_pin(pin, self._clock())
            if attempt.ok:
                self.visit.notice = ""
                self._on_event("technician_login",
                               **({"badge": attempt.badge} if attempt.badge else {}))
                return None
            self._refused(attempt)
            return Screen.TECH_PIN
        self._fire(Event.PIN, check)

    def _refused(self, attempt: Attempt) -> None:
        """Audit why a badge or a PIN did not open, and say so: never what was shown or
        typed."""
        self._on_event("technician_login_failed", reason=attempt.reason)
        when = f"{attempt.locked_until:%H:%M:%S}" if attempt.locked_until else ""
        code = {"locked": "tech_locked", "wrong_pin": "tech_wrong_pin"}.get(attempt.reason)
        self.visit.notice = say(code, self.visit.language, when=when) if code else ""

    # -- leaving, language, mode ------------------------------------------------------

    def back(self) -> None:
        self._fire(Event.BACK)

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


# Failures worth a "try again" button: the central may well answer next time.
RETRYABLE = frozenset({"central_unreachable", "central_busy"})


def _case_line(case: Case) -> CaseLine:
    last = case.timeline[-1].at if case.timeline else None
    return CaseLine(item_code=case.item_code, status=case.status, case_no=case.case_no,
                    local_ref=case.local_ref, item_title=case.item_title, updated_at=last)


def _held_line(summary: SpoolSummary, catalog: Catalog) -> CaseLine:
    try:
        title = catalog.item(summary.item_code).title
    except KeyError:
        title = None
    status = NOT_DELIVERED if summary.state != EntryState.DELIVERED else CaseStatus.RECEIVED
    return CaseLine(item_code=summary.item_code, status=status, case_no=summary.case_no,
                    local_ref=summary.local_ref, item_title=title,
                    updated_at=summary.created_at)


def _matches(summary: SpoolSummary, wanted: str) -> bool:
    return not wanted or wanted in (summary.local_ref, summary.case_no)
