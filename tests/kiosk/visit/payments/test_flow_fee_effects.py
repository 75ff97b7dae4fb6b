"""What a citizen and the audit log get from the pay and print handlers, against the
reference central on loopback: the audit event of a paid document that did not print,
the owed notice in the visit's language, a pay screen without a problem saying nothing,
and a paid submission that leaves nothing owed when the visit ends."""

from __future__ import annotations

from central_time import central_now
from pay_helpers import pay_by_phone, poll, to_the_document_pay_code, to_the_pay_code

from kiosk.catalog.items import load_bundled_catalog
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
