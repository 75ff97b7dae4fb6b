"""A fee through the real window, devices and central, by taps: the pay code shown large
enough to scan in both orientations (and in elderly mode), paid with the demo's phone,
the receipt with its fiscal receipt number; and a fine's bill number typed on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from kiosk.visit.flow import Screen
from ui.offscreen import ORIENTATIONS, show_full_screen_on
from ui.screens.pay import QR_SHARE
from ui.style import MIN_TOUCH_PX
from ui.taps import choose_option, find, tap, tick_every_box, type_text

CARD_FEE, TRAFFIC_FINE = "440106-GAJ-002", "440106-JGJ-001"


def _to_review(qtbot, window, flow, rig, item: str) -> None:
    rig.place_card("wang_xiuying")
    qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
    qtbot.waitUntil(lambda: find(window, "item", item_code=item).isEnabled())
    tap(window, "item", item_code=item)
    if item == CARD_FEE:
        choose_option(window, "reason", "damaged")
    type_text(window, "phone", "13800138000")
    tick_every_box(window)
    tap(window, "next")
    assert flow.screen == Screen.REVIEW


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_the_pay_code_is_shown_large_paid_by_phone_and_printed(qtbot, kiosk_session, rig,
                                                               clock, orientation) -> None:
    session = kiosk_session()
    window, flow, core = session.window, session.core.flow, session.core
    show_full_screen_on(window, orientation)
    qtbot.waitUntil(lambda: core.catalogs.source == "cache")
    _to_review(qtbot, window, flow, rig, CARD_FEE)
    flow.set_elderly(True)
    tap(window, "confirm")
    qtbot.waitUntil(lambda: flow.visit.pay is not None and flow.visit.pay.payment is not None)
    qtbot.waitUntil(lambda: find(window, "pay_code").pixmap().width() > 0)
    code = find(window, "pay_code").pixmap()
    shorter = min(window.width(), window.height())
    assert code.width() == code.height() >= shorter * QR_SHARE * 0.9
    cancel = find(window, "cancel")
    assert cancel.height() >= MIN_TOUCH_PX
    bottom = cancel.mapTo(window, QPoint(0, cancel.height())).y()
    assert bottom <= window.height()  # the way out is on screen, not scrolled away

    assert rig.pay_with_phone(flow.visit.pay.payment["payment_id"])
    clock.advance(2)
    qtbot.waitUntil(lambda: flow.screen == Screen.RESULT, timeout=10_000)
    receipt = flow.visit.outcome
    [paper] = rig.printer.wait_for_receipts(1)
    assert receipt.fee[1] in paper.text_path.read_text(encoding="utf-8")


def test_a_fine_takes_its_bill_number_typed_on_screen(qtbot, kiosk_session, rig) -> None:
    session = kiosk_session()
    window, flow, core = session.window, session.core.flow, session.core
    qtbot.waitUntil(lambda: core.catalogs.source == "cache")
    _to_review(qtbot, window, flow, rig, TRAFFIC_FINE)
    tap(window, "confirm")
    assert flow.screen == Screen.PAY
    type_text(window, "reference", "44-01")
    tap(window, "pay_go")
    assert find(window, "problem").text() == flow.pay_problem() != ""
    type_text(window, "reference", "4401061234567890")
    tap(window, "pay_go")
    qtbot.waitUntil(lambda: flow.visit.pay.payment is not None)
    assert find(window, "pay_code").pixmap().width() > 0
    tap(window, "cancel")
    qtbot.waitUntil(lambda: flow.screen == Screen.REVIEW)
