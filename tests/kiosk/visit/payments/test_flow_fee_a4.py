"""A fee paid before a document printed on A4, driven through the flow against the reference
central and a real cupsd on loopback: paid, the document asked for, its signed PDF fetched
and verified, the job completed by CUPS, the slip naming the fee and the fiscal receipt
number, the payment delivered; and paid, then nothing out of the A4 printer (a queue
stopped, one rejecting jobs, a printer that never finishes) or a document tampered with on
the way: the citizen is told the receipt number and the hotline, the audit log hears of it,
the payment stays paid for the desk, and trying again in the visit charges nothing more."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from central_time import central_now
from cups_queues import BOUND, SteppedTime
from flow_services import FlowServices, doc_text
from hostile_central import HostileCentral, hostile_central, relay
from pay_helpers import (
    SEALED_RECORD,
    pay_by_phone,
    poll,
    to_the_document_pay_code,
)

from drivers.a4 import A4Printer
from drivers.a4.printer import CANCELED, COMPLETED
from kiosk.audit.log import AuditLog
from kiosk.catalog.items import load_bundled_catalog
from kiosk.printing.a4 import A4Jobs
from kiosk.printing.a4_cups import CupsA4Output
from kiosk.service.payments import to_clear
from kiosk.uplink.client import CentralClient
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.state import DocumentResult

FEE_FEN = 500


@dataclass
class A4Queue:
    """A queue on the test's cupsd and the kiosk's printer on it."""

    name: str
    printer: A4Printer


@pytest.fixture
def audit(tmp_path, clock) -> Iterator[AuditLog]:
    log = AuditLog(tmp_path / "audit.log", clock)
    yield log
    log.close()


def audited(audit: AuditLog) -> str:
    return audit.path.read_text(encoding="utf-8")


@pytest.fixture
def ready_queue(cupsd, pdf_queue) -> A4Queue:
    name, _out = pdf_queue
    return A4Queue(name, A4Printer(name, server=cupsd.server, job_timeout_s=BOUND,
                                   poll_s=0.05))


def kiosk_on(spool, url: str, central, queue: A4Queue) -> FlowServices:
    """The flow's services on `url` (the central, or a double in front of it), printing A4
    on `queue` through the kiosk's own CUPS output."""
    made = FlowServices(spool, CentralClient(url, token=central.token, read_timeout=10.0),
                        device_id=central.device_id, document_ca_pem=central.document_ca_pem)
    made.a4_jobs = A4Jobs(CupsA4Output(queue.printer, queue.printer.read_status),
                          made.posted.put)
    return made


def stopped(made: FlowServices) -> None:
    made.online.stop()
    made.client.close()
    made.a4_jobs.stop()


def flow_for(made: FlowServices, ui_settings, clock, central, audit) -> VisitFlow:
    clock.now = central_now(central.admin_url)
    return VisitFlow(load_bundled_catalog, made, ui_settings, clock=clock,
                     on_event=audit.try_record_named)


def paid(flow: VisitFlow, services: FlowServices, central, clock,
         meanwhile: Callable[[], None] = lambda: None) -> dict:
    """The sealed record's fee paid by phone (then `meanwhile`), the kiosk hears "paid" and
    its question for the document is answered; the payment, as paid."""
    payment = to_the_document_pay_code(flow, services, SEALED_RECORD)
    assert payment["amount_fen"] == FEE_FEN
    done = pay_by_phone(central.admin_url, payment["payment_id"])
    meanwhile()
    poll(flow, services, clock)
    assert flow.screen == Screen.WORKING
    services.settle()  # the document and its verified PDF
    return done


def completed(jobs: dict[int, dict]) -> list[int]:
    return [job_id for job_id, job in jobs.items() if job["job-state"] == COMPLETED]


def unfinished(jobs: dict[int, dict]) -> list[int]:
    """Jobs CUPS could still print (pending, held, processing or stopped)."""
    return [job_id for job_id, job in jobs.items() if job["job-state"] < CANCELED]


def queries(central) -> int:
    return central.admin("GET", "/counters").json()["requests_by_operation"].get("queries", 0)


def payments_opened(central) -> int:
    return sum(central.payments().values())


