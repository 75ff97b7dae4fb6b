"""One visit as an explicit state machine, with time injected.

The UI renders `flow.screen` and forwards taps; every rule about what may
happen next lives in the TRANSITIONS table and the handlers below, so the
whole visit can be driven and checked headless. Leaving a visit, for any
reason, drops the Visit object whole: nothing personal survives in the core.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from kiosk.catalog import Catalog, Item, ItemKind
from kiosk.forms import Form, Problem
from kiosk.messages import say
from kiosk.person import Person
from kiosk.settings import UiSettings

log = logging.getLogger(__name__)


class Screen(StrEnum):
    ATTRACT = "attract"
    IDENTIFY = "identify"
    CHOOSE = "choose"
    FORM = "form"
    REVIEW = "review"
    RESULT = "result"
    NOTICE = "notice"


class Event(StrEnum):
    START = "start"
    CARD = "card"
    CHOOSE = "choose"
    NEXT = "next"
    CONFIRM = "confirm"
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
    (Screen.IDENTIFY, Event.CARD): Screen.FORM,
    (Screen.IDENTIFY, Event.BACK): Screen.CHOOSE,
    (Screen.CHOOSE, Event.CHOOSE): Screen.FORM,
    (Screen.CHOOSE, Event.CARD): Screen.CHOOSE,
    (Screen.CHOOSE, Event.BACK): Screen.ATTRACT,
    (Screen.FORM, Event.NEXT): Screen.REVIEW,
    (Screen.FORM, Event.BACK): Screen.CHOOSE,
    (Screen.FORM, Event.CARD): Screen.CHOOSE,
    (Screen.REVIEW, Event.CONFIRM): Screen.RESULT,
    (Screen.REVIEW, Event.BACK): Screen.FORM,
    (Screen.REVIEW, Event.CARD): Screen.CHOOSE,
    (Screen.RESULT, Event.FINISH): Screen.ATTRACT,
    (Screen.RESULT, Event.CARD): Screen.CHOOSE,
    (Screen.NOTICE, Event.BACK): Screen.CHOOSE,
    (Screen.NOTICE, Event.FINISH): Screen.ATTRACT,
    (Screen.NOTICE, Event.CARD): Screen.CHOOSE,
}
TRANSITIONS.update({(s, Event.TIMEOUT): Screen.ATTRACT for s in Screen if s != Screen.ATTRACT})

# Kinds this kiosk can take today: they are spooled, so they work offline too.
SPOOLED_KINDS = frozenset({ItemKind.SUBMISSION, ItemKind.EVALUATION})


class Services(Protocol):
    """What a visit needs from the rest of the kiosk; wired in kiosk.app."""

    device_id: str

    def gate_reason(self) -> str | None:
        """None when new submissions may be taken, else a message code."""

    def spool_submission(self, payload: dict[str, Any], *, item_code: str,
                         applicant_id: str | None) -> Any:
        """Durably store one confirmed submission; returns the spool entry."""

    def print_receipt(self, item: Item, entry: Any, language: str,
                      done: Callable[[bool, str], None]) -> None:
        """Print in the background; `done(ok, detail)` is called on the flow's thread."""


@dataclass
class Outcome:
    """What the result screen shows after a confirmed submission."""

    local_ref: str
    created_at: datetime
    printed: bool | None = None  # None while printing
    print_detail: str = ""


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


