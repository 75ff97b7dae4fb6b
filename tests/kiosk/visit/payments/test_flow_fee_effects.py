"""What a citizen and the audit log get from the pay and print handlers, against the
reference central on loopback: the audit event of a paid document that did not print,
the owed notice in the visit's language, a pay screen without a problem saying nothing,
a paid submission that leaves nothing owed when the visit ends, and one the spool could
not keep."""

from __future__ import annotations

from central_time import central_now
from flow_services import FlowServices
from pay_helpers import pay_by_phone, poll, to_the_document_pay_code, to_the_pay_code

from kiosk.catalog.items import load_bundled_catalog
from kiosk.uplink.client import CentralClient
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.messages import say
from kiosk.visit.state import Receipt


def test_paid_and_the_print_failed_the_audit_log_hears_what_is_owed(
        services, ui_settings, clock, central) -> None:
    clock.now = central_now(central.admin_url)
    heard: list[tuple[str, dict]] = []
    flow = VisitFlow(load_bundled_catalog, services, ui_settings, clock=clock,
                     on_event=lambda name, **fields: heard.append((name, fields)))
    payment = to_the_document_pay_code(flow, services)
    pay_by_phone(central.admin_url, payment["payment_id"])
    poll(flow, services, clock)
    services.settle()
    [(_paper, done)] = services.printed
    done(False, "paper out")
    [fields] = [fields for name, fields in heard if name == "payment_undelivered"]
    assert fields == {"payment_id": payment["payment_id"], "item_code": flow.visit.item.code,
                      "amount_fen": 1000, "reason": "print_failed"}


def test_the_owed_notice_is_in_the_visit_s_language(flow, services, central, clock,
                                                    ui_settings) -> None:
    payment = to_the_document_pay_code(flow, services)
    paid = pay_by_phone(central.admin_url, payment["payment_id"])
    poll(flow, services, clock)
    services.settle()
    [(_paper, done)] = services.printed
    done(False, "paper out")
    flow.set_language("en")
    assert flow.owed_notice() == say("pay_undelivered", "en", yuan="10.00",
                                     receipt=paid["receipt_no"], hotline=ui_settings.hotline)


def test_a_pay_screen_without_a_problem_says_nothing(flow, services) -> None:
    to_the_pay_code(flow, services)
    assert flow.screen == Screen.PAY
    assert flow.pay_problem() == ""


def test_a_paid_submission_leaves_nothing_owed_when_the_visit_ends(
        flow, services, spool, central, clock) -> None:
    payment = to_the_pay_code(flow, services)
    pay_by_phone(central.admin_url, payment["payment_id"])
    poll(flow, services, clock)
    assert isinstance(flow.visit.outcome, Receipt)
    assert flow.owed_notice() == ""
    flow.finish()
    assert services.left == [] and spool.unsettled_payments() == []


class SpoolGoneAtThePut(FlowServices):
    """The spool is closed under the put of the paid submission, which then raises."""

    def spool_submission(self, payload, *, item_code, applicant_id, **payment_key):
        self.spool.close()
        return super().spool_submission(payload, item_code=item_code,
                                        applicant_id=applicant_id, **payment_key)


def test_paid_and_the_spool_could_not_keep_it_the_citizen_is_told_the_fee_is_paid(
        spool, ui_settings, clock, central) -> None:
    services = SpoolGoneAtThePut(spool, CentralClient(central.url, token=central.token,
                                                      read_timeout=5.0),
                                 device_id=central.device_id)
    try:
        clock.now = central_now(central.admin_url)
        flow = VisitFlow(load_bundled_catalog, services, ui_settings, clock=clock)
        payment = to_the_pay_code(flow, services)
        pay_by_phone(central.admin_url, payment["payment_id"])
        poll(flow, services, clock)
        assert flow.screen == Screen.NOTICE
        assert flow.visit.notice == say("pay_spool_failed", flow.visit.language)
    finally:
        services.online.stop()
        services.client.close()
