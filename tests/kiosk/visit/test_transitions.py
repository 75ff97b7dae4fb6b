"""The table is the whole truth: every move a visit makes is in it, every move in it
is one a visit makes, and a move it does not list is refused.

The flow is driven headless down every handler path, over a real spool and a
stand-in central that answers in the contract's shapes (or is down), with
every move recorded as the flow's one moving method checks it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest
from flow_services import FlowServices

import kiosk.visit.flow as flow_module
from kiosk.catalog.items import Catalog, parse_catalog
from kiosk.service.technician import TechnicianGate, hash_pin
from kiosk.uplink.client import CentralError, CentralRejected, CentralUnreachable
from kiosk.visit.availability import KioskStatus
from kiosk.visit.flow import VisitFlow
from kiosk.visit.idle import PAY_IDLE_S
from kiosk.visit.person import Person
from kiosk.visit.transitions import TRANSITIONS, Event, IllegalMove, Screen, checked

LI = Person(id_type="resident_id", id_number="440106198807210036", name="李明",
            source="id_card_reader", birth_date=date(1988, 7, 21), sex="1")
PIN = "314159"
TEXT = {"zh_CN": "测试", "en": "Test"}


def _item(code: str, kind: str, identity: str, *fields: dict) -> dict:
    return {"code": code, "version": 1, "kind": kind, "title": TEXT, "department": TEXT,
            "category": "test", "identity": identity,
            "offline": "spool" if kind in ("submission", "evaluation", "case_status")
            else "unavailable", "fields": list(fields)}


def _field(name: str, kind: str = "string", required: bool = True, **more) -> dict:
    return {"name": name, "type": kind, "label": TEXT, "required": required, **more}


NOW = "2026-11-23T09:00:00+08:00"
MANUAL = "id_card_or_manual"
ITEMS = [
    _item("SUB", "submission", MANUAL, _field("phone", format="phone_cn")),
    _item("SUB0", "submission", MANUAL),
    _item("QRY0", "query_print", MANUAL),
    _item("QRYM", "query_print", MANUAL, _field("months", "integer")),
    _item("APT0", "appointment", MANUAL),
    _item("QRYF", "query_print", "id_card", _field("months", "integer")),
    _item("APTF", "appointment", "id_card", _field("note", required=False)),
    _item("PRG", "case_status", "none", _field("case_no", required=False)),
    _item("PRG0", "case_status", "none"),
    _item("EVA", "evaluation", "none", _field("rating", "rating", minimum=1, maximum=5)),
    {**_item("FEE0", "submission", MANUAL), "offline": "unavailable",
     "fee": {"amount_fen": 2000, "label": TEXT}},
    {**_item("FINE", "submission", MANUAL), "offline": "unavailable",
     "fee": {"amount_fen": 20000, "label": TEXT, "needs_reference": True}},
    # documents paid for before they are asked for
    {**_item("DOC0", "query_print", MANUAL), "fee": {"amount_fen": 1000, "label": TEXT}},
    {**_item("DOCF", "query_print", "id_card", _field("months", "integer")),
     "fee": {"amount_fen": 1000, "label": TEXT, "needs_reference": True}},
    {**_item("DOCR0", "query_print", "id_card"),
     "fee": {"amount_fen": 1000, "label": TEXT, "needs_reference": True}},
]
# the screen each item opens on once the citizen is known
OPENS = {"SUB": Screen.FORM, "SUB0": Screen.REVIEW, "QRY0": Screen.WORKING,
         "APT0": Screen.SLOTS}


class StandInCentral:
    """Answers a visit's questions as the contract shapes them; `down` makes it unreachable."""

    down = False
    refuse_code = False  # a typed citizen's code is wrong

    def _answer(self, body: object) -> object:
        if self.down:
            raise CentralUnreachable("the central is down in this test")
        return body

    def start_challenge(self, applicant):
        return self._answer({"challenge_id": "C" * 22, "masked_phone": "138****0036",
                             "expires_at": NOW})

    def query(self, item_code, applicant, form, verification=None):
        if applicant["source"] == "manual" and (self.refuse_code or verification is None):
            raise CentralRejected(422, {"errors": [{"field": "verification",
                                                    "message": "the code is wrong"}]})
        return self._answer({"document_no": "D-1", "title": TEXT, "issued_at": NOW,
                             "lines": [{"label": TEXT, "value": "12"}]})

    def lookup_cases(self, **query):
        return self._answer([{"case_no": "C-1", "item_code": "SUB", "status": "received",
                              "timeline": [{"at": NOW, "status": "received"}]}])

    def slots(self, item_code, day):
        return self._answer([{"slot_id": "S-1", "starts_at": NOW, "ends_at": NOW,
                              "remaining": 2}])

    paid = False  # what the payment's phone did
    refuse_payment = False

    def _payment(self, status: str) -> object:
        if self.refuse_payment:
            raise CentralRejected(422, {"title": "no such fee"})
        return self._answer({"payment_id": "P-1", "amount_fen": 2000, "pay_code": "P-1",
                             "expires_at": NOW, "receipt_no": "R-1",
                             "status": "paid" if self.paid else status})

    def open_payment(self, key, item_code, applicant, amount_fen, reference=None):
        return self._payment("pending")

    def payment(self, payment_id):
        return self._payment("expired")

    def cancel_payment(self, payment_id):
        return self._payment("cancelled")

    def book(self, key, item_code, applicant, slot_id):
        return self._answer({"ticket_no": "A001", "item_code": item_code, "slot_id": slot_id,
                             "issued_at": NOW})


