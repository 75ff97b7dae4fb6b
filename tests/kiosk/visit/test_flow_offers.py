"""What the screens ask of the flow instead of deciding themselves: what a result
offers to rate or reprint, whether a notice offers a retry, whether an identity may
be typed, and going on past a soft warning."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.catalog.items import parse_catalog
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.forms import rating_levels
from kiosk.visit.person import Person
from kiosk.visit.state import CaseLine

LI = Person(id_type="resident_id", id_number="440106198807210036", name="李明",
            source="id_card_reader", birth_date=date(1988, 7, 21), sex="1")
TEXT = {"zh_CN": "营业执照信息", "en": "Business licence"}
LICENCE = {"code": "TEST-LIC-001", "version": 1, "kind": "submission", "title": TEXT,
           "department": TEXT, "category": "business", "identity": "id_card_or_manual",
           "offline": "spool", "fields": [{"name": "uscc", "type": "string",
                                           "format": "uscc", "label": TEXT,
                                           "required": True}]}


@pytest.fixture
def flow(catalog, services, ui_settings, clock) -> VisitFlow:
    return VisitFlow(lambda: catalog, services, ui_settings, clock=clock)


def submit_senior_card(flow: VisitFlow) -> None:
    flow.card_read(LI)
    flow.choose("TEST-SUB-001")
    flow.set_value("phone", "13800138000")
    flow.set_value("agree", "yes")
    flow.next()
    flow.confirm()


def test_a_result_offers_a_rating_until_the_visit_has_rated(flow) -> None:
    submit_senior_card(flow)
    offer = flow.rating_offer()
    assert offer.open and offer.visit
    assert offer.case(CaseLine(item_code="X", status="completed", case_no="C-1"))
    # a case still in the works has no service yet to rate, however the central numbered it
    for status in ("received", "accepted", "in_review"):
        assert not offer.case(CaseLine(item_code="X", status=status, case_no="C-1"))
    assert not offer.case(CaseLine(item_code="X", status="not_delivered", local_ref="K-1"))
    flow.rate()
    flow.set_value("rating", "5")
    flow.next()
    flow.confirm()
    assert flow.screen == Screen.RESULT
    offer = flow.rating_offer()  # the outcome is itself the rating: nothing more to rate
    assert not offer.open and not offer.visit
    assert not offer.case(CaseLine(item_code="X", status="completed", case_no="C-1"))


def test_a_reprint_is_offered_only_after_printing_failed(flow, services) -> None:
    submit_senior_card(flow)
    [(_doc, done)] = services.printed
    assert not flow.can_print_again  # still printing
    done(False, "paper out")
    assert flow.can_print_again
    flow.print_again()
    assert not flow.can_print_again and len(services.printed) == 2
    flow.finish()
    assert not flow.can_print_again


def test_a_notice_offers_no_retry_where_asking_again_gives_the_same_answer(flow,
                                                                           services) -> None:
    flow.card_read(LI)
    flow.choose("TEST-QRY-001")
    services.settle()  # no central in this test: a refusal, not a lost connection
    assert flow.screen == Screen.NOTICE and not flow.can_retry


def test_typing_an_identity_is_allowed_only_where_the_item_says(
        services, ui_settings, clock) -> None:
    card_only = {**LICENCE, "code": "TEST-LIC-002", "identity": "id_card"}
    licences = parse_catalog({"version": "t2", "items": [LICENCE, card_only]})
    flow = VisitFlow(lambda: licences, services, ui_settings, clock=clock)
    flow.start()
    assert not flow.manual_identity_allowed  # nothing chosen yet
    flow.choose("TEST-LIC-002")
    assert flow.screen == Screen.IDENTIFY and not flow.manual_identity_allowed
    flow.identify_manually(LI.id_number, LI.name)
    assert flow.screen == Screen.IDENTIFY and flow.visit.person is None
    flow.back()
    flow.choose("TEST-LIC-001")
    assert flow.manual_identity_allowed


def test_a_soft_warning_is_confirmed_through_the_flow_and_the_visit_goes_on(
        services, ui_settings, clock) -> None:
    licence = parse_catalog({"version": "t2", "items": [LICENCE]})
    flow = VisitFlow(lambda: licence, services, ui_settings, clock=clock)
    flow.card_read(LI)
    flow.choose("TEST-LIC-001")
    flow.set_value("uscc", "91350100M000100Y44")  # the check character is wrong
    flow.next()
    [problem] = flow.visit.problems
    assert flow.screen == Screen.FORM and problem.warning
    flow.confirm_warning("uscc")
    assert flow.screen == Screen.REVIEW and not flow.visit.problems



def test_a_rating_offers_its_worded_levels_else_every_number_best_first(catalog) -> None:
    assert rating_levels(catalog.item("TEST-EVA-001").fields[0]) == [5, 4, 3, 2, 1]
    worded = {**LICENCE, "kind": "evaluation", "identity": "none", "fields": [
        {"name": "rating", "type": "rating", "label": TEXT, "required": True,
         "options": [{"value": "3", "label": {"zh_CN": "满意"}},
                     {"value": "1", "label": {"zh_CN": "不满意"}}]}]}
    [spec] = parse_catalog({"version": "t3", "items": [worded]}).items[0].fields
    assert rating_levels(spec) == [3, 1]
