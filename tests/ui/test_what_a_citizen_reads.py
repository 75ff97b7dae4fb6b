"""What a citizen reads, through the real window, devices and reference central: times
in the site's zone on screen and paper alike, identifiers masked as the paper masks
them, only slots still reachable, cases with both numbers and their dated steps, and a
rating's reason tapped from chips."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from central_time import weekday_morning

from kiosk.visit.flow import Screen
from kiosk.visit.state import CasesResult, Receipt
from ui.offscreen import show_full_screen_on
from ui.taps import choose_option, find, tap, tick_every_box, type_text, visible_texts, widgets_in

SENIOR_CARD, CERTIFICATE = "440106-MZJ-001", "440106-SBJ-001"
PROGRESS, BOOKING = "440106-ZWB-003", "440106-ZWB-001"
WANG_ID, WANG_MASKED = "110101195603080020", "1101**********0020"
BERLIN = ZoneInfo("Europe/Berlin")  # neither the central's zone nor the machine's UTC
STAMP = re.compile(r"(?:受理时间|出具时间)\s+(\d{4}-\d{2}-\d{2} \d{2}:\d{2})")


def _session(kiosk_session, rig, time_zone: str = "Asia/Shanghai"):
    device = rig.settings.device.model_copy(update={"time_zone": time_zone})
    session = kiosk_session(rig.settings.model_copy(update={"device": device}))
    show_full_screen_on(session.window, "portrait")
    return session


def _card_and_item(qtbot, session, rig, item_code: str) -> None:
    """王秀英's card on the reader, then the item tapped once the grid offers it."""
    window, flow = session.window, session.core.flow
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")
    rig.place_card("wang_xiuying")
    qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
    qtbot.waitUntil(lambda: find(window, "item", item_code=item_code).isEnabled())
    tap(window, "item", item_code=item_code)


def _stamp(path) -> datetime:
    [when] = STAMP.findall(path.read_text(encoding="utf-8"))
    return datetime.strptime(when, "%Y-%m-%d %H:%M")


def test_receipt_and_certificate_of_one_visit_tell_the_same_site_time(
        qtbot, kiosk_session, rig, clock) -> None:
    # the machine's clock in UTC and moved to a weekday morning with the central's
    clock.now = weekday_morning(rig.central.admin_url).astimezone(UTC)
    session = _session(kiosk_session, rig, "Europe/Berlin")
    window, flow = session.window, session.core.flow
    _card_and_item(qtbot, session, rig, SENIOR_CARD)
    assert find(window, "field_id_number").text() == WANG_MASKED  # read from the card
    # the platform's phone arrives masked; she changes it and types it whole
    qtbot.waitUntil(lambda: find(window, "field_phone").text() == "138****8000")
    tap(window, "prefill_change_phone")
    type_text(window, "phone", "13800138000")
    tick_every_box(window)
    tap(window, "next")
    assert flow.screen == Screen.REVIEW
    texts = " ".join(visible_texts(window))
    assert WANG_MASKED in texts and WANG_ID not in texts and "13800138000" in texts
    tap(window, "confirm")
    receipt = flow.visit.outcome
    assert isinstance(receipt, Receipt)
    site_now = clock.now.astimezone(BERLIN)
    assert f"-{site_now:%Y%m%d}-" in receipt.local_ref  # numbered by the site's day
    tap(window, "finish")

    _card_and_item(qtbot, session, rig, CERTIFICATE)
    choose_option(window, "months", "12")
    tap(window, "next")
    qtbot.waitUntil(lambda: flow.screen == Screen.RESULT)
    assert WANG_ID not in " ".join(visible_texts(window))
    acknowledgement, certificate = rig.printer.wait_for_receipts(2)
    received, issued = _stamp(acknowledgement.text_path), _stamp(certificate.text_path)
    assert received == site_now.replace(tzinfo=None, second=0, microsecond=0)
    assert timedelta(0) <= issued - received <= timedelta(minutes=2)  # not eight hours