@dataclass
class AnsweringServices(FlowServices):
    central: StandInCentral = field(default_factory=StandInCentral)
    disk_broken: bool = False

    def keep_payment(self, key: str, request: dict) -> None:
        if self.disk_broken:
            raise OSError("the disk refuses")
        super().keep_payment(key, request)

    def ask(self, question, reply) -> None:
        try:
            answer, error = question(self.central), None
        except CentralError as failure:
            answer, error = None, failure
        self.posted.put(lambda: reply(answer, error))

    def settle(self, count: int = 1) -> None:
        for _ in range(count):
            self.posted.get_nowait()()


@pytest.fixture
def moves(monkeypatch) -> set[tuple[Screen, Event, Screen]]:
    """Every move the flow's moving method is asked to make, in any flow of the test."""
    made: set[tuple[Screen, Event, Screen]] = set()

    def recording(screen: Screen, event: Event, target: Screen) -> Screen:
        made.add((screen, event, target))
        return checked(screen, event, target)
    monkeypatch.setattr(flow_module, "checked", recording)
    return made


@pytest.fixture
def make(spool, ui_settings, clock) -> Callable[[], tuple[VisitFlow, AnsweringServices]]:
    catalog: Catalog = parse_catalog({"version": "t1", "items": ITEMS})
    pin_hash = hash_pin(PIN)

    def made() -> tuple[VisitFlow, AnsweringServices]:
        services = AnsweringServices(spool)
        return VisitFlow(lambda: catalog, services, ui_settings, clock=clock,
                         gate=TechnicianGate(pin_hash)), services
    return made


