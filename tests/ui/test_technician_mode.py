"""Technician mode through the real window: the hidden gesture, the PIN pad with
its lockout, the service screen's report and a test print, and the way out."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.flow import Screen
from kiosk.technician import hash_pin
from ui.taps import find, tap, visible_texts

PIN = "271828"


def type_pin(window, pin: str) -> None:
    for digit in pin:
        tap(window, f"key_{digit}")
    tap(window, "key_OK")


def test_gesture_pin_lockout_service_screen_and_leave(kiosk_session, rig, clock) -> None:
    technician = rig.settings.technician.model_copy(update={"pin_hash": hash_pin(PIN)})
    session = kiosk_session(rig.settings.model_copy(update={"technician": technician}))
    window, flow, core = session.window, session.core.flow, session.core
    window.show()
    page = window.stack.currentWidget()
    for _ in range(4):
        QTest.mouseClick(page, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert flow.screen == Screen.ATTRACT  # four taps are not the gesture
    QTest.mouseClick(page, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert flow.screen == Screen.TECH_PIN

    type_pin(window, "000000")
    assert flow.screen == Screen.TECH_PIN and "密码错误" in find(window, "problem").text()
    type_pin(window, PIN)  # right, but too soon after the wrong one
    assert flow.screen == Screen.TECH_PIN and "尝试次数过多" in find(window, "problem").text()
    clock.advance(1.5)
    type_pin(window, PIN)
    assert flow.screen == Screen.TECHNICIAN
    texts = " ".join(visible_texts(window))
    assert core.device_id in texts and "pending" in texts

    tap(window, "print_test_page")
    [page_printed] = rig.printer.wait_for_receipts(1)
    assert core.device_id in page_printed.text_path.read_text(encoding="utf-8")
    tap(window, "leave")
    assert flow.screen == Screen.ATTRACT

    flow.set_out_of_service("out_of_service")  # the centre's command
    flow.technician()
    assert flow.screen == Screen.TECH_PIN  # still the technician's way in
    clock.advance(timedelta(minutes=10).total_seconds())
    flow.tick()
    assert flow.screen == Screen.ATTRACT  # an abandoned PIN pad times out