def test_paid_the_signed_document_comes_out_of_cups_and_its_slip_names_the_fee(
        spool, central, cupsd, jobs_of, ready_queue, ui_settings, clock, audit) -> None:
    services = kiosk_on(spool, central.url, central, ready_queue)
    try:
        flow = flow_for(services, ui_settings, clock, central, audit)
        asked = queries(central)
        payment = to_the_document_pay_code(flow, services, SEALED_RECORD)
        poll(flow, services, clock)
        assert flow.screen == Screen.PAY and queries(central) == asked  # not before paid
        done = pay_by_phone(central.admin_url, payment["payment_id"])
        poll(flow, services, clock)
        services.settle()
        assert flow.screen == Screen.RESULT and queries(central) == asked + 1
        outcome = flow.visit.outcome
        assert isinstance(outcome, DocumentResult) and outcome.a4 is not None
        assert outcome.fee == (FEE_FEN, done["receipt_no"])  # what the result screen shows
        services.settle()  # CUPS completed the job: only now the slip
        [job_id] = completed(jobs_of(ready_queue.name))
        sent = cupsd.spooled_document(job_id)
        assert hashlib.sha256(sent).hexdigest() == outcome.document.pdf.sha256
        [(slip, slip_done)] = services.printed
        text = doc_text(slip)
        assert done["receipt_no"] in text and "5.00" in text
        assert outcome.document.document_no in text
        slip_done(True, "")
        kept = spool.payment(flow.visit.pay.key)
        assert (kept.state, kept.local_ref) == ("delivered", outcome.document.document_no)
        assert "payment_undelivered" not in audited(audit)
        flow.finish()
        assert services.left == [] and spool.unsettled_payments() == []
    finally:
        stopped(services)


def test_a_slip_that_fails_after_the_sheets_settles_the_fee_and_prints_again_alone(
        spool, central, jobs_of, ready_queue, ui_settings, clock, audit) -> None:
    """The certificate is what the fee paid for: once CUPS has completed it the fee is
    settled, whatever the receipt printer then does, and printing again gives the slip,
    never a second certificate."""
    services = kiosk_on(spool, central.url, central, ready_queue)
    try:
        flow = flow_for(services, ui_settings, clock, central, audit)
        paid(flow, services, central, clock)
        services.settle()  # CUPS completed the job
        outcome = flow.visit.outcome
        [(_slip, slip_done)] = services.printed
        slip_done(False, "paper out")
        assert outcome.printed is False and flow.can_print_again
        assert spool.payment(flow.visit.pay.key).state == "delivered"
        assert flow.owed_notice() == "" and "payment_undelivered" not in audited(audit)

        flow.print_again()  # the slip alone: no A4 job to wait for
        [(_first, _), (again, again_done)] = services.printed
        assert outcome.document.document_no in doc_text(again)
        again_done(True, "")
        assert outcome.printed is True
        assert len(completed(jobs_of(ready_queue.name))) == 1  # one certificate only
        flow.finish()
        assert services.left == [] and spool.unsettled_payments() == []
    finally:
        stopped(services)


def _stop(cupsd, queue: A4Queue) -> None:
    cupsd.connection().disablePrinter(queue.name, reason="toner swap")


def _reject(cupsd, queue: A4Queue) -> None:
    cupsd.connection().rejectJobs(queue.name, reason="moving the printer")


@pytest.fixture(params=["stopped", "rejecting", "never_finishing"])
def failing(request, cupsd) -> tuple[A4Queue, Callable[[], None]]:
    """A queue whose job never completes, and what breaks it once the fee is paid."""
    if request.param == "never_finishing":
        name = request.getfixturevalue("silent_queue")
        time_ = SteppedTime()  # the job's time runs out on the kiosk's waits, not a clock
        printer = A4Printer(name, server=cupsd.server, job_timeout_s=30, poll_s=1.0,
                            clock=time_, wait=time_.wait)
        return A4Queue(name, printer), lambda: None
    queue = request.getfixturevalue("ready_queue")
    breaks = _stop if request.param == "stopped" else _reject
    return queue, lambda: breaks(cupsd, queue)