def reach(flow: VisitFlow, services: AnsweringServices, screen: Screen) -> None:
    """Drive a new flow to `screen` the way a citizen (or a technician) would."""
    steps: dict[Screen, Callable[[], None]] = {
        Screen.ATTRACT: lambda: None,
        Screen.CHOOSE: flow.start,
        Screen.IDENTIFY: lambda: (flow.start(), flow.choose("SUB")),
        Screen.VERIFY: lambda: (flow.start(), flow.choose("QRY0"),
                                flow.identify_manually(LI.id_number, LI.name), services.settle()),
        Screen.FORM: lambda: (flow.card_read(LI), flow.choose("SUB")),
        Screen.REVIEW: lambda: (flow.card_read(LI), flow.choose("SUB0")),
        Screen.WORKING: lambda: (flow.card_read(LI), flow.choose("QRY0")),
        Screen.SLOTS: lambda: (flow.card_read(LI), flow.choose("APT0")),
        Screen.RESULT: lambda: (flow.card_read(LI), flow.choose("SUB0"), flow.confirm()),
        Screen.NOTICE: lambda: (flow.start(), flow.choose("PRG0")),
        Screen.PAY: lambda: (flow.card_read(LI), flow.choose("FEE0"), flow.confirm()),
        Screen.TECH_PIN: flow.technician,
        Screen.TECHNICIAN: lambda: (flow.technician(), flow.enter_pin(PIN)),
    }
    steps[screen]()
    assert flow.screen == screen


def test_every_handler_path_moves_only_as_the_table_says(make, moves, clock,
                                                         ui_settings) -> None:
    _ways_out_of_every_screen(make, clock, ui_settings)
    _each_item_opens_where_the_table_says(make)
    _forms_answers_and_retries(make)
    _the_technician_pin_pad(make)
    _a_typed_identity_and_its_code(make, clock)
    _paying(make, clock)
    _paying_for_a_document(make)
    listed = {(screen, event, target) for (screen, event), targets in TRANSITIONS.items()
              for target in targets}
    assert moves <= listed
    assert listed - moves == set()  # nothing in the table is a move the flow never makes


def _ways_out_of_every_screen(make, clock, ui_settings) -> None:
    leave = {Event.CARD: lambda f: f.card_read(LI), Event.BACK: lambda f: f.back(),
             Event.FINISH: lambda f: f.finish(), Event.START: lambda f: f.start(),
             Event.TECH: lambda f: f.technician(),
             Event.SCAN: lambda f: f.code_scanned("C-1")}
    for (screen, event) in TRANSITIONS:
        if event in leave:
            flow, services = make()
            reach(flow, services, screen)
            leave[event](flow)
            assert flow.screen in TRANSITIONS[(screen, event)], (screen, event)
        if event == Event.SCAN:  # a reference without its receipt's token: told why not
            flow, services = make()
            reach(flow, services, screen)
            flow.code_scanned("K0107-20261123-0001")
            assert flow.screen == Screen.NOTICE, screen
        if event == Event.TIMEOUT:
            flow, services = make()
            reach(flow, services, screen)
            clock.advance(max(ui_settings.elderly_idle_timeout_s,
                              ui_settings.result_timeout_s, PAY_IDLE_S) + 1)
            flow.tick()
            assert flow.screen == Screen.ATTRACT, screen


def _each_item_opens_where_the_table_says(make) -> None:
    for code, opens in OPENS.items():
        for identify in (lambda f: f.card_read(LI),
                         lambda f: f.identify_manually(LI.id_number, LI.name)):
            flow, _services = make()
            flow.start()
            flow.choose(code)
            assert flow.screen == Screen.IDENTIFY
            identify(flow)
            assert flow.screen == opens, code
        flow, _services = make()
        flow.card_read(LI)
        flow.choose(code)  # the citizen already known
        assert flow.screen == opens, code
    flow, _services = make()
    flow.start()
    flow.choose("PRG0")  # a progress query with nothing to ask by
    assert flow.screen == Screen.NOTICE


