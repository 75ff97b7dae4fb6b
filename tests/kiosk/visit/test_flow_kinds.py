"""Every item kind of the bundled catalog, driven through the flow against the
reference central on loopback, online and with the central failing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import requests
from central_time import central_now, weekday_morning
from flow_services import FlowServices, doc_text, enrolled_central, reachable_strings

from drivers.printer import Qr
from kiosk.catalog.items import load_bundled_catalog
from kiosk.uplink.client import CentralClient
from kiosk.visit.answers import CaseStatus
from kiosk.visit.availability import KioskStatus
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.person import Person
from kiosk.visit.state import NOT_DELIVERED, CasesResult, DocumentResult, Receipt, TicketResult
from rig.demo import CentralProcess

SOCIAL_CERT, HOUSING_CERT, BUSINESS = "440106-SBJ-001", "440100-GJJ-001", "440106-SCJ-001"
MEDICAL_CERT, SENIOR_CARD = "440100-YBJ-001", "440106-MZJ-001"
BOOK_WINDOW, QUEUE_TICKET, PROGRESS, RATING = ("440106-ZWB-001", "440106-ZWB-002",
                                               "440106-ZWB-003", "440106-ZWB-004")

WANG = Person(id_type="resident_id", id_number="110101195603080020", name="王秀英",
              source="id_card_reader", address="北京市东城区东华门街道南池子大街12号",
              birth_date=date(1956, 3, 8), sex="2")
LI = Person(id_type="resident_id", id_number="440106198807210036", name="李明",
            source="id_card_reader", birth_date=date(1988, 7, 21), sex="1")
CHEN = Person(id_type="resident_id", id_number="310104199511020041", name="陈晓燕",
              source="id_card_reader", birth_date=date(1995, 11, 2), sex="2")


class Central:
    def __init__(self, process: CentralProcess, token: str) -> None:
        self.process, self.url, self.token = process, process.url, token

    def admin(self, method: str, path: str, **kwargs) -> requests.Response:
        reply = requests.request(method, self.process.admin_url + path, timeout=5, **kwargs)
        reply.raise_for_status()
        return reply

    def fault(self, **spec) -> None:
        self.admin("POST", "/faults", json=spec)

    def now(self) -> datetime:
        return central_now(self.process.admin_url)

    def move_to_weekday_morning(self) -> datetime:
        return weekday_morning(self.process.admin_url)


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    with enrolled_central(tmp_path_factory.mktemp("central"), "TEST-KINDS") as (process,
                                                                            credentials):
        yield Central(process, credentials.token)


@pytest.fixture(autouse=True)
def no_faults(central):
    yield
    central.admin("DELETE", "/faults")


@pytest.fixture
def client(central):
    with_client = CentralClient(central.url, token=central.token, read_timeout=5.0)
    yield with_client
    with_client.close()


@pytest.fixture
def services(spool, client) -> FlowServices:
    yield (made := FlowServices(spool, client))
    made.online.stop()


@pytest.fixture
def flow(services, ui_settings, clock, central) -> VisitFlow:
    clock.now = central.now()  # the kiosk and the central agree on the time
    return VisitFlow(load_bundled_catalog, services, ui_settings, clock=clock)


def apply_for_a_senior_card(flow: VisitFlow, services: FlowServices, person: Person) -> str:
    """One whole spooled application by `person`; returns its local reference."""
    return apply_and_keep_the_receipt(flow, services, person)[0]


def apply_and_keep_the_receipt(flow: VisitFlow, services: FlowServices,
                               person: Person) -> tuple[str, str]:
    """One whole spooled application by `person`, who confirms the phone the platform
    holds; its local reference and what the QR code of the receipt printed for it carries."""
    flow.card_read(person)
    flow.choose(SENIOR_CARD)
    services.settle()  # the platform's profile
    flow.confirm_prefill("phone")
    flow.set_value("address", "广州市天河区天河路1号")
    flow.set_value("consent", "yes")
    flow.next()
    flow.confirm()
    outcome = flow.visit.outcome
    [code] = [block.data for block in outcome.paper.blocks if isinstance(block, Qr)]
    flow.finish()
    return outcome.local_ref, code


def test_a_guessed_token_shows_nothing(flow, services) -> None:
    local_ref = apply_for_a_senior_card(flow, services, LI)  # held in the spool, not yet delivered
    flow.code_scanned(f"{local_ref}.Xq3vN8pLr2TzW5yA7bKc0d")
    services.settle()
    assert flow.screen == Screen.RESULT
    assert flow.visit.outcome.cases == ()


def test_a_bare_reference_tells_the_citizen_to_scan_the_qr_or_use_the_id_card(
        flow, services) -> None:
    local_ref = apply_for_a_senior_card(flow, services, LI)
    flow.code_scanned(local_ref)  # an old receipt's code, or a reference counted to
    assert flow.screen == Screen.NOTICE
    assert "二维码" in flow.visit.notice and "身份证" in flow.visit.notice
    assert flow.visit.outcome is None


def test_a_certificate_is_fetched_shown_and_printed(flow, services) -> None:
    flow.card_read(WANG)
    flow.choose(SOCIAL_CERT)
    assert flow.screen == Screen.FORM
    flow.set_value("months", "12")
    flow.next()
    assert flow.screen == Screen.WORKING
    services.settle()
    assert flow.screen == Screen.RESULT
    outcome = flow.visit.outcome
    assert isinstance(outcome, DocumentResult)
    assert outcome.document.document_no and outcome.document.lines
    [(doc, done)] = services.printed
    assert outcome.document.document_no in doc_text(doc)
    assert "王秀英" in doc_text(doc)
    done(False, "paper out")
    assert outcome.printed is False
    flow.print_again()
    assert outcome.printed is None and len(services.printed) == 2


def test_an_item_without_fields_asks_at_once_and_no_record_is_said_kindly(flow,
                                                                           services) -> None:
    flow.card_read(CHEN)
    flow.choose(MEDICAL_CERT)
    assert flow.screen == Screen.WORKING
    services.settle()
    assert flow.screen == Screen.NOTICE
    assert "没有查到" in flow.visit.notice
    assert flow.visit.retry is None  # asking again would give the same answer
    assert services.printed == []


def test_a_lost_connection_offers_a_retry_that_succeeds(flow, services, central) -> None:
    central.fault(operation="queries", mode="drop_before", sequence=[True])
    flow.card_read(WANG)
    flow.choose(MEDICAL_CERT)
    services.settle()
    assert flow.screen == Screen.NOTICE
    assert "网络" in flow.visit.notice
    flow.retry()
    assert flow.screen == Screen.WORKING
    services.settle()
    assert isinstance(flow.visit.outcome, DocumentResult)


def test_leaving_the_wait_drops_the_late_answer(flow, services, central) -> None:
    central.fault(operation="queries", mode="delay", delay_ms=300)
    flow.card_read(WANG)
    flow.choose(MEDICAL_CERT)
    flow.back()
    assert flow.screen == Screen.CHOOSE
    services.settle()  # the answer arrives after the citizen left the wait
    assert flow.screen == Screen.CHOOSE and flow.visit.outcome is None
    assert services.printed == []


def test_manual_identity_where_the_item_allows_it(flow, services, central) -> None:
    flow.start()
    flow.choose(BUSINESS)
    assert flow.screen == Screen.IDENTIFY
    flow.identify_manually("44010619880721003X", "李明")
    assert flow.screen == Screen.IDENTIFY
    assert [p.field for p in flow.visit.problems] == ["id_number"]
    flow.identify_manually("440106198807210036", "李明")
    assert flow.screen == Screen.WORKING  # a code is sent to the phone the central holds
    services.settle()
    assert flow.screen == Screen.VERIFY
    assert flow.visit.person.source == "manual"
    assert flow.visit.challenge.masked_phone == "139****5678"
    type_code(flow, sent_code(central, flow.visit.challenge.challenge_id))
    flow.submit_code()
    assert flow.screen == Screen.FORM
    flow.set_value("uscc", "91350100M000100Y43")
    flow.next()
    services.settle()
    assert isinstance(flow.visit.outcome, DocumentResult)
    flow.finish()
    assert flow.visit.person is None and flow.visit.challenge is None


def sent_code(central: Central, challenge_id: str) -> str:
    messages = central.admin("GET", "/outbox").json()["messages"]
    return next(m["code"] for m in messages if m["challenge_id"] == challenge_id)


def type_code(flow: VisitFlow, code: str) -> None:
    for key in code:
        flow.code_key(key)


def typed_progress_query(flow: VisitFlow, services, central: Central, person: Person) -> None:
    """A typed citizen asks for their cases, up to the code screen."""
    central.admin("POST", "/clock", json={"advance_s": 61})  # past the last code's wait
    flow.start()
    flow.choose(PROGRESS)
    flow.identify_manually(person.id_number, person.name)
    services.settle()
    assert flow.screen == Screen.VERIFY


def test_a_typed_identity_with_a_wrong_code_sees_no_case(flow, services, central) -> None:
    typed_progress_query(flow, services, central, CHEN)
    right = sent_code(central, flow.visit.challenge.challenge_id)
    type_code(flow, f"{(int(right) + 1) % 10**6:06d}")
    flow.submit_code()
    flow.next()  # the progress form: nothing typed, the citizen's own cases
    services.settle()
    assert flow.screen == Screen.VERIFY and flow.visit.outcome is None
    assert flow.visit.challenge.problem == "verify_code_wrong"
    type_code(flow, right)
    flow.submit_code()
    services.settle()
    assert isinstance(flow.visit.outcome, CasesResult)
    assert [line.status for line in flow.visit.outcome.cases] == [CaseStatus.REJECTED]


def test_a_typed_identity_sees_nothing_held_here_while_the_central_is_down(
        flow, services, central, spool) -> None:
    apply_for_a_senior_card(flow, services, CHEN)  # held in this kiosk's spool
    typed_progress_query(flow, services, central, CHEN)
    type_code(flow, sent_code(central, flow.visit.challenge.challenge_id))
    flow.submit_code()
    central.fault(operation="cases_lookup", mode="status_503")
    flow.next()
    services.settle()
    assert flow.screen == Screen.NOTICE and flow.visit.outcome is None


def test_no_phone_held_or_too_many_codes_say_so_and_point_to_the_card(
        flow, services, central) -> None:
    zhang = Person(id_type="resident_id", id_number="370101194510090055", name="张建国",
                   source="manual")
    flow.start()
    flow.choose(PROGRESS)
    flow.identify_manually(zhang.id_number, zhang.name)
    services.settle()
    assert flow.screen == Screen.NOTICE and "身份证" in flow.visit.notice
    flow.finish()
    typed_progress_query(flow, services, central, LI)
    flow.back()  # "use your ID card": the typed citizen and the code are gone
    assert flow.screen == Screen.IDENTIFY
    assert flow.visit.person is None and flow.visit.challenge is None
    flow.identify_manually(LI.id_number, LI.name)  # again at once: the central says wait
    services.settle()
    assert flow.screen == Screen.NOTICE and "频繁" in flow.visit.notice


def test_manual_identity_is_refused_where_the_card_is_required(flow) -> None:
    flow.start()
    flow.choose(SENIOR_CARD)
    flow.identify_manually("110101195603080020", "王秀英")
    assert flow.screen == Screen.IDENTIFY and flow.visit.person is None


def test_booking_a_slot_is_idempotent_across_a_lost_answer(flow, services, central,
                                                          client) -> None:
    flow.card_read(LI)
    flow.choose(BOOK_WINDOW)
    assert flow.screen == Screen.SLOTS and flow.visit.slots is None
    services.settle()
    for day in flow.booking_days():
        if flow.visit.slots:
            break
        flow.show_day(day)
        services.settle()
    slot = next(s for s in flow.visit.slots if s.remaining > 0)
    central.fault(operation="appointments", mode="drop_after", sequence=[True])
    flow.book(slot.slot_id)
    assert flow.screen == Screen.WORKING
    services.settle()
    assert flow.screen == Screen.NOTICE and flow.visit.retry is not None
    flow.retry()
    services.settle()
    outcome = flow.visit.outcome
    assert isinstance(outcome, TicketResult) and outcome.ticket.slot_id == slot.slot_id
    again = client.book(flow.visit.booking.key, BOOK_WINDOW, LI.applicant(), slot.slot_id)
    assert again["ticket_no"] == outcome.ticket.ticket_no  # one booking, not two
    [(doc, _done)] = services.printed
    assert outcome.ticket.ticket_no in doc_text(doc)


def test_a_queue_ticket_in_hours_then_a_second_one_is_refused(flow, services, central,
                                                             clock) -> None:
    clock.now = central.move_to_weekday_morning()
    flow.card_read(CHEN)
    flow.choose(QUEUE_TICKET)
    services.settle()
    assert flow.can_take_ticket()
    flow.book(None)
    services.settle()
    outcome = flow.visit.outcome
    assert isinstance(outcome, TicketResult) and outcome.ticket.window == "A01"
    flow.finish()
    flow.card_read(CHEN)
    flow.choose(QUEUE_TICKET)
    services.settle()
    flow.book(None)
    services.settle()
    assert flow.screen == Screen.NOTICE and "已有" in flow.visit.notice


def test_items_outside_their_hours_say_when_they_open(flow, clock) -> None:
    clock.now = datetime.fromisoformat("2026-11-24T03:00:00+08:00")  # a Tuesday night
    reason = flow.unavailable_reason(flow.catalog.item(HOUSING_CERT))
    assert reason.code == "closed_until"
    assert reason.message("en", clock.now) == "Not available at this hour; opens 06:00"
    clock.now = datetime.fromisoformat("2026-11-28T18:00:00+08:00")  # Saturday, after 17:00
    reason = flow.unavailable_reason(flow.catalog.item(QUEUE_TICKET))
    assert reason.opens_at == datetime.fromisoformat("2026-11-30T08:30:00+08:00")
    assert reason.message("zh_CN", clock.now) == "现在不在办理时间，11-30 08:30 起可办理"


def test_progress_online_lists_the_central_cases_and_what_the_kiosk_still_holds(
        flow, services) -> None:
    held = apply_for_a_senior_card(flow, services, LI)
    flow.card_read(LI)
    flow.choose(PROGRESS)
    flow.next()
    services.settle()
    outcome = flow.visit.outcome
    assert isinstance(outcome, CasesResult) and not outcome.offline
    statuses = {line.local_ref or line.case_no: line.status for line in outcome.cases}
    assert statuses[held] == NOT_DELIVERED
    assert any(isinstance(s, CaseStatus) for s in statuses.values())  # the seeded case


def test_progress_offline_shows_only_what_this_kiosk_holds(flow, services, central) -> None:
    central.fault(operation="cases_lookup", mode="drop_before")
    flow.card_read(LI)
    flow.choose(RATING)  # a rating holds no applicant: it must not show up as a case
    flow.set_value("rating", "5")
    flow.next()
    flow.confirm()
    flow.finish()
    flow.card_read(LI)
    flow.choose(PROGRESS)
    flow.next()
    services.settle()
    outcome = flow.visit.outcome
    assert isinstance(outcome, CasesResult) and outcome.offline
    assert outcome.cases == ()


def test_a_bad_rating_needs_its_reason_and_a_visit_rates_once(flow, services, spool) -> None:
    flow.start()
    flow.choose(RATING)
    flow.set_value("rating", "2")
    flow.next()
    assert [p.code for p in flow.visit.problems] == ["reason_needed"]
    flow.set_value("reason", "排队太久")
    flow.next()
    flow.confirm()
    outcome = flow.visit.outcome
    assert isinstance(outcome, Receipt) and outcome.rating == 2
    [(doc, _done)] = services.printed
    assert "不满意" in doc_text(doc)
    assert flow.unavailable_reason(flow.catalog.item(RATING)).code == "already_rated"
    [entry] = spool.claim_due(5)
    assert entry.payload["form"] == {"rating": 2, "reason": "排队太久"}
    assert "applicant" not in entry.payload


def test_a_case_can_be_rated_from_the_progress_result(flow, services, spool) -> None:
    flow.card_read(LI)
    flow.choose(PROGRESS)
    flow.next()
    services.settle()
    case_no = next(line.case_no for line in flow.visit.outcome.cases if line.case_no)
    flow.rate(case_no)
    assert flow.screen == Screen.FORM and flow.visit.item.code == RATING
    flow.set_value("rating", "5")
    flow.next()
    flow.confirm()
    [entry] = spool.claim_due(5)
    assert entry.payload["about_case_no"] == case_no


def test_online_items_are_greyed_while_the_central_is_away(flow, services) -> None:
    services.kiosk = KioskStatus(central_online=False)
    assert flow.unavailable_reason(flow.catalog.item(SOCIAL_CERT)).code == "needs_central"
    assert flow.unavailable_reason(flow.catalog.item(PROGRESS)) is None
    services.kiosk = KioskStatus(printer=False)
    assert flow.unavailable_reason(flow.catalog.item(QUEUE_TICKET)).code in (
        "needs_printer", "closed_until")
    assert flow.unavailable_reason(flow.catalog.item(SOCIAL_CERT)).code == "needs_printer"
    assert flow.unavailable_reason(flow.catalog.item(SENIOR_CARD)) is None
    services.kiosk = KioskStatus(id_reader=False)
    assert flow.unavailable_reason(flow.catalog.item(SOCIAL_CERT)).code == "needs_id_reader"
    assert flow.unavailable_reason(flow.catalog.item(BUSINESS)) is None


def test_nothing_of_an_online_visit_is_reachable_after_it_ends(flow, services) -> None:
    flow.card_read(WANG)
    flow.choose(MEDICAL_CERT)
    services.settle()
    document_no = flow.visit.outcome.document.document_no
    flow.finish()
    flow.card_read(WANG)
    flow.choose(PROGRESS)
    flow.next()
    services.settle()
    case_nos = {line.case_no for line in flow.visit.outcome.cases}
    assert "王秀英" in reachable_strings(flow)
    flow.finish()
    services.printed.clear()  # the test's own print log, which a printer does not keep
    left = reachable_strings(flow)
    assert not {"王秀英", WANG.id_number, document_no, *case_nos} & left


def test_a_scanned_receipt_shows_that_one_case_and_a_scan_fills_the_case_number(
        flow, services) -> None:
    local_ref, code = apply_and_keep_the_receipt(flow, services, LI)
    assert code.startswith(f"{local_ref}.")

    flow.code_scanned(code)  # at the start, with nobody identified
    assert flow.screen == Screen.WORKING
    services.settle()
    outcome = flow.visit.outcome
    assert isinstance(outcome, CasesResult)
    assert [(c.local_ref, c.status) for c in outcome.cases] == [(local_ref, NOT_DELIVERED)]
    flow.finish()

    flow.card_read(LI)
    flow.choose(PROGRESS)
    flow.code_scanned(code)  # the receipt's reference goes in the field, its token does not
    assert flow.visit.form.values["case_no"] == local_ref
    flow.code_scanned("44010620261121000002")
    assert flow.visit.form.values["case_no"] == "44010620261121000002"
    flow.code_scanned("x" * 200)  # not a code anyone prints
    assert flow.visit.form.values["case_no"] == "44010620261121000002"
