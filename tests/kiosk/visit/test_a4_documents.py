"""A visit for an item printed on A4, against the reference central on loopback: the
document is fetched and verified in the same wait, the verified bytes go to the A4
printer, then a slip names them; a document that fails verification prints nothing."""

from __future__ import annotations

import hashlib
import queue
from datetime import date

import pytest
import requests
from central_time import central_now
from flow_services import FlowServices, doc_text

from kiosk.catalog.items import load_bundled_catalog
from kiosk.printing.a4 import A4Jobs, A4Outcome, NoA4Printer
from kiosk.uplink.client import CentralClient
from kiosk.visit.availability import KioskStatus
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.messages import say
from kiosk.visit.person import Person
from kiosk.visit.state import DocumentResult
from rig.demo import CentralProcess, central_with_kiosk

SOCIAL_A4, LICENCE_A4, SOCIAL_SLIP = "440106-SBJ-002", "440106-SCJ-002", "440106-SBJ-001"
WANG = Person(id_type="resident_id", id_number="110101195603080020", name="王秀英",
              source="id_card_reader", birth_date=date(1956, 3, 8), sex="2")


class Enrolled:
    def __init__(self, process: CentralProcess, token: str, ca_pem: str | None) -> None:
        self.process, self.token, self.ca_pem = process, token, ca_pem

    def admin(self, method: str, path: str, **kwargs) -> requests.Response:
        reply = requests.request(method, self.process.admin_url + path, timeout=5, **kwargs)
        reply.raise_for_status()
        return reply


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    with central_with_kiosk(tmp_path_factory.mktemp("central"), "TEST-A4") as (process,
                                                                              credentials):
        yield Enrolled(process, credentials.token, credentials.document_ca_pem)


@pytest.fixture
def services(spool, central):
    client = CentralClient(central.process.url, token=central.token, read_timeout=5.0)
    made = FlowServices(spool, client, document_ca_pem=central.ca_pem)
    yield made
    made.online.stop()
    client.close()


@pytest.fixture
def flow(services, ui_settings, clock, central) -> VisitFlow:
    clock.now = central_now(central.process.admin_url)
    return VisitFlow(load_bundled_catalog, services, ui_settings, clock=clock,
                     on_event=lambda name, **fields: services.events.append((name, fields)))


@pytest.fixture(autouse=True)
def events(services):
    services.events = []


def ask_for_the_a4_record(flow: VisitFlow, services: FlowServices) -> None:
    flow.card_read(WANG)
    flow.choose(SOCIAL_A4)
    flow.set_value("months", "12")
    flow.next()
    assert flow.screen == Screen.WORKING
    services.settle()


def test_the_verified_document_goes_to_the_a4_printer_then_its_slip(flow, services) -> None:
    ask_for_the_a4_record(flow, services)
    assert flow.screen == Screen.RESULT
    outcome = flow.visit.outcome
    assert isinstance(outcome, DocumentResult) and outcome.a4 is not None
    [(document, a4_done)] = services.a4_printed
    assert hashlib.sha256(document.pdf).hexdigest() == outcome.document.pdf.sha256
    assert services.printed == []  # no slip before the sheets are out
    a4_done(A4Outcome(True))
    [(slip, slip_done)] = services.printed
    text = doc_text(slip)
    assert outcome.document.document_no in text and "社会保险参保缴费证明" in text
    assert "王秀英" not in text  # the slip names the document, not its content
    slip_done(True, "")
    assert outcome.printed is True


def test_an_a4_job_that_fails_prints_no_slip_and_offers_to_try_again(flow, services) -> None:
    ask_for_the_a4_record(flow, services)
    [(_document, a4_done)] = services.a4_printed
    a4_done(A4Outcome(False, "media-empty"))
    assert services.printed == []
    outcome = flow.visit.outcome
    assert outcome.printed is False and outcome.print_detail == "media-empty"
    assert flow.can_print_again
    flow.print_again()
    assert len(services.a4_printed) == 2


def test_a_document_signed_by_no_one_the_kiosk_trusts_is_not_printed(
        flow, services, tmp_path) -> None:
    from central.document_certs import make_document_certs

    services.document_ca_pem = make_document_certs(tmp_path).ca_cert.read_text()
    ask_for_the_a4_record(flow, services)
    assert flow.screen == Screen.NOTICE
    assert flow.visit.notice == say("document_unverified", "zh_CN")
    assert services.a4_printed == [] and services.printed == []
    assert ("document_refused", {"item_code": SOCIAL_A4,
                                 "reason": "untrusted_signer"}) in services.events
    assert not flow.can_retry


def test_a_kiosk_enrolled_before_documents_were_signed_offers_no_a4_item(flow,
                                                                        services) -> None:
    services.kiosk = KioskStatus(a4_reason="a4_no_document_ca")
    item = flow.catalog.item(SOCIAL_A4)
    assert flow.unavailable_reason(item).code == "a4_no_document_ca"
    assert flow.unavailable_reason(flow.catalog.item(SOCIAL_SLIP)) is None
    flow.card_read(WANG)
    flow.choose(SOCIAL_A4)
    assert flow.screen != Screen.FORM and services.a4_printed == []


def test_even_if_offered_a_kiosk_without_a_document_ca_prints_nothing(flow, services) -> None:
    services.document_ca_pem = None
    ask_for_the_a4_record(flow, services)
    assert flow.screen == Screen.NOTICE
    assert ("document_refused", {"item_code": SOCIAL_A4,
                                 "reason": "no_document_ca"}) in services.events
    assert services.a4_printed == []


def test_a_typed_identity_gets_an_e_licence_only_with_the_code(flow, services,
                                                               central) -> None:
    central.admin("POST", "/clock", json={"advance_s": 61})
    flow.start()
    flow.choose(LICENCE_A4)
    assert flow.screen == Screen.IDENTIFY
    flow.identify_manually("440106198807210036", "李明")
    services.settle()
    assert flow.screen == Screen.VERIFY
    messages = central.admin("GET", "/outbox").json()["messages"]
    code = next(m["code"] for m in messages
                if m["challenge_id"] == flow.visit.challenge.challenge_id)
    for key in code:
        flow.code_key(key)
    flow.submit_code()
    flow.set_value("uscc", "91350100M000100Y43")
    flow.next()
    services.settle()
    assert flow.screen == Screen.RESULT
    [(document, _done)] = services.a4_printed
    assert document.document_no == flow.visit.outcome.document.document_no


def test_without_an_a4_printer_nothing_pretends_to_print() -> None:
    posted: queue.Queue = queue.Queue()
    jobs = A4Jobs(NoA4Printer(), post=posted.put)
    try:
        assert jobs.output.not_ready() == "a4_not_fitted"
        outcomes: list[A4Outcome] = []
        jobs.submit(None, outcomes.append)  # type: ignore[arg-type]
        posted.get(timeout=10)()
    finally:
        jobs.stop()
    assert outcomes == [A4Outcome(False, "no A4 printer fitted")]
    for language in ("zh_CN", "zh_TW", "en"):
        assert say("a4_not_fitted", language) != say("a4_no_document_ca", language)