def _forms_answers_and_retries(make) -> None:
    flow, services = make()
    flow.card_read(LI)
    flow.choose("SUB")
    flow.next()
    assert flow.screen == Screen.FORM and flow.visit.problems
    flow.set_value("phone", "13800138000")
    flow.next()
    flow.back()
    flow.next()
    services.kiosk = KioskStatus(gate_reason="gate_disk_low")  # the disk fills meanwhile
    flow.confirm()
    assert flow.screen == Screen.NOTICE

    flow, services = make()
    reach(flow, services, Screen.RESULT)
    flow.rate()
    assert flow.screen == Screen.FORM and flow.visit.item.code == "EVA"

    for code, value, after in (("QRYF", "months", Screen.WORKING),
                               ("APTF", "note", Screen.SLOTS)):
        flow, services = make()
        flow.card_read(LI)
        flow.choose(code)
        flow.set_value(value, "6")
        flow.next()
        assert flow.screen == after, code

    flow, services = make()
    flow.start()
    flow.choose("PRG")
    flow.next()  # no case number and nobody identified: nothing to ask by
    assert flow.screen == Screen.NOTICE

    flow, services = make()
    services.central.down = True
    flow.card_read(LI)
    flow.choose("QRY0")
    services.settle()
    assert flow.screen == Screen.NOTICE and flow.can_retry
    services.central.down = False
    flow.retry()
    services.settle()
    assert flow.screen == Screen.RESULT

    flow, services = make()
    flow.card_read(LI)
    flow.choose("APT0")
    services.settle()
    flow.book(flow.free_slots()[0].slot_id)
    services.settle()
    assert flow.screen == Screen.RESULT


def _the_technician_pin_pad(make) -> None:
    flow, _services = make()
    flow.technician()
    flow.badge_read("04A1B2C3")
    flow.enter_pin("000000")
    assert flow.screen == Screen.TECH_PIN and flow.visit.notice
    flow, _services = make()
    flow.technician()
    flow.enter_pin(PIN)
    assert flow.screen == Screen.TECHNICIAN


def _type(flow: VisitFlow, code: str) -> None:
    for key in code:
        flow.code_key(key)


def _a_typed_identity_and_its_code(make, clock) -> None:
    flow, services = make()
    reach(flow, services, Screen.VERIFY)
    _type(flow, "12345")
    flow.submit_code()
    assert flow.screen == Screen.VERIFY and flow.visit.challenge.problem == "verify_code_short"
    _type(flow, "6")
    flow.submit_code()
    assert flow.screen == Screen.WORKING
    services.settle()
    assert flow.screen == Screen.RESULT

    flow, services = make()
    reach(flow, services, Screen.VERIFY)
    services.central.refuse_code = True
    _type(flow, "123456")
    flow.submit_code()
    services.settle()
    assert flow.screen == Screen.VERIFY and flow.visit.challenge.code == ""
    services.central.refuse_code = False
    _type(flow, "654321")
    flow.submit_code()  # asked again at once
    assert flow.screen == Screen.WORKING
    services.settle()
    assert flow.screen == Screen.RESULT

    flow, services = make()
    reach(flow, services, Screen.VERIFY)
    flow.resend_code()  # too soon: stays
    assert flow.screen == Screen.VERIFY and flow.resend_in() == 60
    clock.advance(60)
    flow.resend_code()
    assert flow.screen == Screen.WORKING
    services.settle()
    assert flow.screen == Screen.VERIFY

    typed, card = (lambda f: (_type(f, "123456"), f.submit_code())), (lambda f: f.card_read(LI))
    # the code typed, or a card after all: the form, or a document's fee first
    for code, act, after in (("QRYM", typed, Screen.FORM), ("QRYM", card, Screen.FORM),
                             ("DOC0", typed, Screen.PAY), ("DOC0", card, Screen.PAY)):
        flow, services = make()
        flow.start()
        flow.choose(code)
        flow.identify_manually(LI.id_number, LI.name)
        services.settle()
        assert flow.screen == Screen.VERIFY
        act(flow)
        assert flow.screen == after


def test_an_unlisted_move_is_refused_and_the_screen_stays(make) -> None:
    with pytest.raises(IllegalMove, match="start on attract may not lead to result"):
        checked(Screen.ATTRACT, Event.START, Screen.RESULT)
    flow, _services = make()
    flow.start()
    with pytest.raises(IllegalMove):
        flow._fire(Event.CHOOSE, lambda: Screen.RESULT)  # a handler diverting off the table
    assert flow.screen == Screen.CHOOSE


