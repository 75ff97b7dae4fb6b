"""One number to apply: forms prefilled from the platform's profile, driven through the
flow against the reference central on loopback, offline, late, and against a central
that answers garbage."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import test_flow_kinds as kinds
from flow_services import FlowServices, reachable_strings
from hostile_central import answer, hostile_central
from test_flow_kinds import CHEN, LI, PROGRESS, SENIOR_CARD, WANG, sent_code, type_code

from kiosk.audit.masking import mask_personal, personal_data_in
from kiosk.catalog.items import load_bundled_catalog
from kiosk.uplink.client import CentralClient
from kiosk.visit.availability import KioskStatus
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.profile import prefilled_shown

# the reference central on loopback and a flow that asks it, as for every item kind
central, client, services, flow, no_faults = (kinds.central, kinds.client, kinds.services,
                                              kinds.flow, kinds.no_faults)
RESIDENCE, COMPLAINT = "440106-GAJ-001", "440106-RXB-001"
# What the reference central holds for 王秀英: phone, residence, household (as on her
# card) and employer
WANG_HELD = ("13800138000", "广州市天河区天河北路233号中信广场小区5栋1203房",
             "北京市东城区东华门街道南池子大街12号", "广州市天河区退休人员社会化管理服务中心")


def prefilled(flow: VisitFlow, item_code: str, person=WANG) -> None:
    """Card placed, item chosen: the form is open and the profile asked for."""
    flow.card_read(person)
    flow.choose(item_code)
    assert flow.screen == Screen.FORM


def test_a_card_prefills_the_phone_masked_and_it_is_submitted_once_confirmed(
        flow, services, spool) -> None:
    prefilled(flow, SENIOR_CARD)
    assert flow.visit.form.values["phone"] == ""  # the form is there before the answer
    services.settle()
    form = flow.visit.form
    assert form.values["phone"] == "13800138000"
    assert prefilled_shown(form, "phone") == "138****8000"
    flow.set_value("consent", "yes")
    flow.next()
    assert flow.screen == Screen.FORM  # not confirmed: not submitted silently
    [problem] = flow.visit.problems
    assert (problem.field, problem.code) == ("phone", "prefill_unconfirmed")
    flow.confirm_prefill("phone")
    assert flow.visit.problems == []
    assert prefilled_shown(form, "phone") == "138****8000"  # confirmed, still masked
    flow.next()
    assert flow.screen == Screen.REVIEW
    assert "phone" in flow.visit.form.from_profile  # the review says where it came from
    flow.confirm()
    [entry] = spool.claim_due(10)
    assert entry.payload["form"]["phone"] == "13800138000"
    spooled = json.dumps(entry.payload, ensure_ascii=False)
    assert WANG_HELD[1] not in spooled and WANG_HELD[3] not in spooled  # held, not asked


def test_the_citizen_changes_a_prefilled_value_and_types_their_own(flow, services,
                                                                     spool) -> None:
    prefilled(flow, RESIDENCE)
    services.settle()
    form = flow.visit.form
    assert form.values["address"] == WANG_HELD[1]  # the residence, not the household
    assert prefilled_shown(form, "address") == WANG_HELD[1]  # an address is not masked
    flow.change_prefill("phone")
    assert form.values["phone"] == "" and "phone" not in form.from_profile
    flow.set_value("phone", "13711112222")
    flow.confirm_prefill("address")
    for name, value in (("since", "2020-01-01"), ("reason", "work"), ("consent", "yes")):
        flow.set_value(name, value)
    flow.next()
    assert flow.screen == Screen.REVIEW
    assert set(flow.visit.form.from_profile) == {"address"}
    flow.confirm()
    [entry] = spool.claim_due(10)
    assert entry.payload["form"]["phone"] == "13711112222"
    assert entry.payload["form"]["address"] == WANG_HELD[1]


def test_a_verified_typed_identity_is_prefilled_with_its_code(flow, services,
                                                               central) -> None:
    central.admin("POST", "/clock", json={"advance_s": 61})  # past the last code's wait
    flow.start()
    flow.choose(PROGRESS)
    flow.identify_manually(CHEN.id_number, CHEN.name)
    services.settle()
    type_code(flow, sent_code(central, flow.visit.challenge.challenge_id))
    flow.submit_code()
    flow.back()  # from the progress form to the items, still the same typed citizen
    flow.choose(COMPLAINT)
    assert flow.screen == Screen.FORM
    services.settle()
    assert flow.visit.form.values["phone"] == "13600006666"
    assert prefilled_shown(flow.visit.form, "phone") == "136****6666"


def test_a_typed_identity_without_a_code_is_not_asked_for(flow, services) -> None:
    flow.start()
    flow.choose(COMPLAINT)
    flow.identify_manually(LI.id_number, LI.name)
    assert flow.screen == Screen.FORM
    assert services.posted.empty()  # nothing was asked of the central
    assert flow.visit.form.values["phone"] == "" and not flow.visit.profile_asked


def test_offline_the_form_asks_as_today(flow, services) -> None:
    services.kiosk = KioskStatus(central_online=False)
    prefilled(flow, SENIOR_CARD)
    assert services.posted.empty()
    assert flow.visit.form.values["phone"] == ""
    flow.set_value("phone", "13800138000")
    flow.set_value("consent", "yes")
    flow.next()
    assert flow.screen == Screen.REVIEW


@pytest.mark.parametrize("mode", ["status_503", "status_500", "drop_before", "status_429"])
def test_an_error_leaves_the_form_as_today(flow, services, central, mode) -> None:
    central.fault(operation="applicants_profile", mode=mode)
    prefilled(flow, SENIOR_CARD)
    services.settle()
    assert flow.screen == Screen.FORM and flow.visit.notice == ""
    assert flow.visit.form.values["phone"] == "" and not flow.visit.form.from_profile


def test_a_late_answer_never_overwrites_what_the_citizen_typed(flow, services,
                                                                 central) -> None:
    central.fault(operation="applicants_profile", mode="delay", delay_ms=300)
    prefilled(flow, RESIDENCE)
    flow.set_value("phone", "13711112222")  # typed before the answer came
    services.settle()
    form = flow.visit.form
    assert form.values["phone"] == "13711112222" and "phone" not in form.from_profile
    assert form.values["address"] == WANG_HELD[1]  # untouched: filled, to confirm


def test_an_answer_for_a_visit_that_ended_is_dropped(flow, services, central) -> None:
    central.fault(operation="applicants_profile", mode="delay", delay_ms=300)
    prefilled(flow, SENIOR_CARD)
    flow.card_read(LI)  # the next citizen, before the answer came
    flow.choose(SENIOR_CARD)
    central.admin("DELETE", "/faults")
    services.settle()  # 王秀英's answer: dropped
    services.settle()  # 李明's own
    assert flow.visit.form.values["phone"] == "13912345678"
    assert "13800138000" not in reachable_strings(flow)


def test_nothing_of_the_profile_outlives_the_visit(flow, services, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    prefilled(flow, RESIDENCE)
    services.settle()
    assert flow.visit.profile is not None
    assert WANG_HELD[3] in reachable_strings(flow)  # the employer, held though unused
    flow.back()
    flow.back()
    assert flow.screen == Screen.ATTRACT
    left = reachable_strings(flow)
    assert not set(WANG_HELD) & left
    services.kiosk = KioskStatus(central_online=False)  # the next citizen, with the central away
    prefilled(flow, SENIOR_CARD, person=LI)
    assert flow.visit.form.values["phone"] == "" and flow.visit.profile is None
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not [held for held in WANG_HELD if held in logged]


def test_while_the_visit_lasts_its_profile_is_masked_and_kept_out_of_the_audit_log(
        flow, services) -> None:
    prefilled(flow, RESIDENCE)
    services.settle()
    assert mask_personal(f"employer {WANG_HELD[3]}") == "employer 广*"
    assert personal_data_in(f"note {WANG_HELD[1]}") is not None
    flow.back()
    flow.back()
    assert flow.screen == Screen.ATTRACT
    assert mask_personal(f"employer {WANG_HELD[3]}") == f"employer {WANG_HELD[3]}"


@contextmanager
def hostile_flow(spool, ui_settings, clock, body) -> Iterator[VisitFlow]:
    """A visit at the residence permit form, against a central that answers `body`."""
    with hostile_central() as hostile:
        hostile.queue(answer(200, body))
        client = CentralClient(hostile.url, token="t", connect_timeout=1.0, read_timeout=2.0)
        services = FlowServices(spool, client)
        try:
            flow = VisitFlow(load_bundled_catalog, services, ui_settings, clock=clock)
            prefilled(flow, RESIDENCE)
            services.settle()
            yield flow
        finally:
            services.online.stop()
            client.close()


@pytest.mark.parametrize("body", [
    {"profile": {"phone": 13800138000}},
    {"profile": [{"phone": "13800138000"}]},
    {"cases": [{"case_no": "X1", "status": "received", "item_code": "440106-MZJ-001"}]},
    "13800138000",
    None,
])
def test_a_hostile_centrals_garbage_fills_nothing(spool, ui_settings, clock, body) -> None:
    with hostile_flow(spool, ui_settings, clock, body) as flow:
        assert flow.screen == Screen.FORM and flow.visit.notice == ""
        assert not flow.visit.form.from_profile and flow.visit.profile is None


def test_another_persons_data_and_bad_values_are_not_used(spool, ui_settings, clock) -> None:
    body = {"profile": {"phone": "not a phone", "residence_address": "x" * 101,
                        "id_number": LI.id_number, "name": "李明",
                        "employer": "广州天河软件科技有限公司"}}
    with hostile_flow(spool, ui_settings, clock, body) as flow:
        form = flow.visit.form
        assert form.values["phone"] == "" and form.values["address"] == ""
        assert not form.from_profile
        assert not {LI.id_number, "李明"} & reachable_strings(flow)  # never kept