class VisitFlow:
    def __init__(self, catalog: Callable[[], Catalog], services: Services, ui: UiSettings, *,
                 clock: Callable[[], datetime]) -> None:
        self._catalog = catalog
        self._services = services
        self._ui = ui
        self._clock = clock
        self._listeners: list[Callable[[], None]] = []
        self.screen = Screen.ATTRACT
        self.visit = Visit(language=ui.language)
        self._deadline: datetime | None = None

    # -- observation ------------------------------------------------------------------

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Called after every change, on the flow's own thread."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in self._listeners:
            listener()

    @property
    def catalog(self) -> Catalog:
        return self._catalog()

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
            self._end_visit()
        diverted = handler() if handler else None
        self.screen = diverted or target
        self._arm()
        self._changed()

    def _end_visit(self) -> None:
        """Forget the citizen: a new Visit keeps only the kiosk-wide choices."""
        self.visit = Visit(language=self._ui.language)

    # -- citizen's actions ------------------------------------------------------------

    def start(self) -> None:
        self._fire(Event.START)

    def card_read(self, person: Person) -> None:
        """A card was placed. Mid-visit, it starts a new visit: the old one is wiped."""
        def adopt() -> Screen | None:
            pending = self.visit.item if self.screen == Screen.IDENTIFY else None
            language, elderly = self.visit.language, self.visit.elderly
            self.visit = Visit(language=language, elderly=elderly, person=person)
            if pending is not None:
                self._open_form(pending)
                return Screen.FORM
            return None
        self._fire(Event.CARD, adopt)

    def unavailable_reason(self, item: Item) -> str | None:
        """Why `item` cannot be started now (a message code), or None."""
        if item.kind not in SPOOLED_KINDS:
            return "kind_not_offered"
        return None

    def choose(self, code: str) -> None:
        item = self.catalog.item(code)
        if self.unavailable_reason(item) is not None:
            return

        def pick() -> Screen | None:
            self.visit.item = item
            if item.identity != "none" and self.visit.person is None:
                return Screen.IDENTIFY
            self._open_form(item)
            return None
        self._fire(Event.CHOOSE, pick)

    def _open_form(self, item: Item) -> None:
        self.visit.form = Form.for_item(item, self.visit.person)
        self.visit.problems = []

    def set_value(self, name: str, value: str) -> None:
        if self.screen != Screen.FORM or self.visit.form is None:
            return
        self.visit.form.set(name, value)
        self.touch()

    def next(self) -> None:
        def validate() -> Screen | None:
            form = self.visit.form
            assert form is not None
            self.visit.problems = form.problems(self.visit.language, self.today())
            return Screen.FORM if self.visit.problems else None
        self._fire(Event.NEXT, validate)

    def confirm(self) -> None:
        self._fire(Event.CONFIRM, self._submit)

    def _submit(self) -> Screen | None:
        visit = self.visit
        assert visit.item is not None and visit.form is not None
        reason = self._services.gate_reason()
        if reason is not None:
            visit.notice = say(reason, visit.language)
            return Screen.NOTICE
        payload: dict[str, Any] = {
            "item_code": visit.item.code,
            "item_version": visit.item.version,
            "device_id": self._services.device_id,
            "form": visit.form.payload(),
        }
        if visit.person is not None:
            payload["applicant"] = visit.person.applicant()
        try:
            entry = self._services.spool_submission(
                payload, item_code=visit.item.code,
                applicant_id=visit.person.id_number if visit.person else None)
        except Exception:
            log.exception("visit: spooling failed")
            visit.notice = say("spool_write_failed", visit.language)
            return Screen.NOTICE
        log.info("visit: submission spooled as %s", entry.local_ref)
        visit.outcome = Outcome(local_ref=entry.local_ref, created_at=entry.created_at)
        outcome = visit.outcome
        item = visit.item

        def printed(ok: bool, detail: str) -> None:
            outcome.printed, outcome.print_detail = ok, detail
            if self.visit.outcome is outcome:
                self._changed()

        self._services.print_receipt(item, entry, visit.language, printed)
        return None

    def back(self) -> None:
        self._fire(Event.BACK)

    def finish(self) -> None:
        self._fire(Event.FINISH)

    def set_language(self, language: str) -> None:
        """Switch language on any screen without losing the visit."""
        self.visit.language = language
        if self.visit.form is not None and self.visit.problems:
            self.visit.problems = self.visit.form.problems(language, self.today())
        self._rearm()
        self._changed()

    def set_elderly(self, on: bool) -> None:
        self.visit.elderly = on
        self._rearm()
        self._changed()