def test_a_pair_not_in_the_table_is_a_stray_tap_and_is_ignored(make) -> None:
    flow, _services = make()
    flow.confirm()
    flow.rate()
    assert flow.screen == Screen.ATTRACT
    assert (Screen.ATTRACT, Event.CONFIRM) not in TRANSITIONS


def _pay_for(make, code: str = "FEE0", **central: bool):
    flow, services = make()
    for name, value in central.items():
        setattr(services.central, name, value)
    flow.card_read(LI)
    flow.choose(code)
    flow.confirm()
    assert flow.screen == Screen.PAY
    return flow, services


def _paying_for_a_document(make) -> None:
    flow, services = make()
    flow.card_read(LI)
    flow.choose("DOC0")  # the citizen known: the fee first
    assert flow.screen == Screen.PAY
    services.settle()
    services.central.paid = True
    flow.back()  # the cancel's answer is "paid": the document is asked for
    services.settle()
    assert flow.screen == Screen.WORKING
    services.settle()
    assert flow.screen == Screen.RESULT and flow.visit.outcome.fee == (1000, "R-1")

    flow, services = make()
    flow.start()
    flow.choose("DOC0")
    flow.card_read(LI)  # identified by the card: the fee first
    assert flow.screen == Screen.PAY
    services.settle()
    flow.back()
    services.settle()  # cancelled: back to the grid, there is no form
    assert flow.screen == Screen.CHOOSE

    flow, services = make()
    flow.card_read(LI)
    flow.choose("DOCF")
    flow.set_value("months", "12")
    flow.next()
    assert flow.screen == Screen.PAY and flow.visit.pay.status == "reference"
    flow.back()  # nothing opened: back to the form
    assert flow.screen == Screen.FORM
    flow.next()
    flow.pay_reference("4401061234567890")
    flow.pay_open()
    services.settle()
    flow.back()
    services.settle()  # cancelled: back to the form
    assert flow.screen == Screen.FORM

    flow, services = make()
    flow.card_read(LI)
    flow.choose("DOCR0")
    flow.back()  # nothing opened, no form: back to the grid
    assert flow.screen == Screen.CHOOSE


def _paying(make, clock) -> None:
    flow, services = _pay_for(make)
    services.settle()  # opened, pending: the code is shown
    assert flow.screen == Screen.PAY and flow.visit.pay.status == "pending"
    services.central.paid = True
    clock.advance(2)
    flow.tick()
    services.settle()
    assert flow.screen == Screen.RESULT

    flow, services = _pay_for(make)
    services.settle()
    clock.advance(2)
    flow.tick()
    services.settle()  # the central says it expired
    assert flow.screen == Screen.NOTICE

    flow, services = _pay_for(make, refuse_payment=True)
    services.settle()
    assert flow.screen == Screen.NOTICE

    flow, services = _pay_for(make)
    flow.back()  # cancel: the code is no longer shown, the answer awaited
    assert flow.screen == Screen.PAY and flow.visit.pay.cancelling
    services.settle(2)  # the open's answer is no longer wanted; the cancel's is
    assert flow.screen == Screen.REVIEW

    flow, services = _pay_for(make, "FINE")
    flow.pay_reference("12")
    flow.pay_open()
    assert flow.screen == Screen.PAY and flow.pay_problem()
    flow.code_scanned("4401061234567890")
    flow.pay_open()
    assert flow.visit.pay.status == "opening"
    flow, services = _pay_for(make, "FINE")
    flow.back()  # nothing opened yet
    assert flow.screen == Screen.REVIEW

    flow, services = _pay_for(make, "FINE")
    services.disk_broken = True
    flow.pay_reference("4401061234567890")
    flow.pay_open()
    assert flow.screen == Screen.NOTICE
