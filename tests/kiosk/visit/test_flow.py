"""The visit state machine, driven headless with a real spool and a moved clock."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from flow_services import FlowServices, doc_text, reachable_strings

from kiosk.settings.model import Sentences
from kiosk.visit.availability import KioskStatus
from kiosk.visit.flow import TRANSITIONS, Event, Screen, VisitFlow
from kiosk.visit.messages import say
from kiosk.visit.person import Person
from offline_queue import GateLimits, Spool

WANG = Person(id_type="resident_id", id_number="110101195603080020", name="王秀英",
              source="id_card_reader", address="北京市东城区东华门街道南池子大街12号",
              birth_date=date(1956, 3, 8), sex="2")
LI = Person(id_type="resident_id", id_number="440106198807210036", name="李明",
            source="id_card_reader", birth_date=date(1988, 7, 21), sex="1")


@pytest.fixture
def flow(catalog, services, ui_settings, clock) -> VisitFlow:
    return VisitFlow(lambda: catalog, services, ui_settings, clock=clock)


def fill_senior_card(flow: VisitFlow, phone: str = "13800138000") -> None:
    flow.card_read(WANG)
    flow.choose("TEST-SUB-001")
    flow.set_value("phone", phone)
    flow.set_value("agree", "yes")


def test_a_whole_visit_spools_one_submission_and_prints(flow, services, spool) -> None:
    fill_senior_card(flow)
    flow.next()
    assert flow.screen == Screen.REVIEW
    flow.confirm()
    assert flow.screen == Screen.RESULT
    outcome = flow.visit.outcome
    assert outcome is not None and outcome.local_ref.startswith("K0107-20261123-")
    [entry] = spool.claim_due(10)
    assert entry.local_ref == outcome.local_ref
    assert entry.payload["item_code"] == "TEST-SUB-001"
    assert entry.payload["item_version"] == 3
    assert entry.payload["device_id"] == "DEV-TEST-1"
    assert entry.payload["applicant"]["id_number"] == WANG.id_number
    assert entry.payload["form"] == {"name": "王秀英", "id_number": WANG.id_number,
                                     "phone": "13800138000", "agree": True}
    [(doc, done)] = services.printed
    assert outcome.local_ref in doc_text(doc) and outcome.printed is None
    done(True, "")
    assert outcome.printed is True


def test_prefilled_card_fields_are_locked(flow) -> None:
    fill_senior_card(flow)
    with pytest.raises(PermissionError):
        flow.set_value("name", "someone else")


def test_a_bad_phone_keeps_the_form_with_a_message_naming_the_field(flow) -> None:
    fill_senior_card(flow, phone="1380013")
    flow.next()
    assert flow.screen == Screen.FORM
    [problem] = flow.visit.problems
    assert problem.field == "phone"
    assert problem.message.startswith("手机号码")
    flow.set_language("en")
    assert flow.visit.problems[0].message.startswith("Mobile phone")
    flow.set_value("phone", "13800138000")
    flow.next()
    assert flow.screen == Screen.REVIEW


def test_an_item_needing_a_card_asks_for_it_then_opens_the_form(flow) -> None:
    flow.start()
    flow.choose("TEST-SUB-001")
    assert flow.screen == Screen.IDENTIFY
    flow.card_read(LI)
    assert flow.screen == Screen.FORM
    assert flow.visit.form.values["name"] == "李明"


def test_an_online_only_item_cannot_be_started_while_the_central_is_away(flow, services) -> None:
    flow.card_read(LI)
    services.kiosk = KioskStatus(central_online=False)
    reason = flow.unavailable_reason(flow.catalog.item("TEST-QRY-001"))
    assert reason is not None and reason.code == "needs_central"
    assert "网络" in reason.message("zh_CN", flow.now())
    flow.choose("TEST-QRY-001")
    assert flow.screen == Screen.CHOOSE
    assert flow.unavailable_reason(flow.catalog.item("TEST-SUB-001")) is None


def test_an_item_without_identity_needs_no_card(flow) -> None:
    flow.start()
    flow.choose("TEST-EVA-001")
    assert flow.screen == Screen.FORM
    flow.set_value("rating", "5")
    flow.next()
    flow.confirm()
    assert flow.screen == Screen.RESULT


def test_idle_timeout_counts_down_then_ends_the_visit(flow, clock, ui_settings) -> None:
    fill_senior_card(flow)
    clock.advance(ui_settings.idle_timeout_s - ui_settings.countdown_s - 1)
    flow.tick()
    assert flow.countdown() is None
    clock.advance(2)
    flow.tick()
    assert flow.countdown() == ui_settings.countdown_s - 1
    flow.touch()
    assert flow.countdown() is None
    clock.advance(ui_settings.idle_timeout_s)
    flow.tick()
    assert flow.screen == Screen.ATTRACT
    assert flow.visit.person is None and flow.visit.form is None


def test_elderly_mode_gives_more_time(flow, clock, ui_settings) -> None:
    flow.set_elderly(True)
    fill_senior_card(flow)
    clock.advance(ui_settings.idle_timeout_s + 1)
    flow.tick()
    assert flow.screen == Screen.FORM


def test_a_new_card_mid_visit_starts_a_new_visit(flow) -> None:
    fill_senior_card(flow)
    flow.next()
    flow.card_read(LI)
    assert flow.screen == Screen.CHOOSE
    assert flow.visit.person is LI
    assert flow.visit.form is None


def test_a_closed_gate_greys_out_spooled_items_and_refuses_at_confirm(
        catalog, ui_settings, clock, tmp_path) -> None:
    free = {"bytes": 10**12}
    limits = GateLimits(min_free_bytes=10**9)
    with Spool(tmp_path / "s.sqlite3", tmp_path / "s.key", device_prefix="K0107", clock=clock,
               limits=limits, disk_free=lambda: free["bytes"]) as spool:
        flow = VisitFlow(lambda: catalog, FlowServices(spool), ui_settings, clock=clock)
        fill_senior_card(flow)
        flow.next()
        free["bytes"] = 1000  # the disk fills while the citizen reads the review
        flow.confirm()
        assert flow.screen == Screen.NOTICE
        assert "存储空间不足" in flow.visit.notice
        assert spool.stats().pending == 0
        flow.back()
        reason = flow.unavailable_reason(flow.catalog.item("TEST-SUB-001"))
        assert reason is not None and reason.code == "gate_disk_low"
        flow.choose("TEST-SUB-001")
        assert flow.screen == Screen.CHOOSE


def test_stray_events_are_ignored(flow) -> None:
    flow.confirm()
    flow.next()
    flow.finish()
    assert flow.screen == Screen.ATTRACT
    assert all(event != Event.TIMEOUT for (screen, event) in TRANSITIONS
               if screen == Screen.ATTRACT)


def test_no_personal_data_is_reachable_from_the_flow_after_a_visit(flow, clock) -> None:
    fill_senior_card(flow)
    flow.next()
    flow.confirm()
    strings = reachable_strings(flow)
    assert "王秀英" in strings  # the walk does see personal data while the visit lasts
    flow.finish()
    strings = reachable_strings(flow)
    assert not {"王秀英", WANG.id_number, "13800138000"} & strings


def test_the_grid_narrows_by_search_and_category_and_a_new_visit_clears_it(flow) -> None:
    flow.start()
    flow.filter_items(search="senior")
    assert [i.code for i in flow.offered()] == ["TEST-SUB-001"]
    flow.filter_items(search="", category="rating")
    assert [i.code for i in flow.offered()] == ["TEST-EVA-001"]
    flow.filter_items(category=None)
    assert len(flow.offered()) == 3
    flow.filter_items(search="x" * 500)
    assert len(flow.visit.search) == 40
    flow.back()
    flow.start()
    assert flow.visit.search == "" and flow.visit.category is None


def test_every_screen_has_an_instruction_in_every_language(flow) -> None:
    from kiosk.visit.flow import Screen as S

    for screen in S:
        flow.screen = screen
        for language in ("zh_CN", "zh_TW", "en"):
            flow.visit.language = language
            flow.visit.notice = "通知"
            assert flow.instruction(), (screen, language)


def test_the_table_leaves_no_screen_without_a_way_out() -> None:
    visit_screens = set(Screen) - {Screen.ATTRACT, Screen.TECH_PIN, Screen.TECHNICIAN}
    for screen in set(Screen) - {Screen.ATTRACT}:
        assert TRANSITIONS[(screen, Event.TIMEOUT)] == {Screen.ATTRACT}, screen
    for screen in visit_screens:
        assert (screen, Event.BACK) in TRANSITIONS or (screen, Event.FINISH) in TRANSITIONS
        card = TRANSITIONS[(screen, Event.CARD)]
        # a card starts a new visit, or on the identify screen (and on the typed identity's
        # code) opens the item it waited for
        if screen in (Screen.IDENTIFY, Screen.VERIFY):
            assert Screen.FORM in card and Screen.ATTRACT not in card
        else:
            assert card == {Screen.CHOOSE}, screen
    assert {screen for screen, _event in TRANSITIONS} == set(Screen)  # none is a dead end


def test_out_of_service_names_the_nearest_alternative_in_the_visits_language(
        catalog, services, ui_settings, clock) -> None:
    nearby = Sentences(zh_CN="最近的自助服务点：天河区政务服务中心一楼",
                       en="Nearest alternative: Tianhe Service Centre, ground floor")
    flow = VisitFlow(lambda: catalog, services, ui_settings, clock=clock, alternative=nearby)
    assert flow.out_of_service_notice() is None

    flow.set_out_of_service("out_of_service")

    closed = say("out_of_service", "zh_CN")
    assert flow.out_of_service_notice() == f"{closed}\n{nearby.zh_CN}"
    assert flow.instruction() == flow.out_of_service_notice()  # read out in elderly mode
    flow.set_language("en")
    assert flow.out_of_service_notice().endswith("\n" + nearby.en)
    flow.set_language("zh_TW")  # no sentence of its own: the zh_CN one
    assert flow.out_of_service_notice().endswith("\n" + nearby.zh_CN)


def test_without_an_alternative_the_notice_says_only_why(flow) -> None:
    flow.set_out_of_service("out_of_service")
    assert flow.out_of_service_notice() == say("out_of_service", "zh_CN")


class SpoolThatFailsAtThePut(FlowServices):
    """The spool is gone as the submission is written: closed under the put, which raises."""

    def spool_submission(self, payload, *, item_code, applicant_id, **payment_key):
        self.spool.close()
        return super().spool_submission(payload, item_code=item_code,
                                        applicant_id=applicant_id, **payment_key)


def test_a_submission_the_spool_could_not_keep_tells_the_citizen_and_the_journal(
        catalog, spool, ui_settings, clock, caplog) -> None:
    flow = VisitFlow(lambda: catalog, SpoolThatFailsAtThePut(spool), ui_settings, clock=clock)
    fill_senior_card(flow)
    flow.next()
    flow.confirm()
    assert flow.screen == Screen.NOTICE
    assert flow.visit.notice == say("spool_write_failed", flow.visit.language)
    assert flow.visit.outcome is None
    [record] = [r for r in caplog.records if r.name == "kiosk.visit.flow"]
    assert (record.levelno, record.getMessage()) == (logging.ERROR, "visit: spooling failed")
    assert record.exc_info is not None  # the technician reads why


def test_the_journal_names_what_was_spooled_and_as_what(flow, caplog) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.visit.flow")
    fill_senior_card(flow)
    flow.next()
    flow.confirm()
    spooled = [r.getMessage() for r in caplog.records if r.name == "kiosk.visit.flow"]
    assert spooled == [f"visit: submission spooled as {flow.visit.outcome.local_ref}"]


def test_a_receipt_that_printed_is_not_printed_again(flow, services) -> None:
    fill_senior_card(flow)
    flow.next()
    flow.confirm()
    [(_paper, done)] = services.printed
    done(True, "")
    assert not flow.can_print_again
    flow.print_again()
    assert len(services.printed) == 1