def test_only_slots_still_reachable_by_the_kiosks_clock_are_offered(
        qtbot, kiosk_session, rig, clock) -> None:
    central_morning = weekday_morning(rig.central.admin_url)  # the central says 10:00
    clock.now = central_morning + timedelta(minutes=65)  # the kiosk says 11:05
    session = _session(kiosk_session, rig)
    window, flow = session.window, session.core.flow
    _card_and_item(qtbot, session, rig, BOOKING)
    qtbot.waitUntil(lambda: flow.visit.slots is not None)
    listed = [slot.starts_at for slot in flow.visit.slots]
    assert any(start < clock.now for start in listed)  # the central still lists 10:30
    offered = [w for w in widgets_in(window.stack.currentWidget())
               if w.property("action") == "slot"]
    starts = [datetime.strptime(w.property("slot_id"), "%Y%m%d-%H%M")
              .replace(tzinfo=clock.now.tzinfo) for w in offered]
    assert starts and min(starts) >= clock.now + timedelta(minutes=10)
    picked = offered[0].property("slot_id")
    offered[0].click()
    qtbot.waitUntil(lambda: flow.screen == Screen.RESULT)
    ticket = flow.visit.outcome.ticket
    assert ticket.item_code == BOOKING and ticket.slot_id == picked


def _card_of(window, case_no: str):
    return next(w for w in widgets_in(window.stack.currentWidget())
                if w.objectName() == "case" and w.property("case_no") == case_no)


def _texts_of(card) -> list[str]:
    return [w.text() for w in widgets_in(card) if hasattr(w, "text")]


def test_cases_show_both_numbers_dated_steps_and_rate_only_when_finished(
        qtbot, kiosk_session, rig, clock) -> None:
    clock.now = weekday_morning(rig.central.admin_url)
    session = _session(kiosk_session, rig)
    window, flow = session.window, session.core.flow
    _card_and_item(qtbot, session, rig, PROGRESS)
    tap(window, "next")
    qtbot.waitUntil(lambda: flow.screen == Screen.RESULT)
    cases = flow.visit.outcome
    assert isinstance(cases, CasesResult) and len(cases.cases) >= 2
    for case in cases.cases:
        texts = _texts_of(_card_of(window, case.case_no))
        assert any(case.case_no in t for t in texts) and any(case.local_ref in t for t in texts)
        for step in case.timeline:  # every step with its date, in the site's time
            assert any(f"{step.at.astimezone(clock.now.tzinfo):%Y-%m-%d %H:%M}" in t
                       for t in texts)
        rated = [w for w in widgets_in(_card_of(window, case.case_no))
                 if w.property("action") == "rate_case"]
        assert len(rated) == (1 if case.finished else 0), case.status
    assert any(not case.finished for case in cases.cases)  # the one in review: no rating

    finished = next(case for case in cases.cases if case.finished)
    next(w for w in widgets_in(_card_of(window, finished.case_no))
         if w.property("action") == "rate_case").click()
    assert flow.screen == Screen.FORM
    tap(window, "rate_2")
    tap(window, "reason_long_wait")
    tap(window, "reason_machine")
    assert find(window, "field_reason").toPlainText() == "等候时间长；设备有故障"
    assert find(window, "reason_long_wait").text().startswith("✓")  # a mark, not a colour
    tap(window, "reason_machine")  # tapped again: out
    assert flow.visit.form.values["reason"] == "等候时间长"
    tap(window, "next")
    assert flow.screen == Screen.REVIEW and flow.visit.about_case_no == finished.case_no
    tap(window, "confirm")
    qtbot.waitUntil(lambda: flow.visit.outcome.printed is not None)
    assert "不满意" in rig.printer.wait_for_receipts(1)[-1].text_path.read_text(
        encoding="utf-8")