def test_paid_and_nothing_came_out_the_citizen_has_the_receipt_number_and_is_charged_once(
        spool, central, jobs_of, failing, ui_settings, clock, audit) -> None:
    queue, breaks = failing
    services = kiosk_on(spool, central.url, central, queue)
    try:
        flow = flow_for(services, ui_settings, clock, central, audit)
        done = paid(flow, services, central, clock, meanwhile=breaks)
        services.settle()  # the A4 job ended, and not well
        outcome = flow.visit.outcome
        assert flow.screen == Screen.RESULT and outcome.printed is False
        assert services.printed == [] and flow.can_print_again  # no slip for no document
        assert completed(jobs_of(queue.name)) == []
        assert unfinished(jobs_of(queue.name)) == []  # nothing left to come out later
        owed = flow.owed_notice()
        assert done["receipt_no"] in owed and ui_settings.hotline in owed
        assert "5.00" in owed
        said = audited(audit)
        assert "payment_undelivered" in said and done["payment_id"] in said
        key = flow.visit.pay.key
        assert spool.payment(key).state == "paid"

        opened = payments_opened(central)
        flow.print_again()  # the citizen tries again: the same document, no new fee
        services.settle()
        assert outcome.printed is False and completed(jobs_of(queue.name)) == []
        assert unfinished(jobs_of(queue.name)) == []
        assert payments_opened(central) == opened and spool.payment(key).state == "paid"

        flow.finish()  # the citizen leaves with the number: the desk has the payment
        assert services.left == [key]
        assert [r.payment_id for r in to_clear(spool)] == [done["payment_id"]]
    finally:
        stopped(services)


def test_paid_the_queue_stopped_then_started_again_prints_on_the_same_payment(
        spool, central, cupsd, jobs_of, ready_queue, ui_settings, clock, audit) -> None:
    services = kiosk_on(spool, central.url, central, ready_queue)
    try:
        flow = flow_for(services, ui_settings, clock, central, audit)
        done = paid(flow, services, central, clock,
                    meanwhile=lambda: _stop(cupsd, ready_queue))
        services.settle()
        assert flow.visit.outcome.printed is False
        opened = payments_opened(central)
        cupsd.connection().enablePrinter(ready_queue.name)  # the technician starts it
        flow.print_again()
        services.settle()
        [_job] = completed(jobs_of(ready_queue.name))
        [(slip, slip_done)] = services.printed
        assert done["receipt_no"] in doc_text(slip)
        slip_done(True, "")
        assert spool.payment(flow.visit.pay.key).state == "delivered"
        assert payments_opened(central) == opened
    finally:
        stopped(services)


def one_byte_changed(times: list[int]) -> Callable[[str, bytes], bytes]:
    """The PDF of the first document fetched, with one byte of its producer's name changed
    (the signed bytes, as the document tests tamper with them); everything else as sent."""
    def change(path: str, body: bytes) -> bytes:
        if not path.endswith("/pdf") or times[0] == 0:
            return body
        times[0] -= 1
        at = body.index(b"ReportLab")
        return body[:at] + b"r" + body[at + 1:]
    return change


@pytest.fixture
def in_between(central) -> Iterator[tuple[HostileCentral, list[int]]]:
    """A double in front of the reference central that tampers with the next document."""
    times = [1]
    with hostile_central() as double:
        double.otherwise = relay(central.url, one_byte_changed(times))
        yield double, times


def test_a_document_tampered_with_after_paid_is_refused_and_the_retry_costs_nothing(
        spool, central, jobs_of, ready_queue, ui_settings, clock, audit, in_between) -> None:
    double, times = in_between
    services = kiosk_on(spool, double.url, central, ready_queue)
    try:
        flow = flow_for(services, ui_settings, clock, central, audit)
        done = paid(flow, services, central, clock)
        assert times == [0]  # the PDF the kiosk got was changed on the way
        assert flow.screen == Screen.NOTICE and services.a4_printed == []
        assert done["receipt_no"] in flow.visit.notice
        assert ui_settings.hotline in flow.visit.notice
        said = audited(audit)
        assert "document_refused" in said and "wrong_sha256" in said
        assert "payment_undelivered" in said and done["payment_id"] in said
        key = flow.visit.pay.key
        assert spool.payment(key).state == "paid"

        opened = payments_opened(central)
        flow.back()  # the citizen tries again in the same visit: paid already
        flow.choose(SEALED_RECORD)
        flow.set_value("purpose", "school")
        flow.next()
        assert flow.screen == Screen.WORKING
        services.settle()
        services.settle()  # this time the document is as signed, and CUPS completes it
        assert flow.screen == Screen.RESULT and flow.visit.outcome.printed is None
        [_job] = completed(jobs_of(ready_queue.name))
        [(_slip, slip_done)] = services.printed
        slip_done(True, "")
        assert spool.payment(key).state == "delivered"
        assert payments_opened(central) == opened
    finally:
        stopped(services)
