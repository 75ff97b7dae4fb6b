"""Technician mode through the real window: the hidden gesture, the PIN pad with
its lockout, the service screen's report, a test print, the card and scan tests,
exports of the spool and the recent audit events, and the way out."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from layout_audit import latin_words
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.audit.log import audit_path
from kiosk.core import open_spool
from kiosk.service.technician import hash_pin
from kiosk.visit.flow import Screen
from ui.app import RESTART_EXIT_CODE
from ui.taps import find, tap, visible_texts

PIN = "271828"


def type_pin(window, pin: str) -> None:
    for digit in pin:
        tap(window, f"key_{digit}")
    tap(window, "key_OK")


def on_the_service_screen(kiosk_session, rig):
    """The kiosk's window with a technician logged in by PIN; the window and the flow."""
    technician = rig.settings.technician.model_copy(update={"pin_hash": hash_pin(PIN)})
    session = kiosk_session(rig.settings.model_copy(update={"technician": technician}))
    window, flow = session.window, session.core.flow
    window.show()
    flow.technician()
    type_pin(window, PIN)
    return window, flow


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
    assert core.device_id in texts and "待发送" in texts  # the report in the screen's language

    tap(window, "print_test_page")
    [page_printed] = rig.printer.wait_for_receipts(1)
    assert core.device_id in page_printed.text_path.read_text(encoding="utf-8")
    tap(window, "leave")
    assert flow.screen == Screen.ATTRACT

    flow.set_out_of_service("out_of_service")  # the central's command
    flow.technician()
    assert flow.screen == Screen.TECH_PIN  # still the technician's way in
    clock.advance(timedelta(minutes=10).total_seconds())
    flow.tick()
    assert flow.screen == Screen.ATTRACT  # an abandoned PIN pad times out


def test_device_tests_exports_and_recent_events(kiosk_session, rig, clock, qtbot) -> None:
    with open_spool(rig.settings, clock) as spool:  # one entry the central refused
        spool.put({"item_code": "X", "item_version": 1, "device_id": "x", "form": {}},
                  item_code="X")
        [refused] = spool.claim_due(1)
        spool.mark_dead(refused.id, problem={"status": 422, "title": "bad"})
    window, flow = on_the_service_screen(kiosk_session, rig)

    def shown() -> str:
        return " ".join(visible_texts(window))

    tap(window, "test_card_reader")
    assert "请放上一张证件" in shown()
    rig.place_card("wang_xiuying")
    qtbot.waitUntil(lambda: "读卡成功：居民身份证 1101**********0020" in shown())
    assert "王秀英" not in shown() and "110101195603080020" not in shown()
    assert flow.screen == Screen.TECHNICIAN

    tap(window, "test_scanner")
    rig.scanner.scan("K0107-20261123-0042")
    qtbot.waitUntil(lambda: "扫码成功：19 个字符，回执本机编号" in shown())
    assert "K0107-20261123-0042" not in shown()

    tap(window, "export_dead")
    export = rig.settings.device.state_dir / "export" / "K0107-dead-20261123T030000.jsonl"
    assert f"已将 1 条申请写入 {export.parent}：{export.name}（1 条被拒收）" in shown()
    assert export.stat().st_mode & 0o777 == 0o600
    assert json.loads(export.read_text(encoding="utf-8"))["id"] == refused.id
    clock.advance(1)
    tap(window, "export_undelivered")
    assert "K0107-dead-20261123T030001.jsonl（1 条被拒收）" in shown()

    events = shown()
    # each event by its name, its stable code beside it in small type
    assert "11-23 03:00:00 维护人员登录 <small>technician_login</small>" in events
    assert "technician_action" in events
    kept = [json.loads(line)["fields"] for line in
            audit_path(rig.settings.device.state_dir).read_text(encoding="utf-8").splitlines()
            if json.loads(line)["event"] == "technician_action"]
    assert {"action": "export_dead", "count": 1, "files": export.name} in kept
    assert {"action": "test_card_reader", "status": "ok"} in kept

    tap(window, "leave")
    rig.remove_card()
    rig.place_card("wang_xiuying")  # the technician has gone: a card is a citizen's again
    qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)


def test_an_export_folder_with_no_medium_mounted_is_refused(kiosk_session, rig, tmp_path,
                                                            clock) -> None:
    technician = rig.settings.technician.model_copy(update={
        "pin_hash": hash_pin(PIN), "export_dir": str(tmp_path / "usb")})
    (tmp_path / "usb").mkdir()
    session = kiosk_session(rig.settings.model_copy(update={"technician": technician}))
    window = session.window
    window.show()
    session.core.flow.technician()
    type_pin(window, PIN)

    tap(window, "export_undelivered")

    assert (f"{tmp_path / 'usb'} 未挂载任何介质：请插入并挂载U盘后重试"
            in " ".join(visible_texts(window)))
    assert list((tmp_path / "usb").iterdir()) == []


def test_a_locked_down_kiosk_is_left_only_through_the_service_screen(kiosk_session, rig,
                                                                      qtbot) -> None:
    """The window refuses to close; the technician's restart ends the app with the exit
    status systemd restarts it on, and is audited."""
    technician = rig.settings.technician.model_copy(update={"pin_hash": hash_pin(PIN)})
    session = kiosk_session(rig.settings.model_copy(update={"technician": technician}))
    window, flow = session.window, session.core.flow
    exits: list[int] = []
    session.core.on_restart = lambda: exits.append(RESTART_EXIT_CODE)
    window.lock_down(hide_cursor=False)
    assert not window.close()
    flow.technician()
    type_pin(window, PIN)
    tap(window, "restart_app")
    assert "正在重启" in " ".join(visible_texts(window))
    qtbot.waitUntil(lambda: exits == [RESTART_EXIT_CODE])
    events = [json.loads(line) for line in audit_path(rig.settings.device.state_dir)
              .read_text(encoding="utf-8").splitlines()]
    last = next(e for e in reversed(events) if e["event"] == "technician_action")
    assert last["fields"]["action"] == "restart_app"


def test_a_paid_payment_whose_visit_ended_is_cleared_by_hand(kiosk_session, rig,
                                                              clock) -> None:
    request = {"item_code": "440106-GAJ-003", "amount_fen": 1000,
               "applicant": {"id_type": "resident_id", "id_number": "110101195603080020",
                             "name": "王秀英"}}
    with open_spool(rig.settings, clock) as spool:  # a kiosk killed between paid and print
        for key, payment_id in (("k-1", "PAY-LEFT-1"), ("k-2", "PAY-LEFT-2")):
            spool.keep_payment(key, request)
            spool.payment_answer(key, {"payment_id": payment_id, "status": "paid",
                                       "receipt_no": f"R-{key}"})
    window, _flow = on_the_service_screen(kiosk_session, rig)
    shown = " ".join(visible_texts(window))
    assert "PAY-LEFT-1" in shown and "PAY-LEFT-2" in shown and "已缴费未交付" in shown

    tap(window, "clear_refunded")  # the first one: refunded at the counter
    shown = " ".join(visible_texts(window))
    assert "PAY-LEFT-1 10.00 元：已在窗口退款，已了结" in shown
    assert "PAY-LEFT-1 440106-GAJ-003" not in shown and "PAY-LEFT-2 440106-GAJ-003" in shown
    with open_spool(rig.settings, clock, recover_in_flight=False) as spool:
        assert spool.payment("k-1").state == "cleared"
        assert spool.payment("k-2").state == "paid"  # the other one is not touched
    cleared = [json.loads(line)["fields"] for line in
               audit_path(rig.settings.device.state_dir).read_text(encoding="utf-8")
               .splitlines() if json.loads(line)["event"] == "payment_cleared"]
    assert cleared == [{"payment_id": "PAY-LEFT-1", "item_code": "440106-GAJ-003",
                        "amount_fen": 1000, "receipt_no": "R-k-1", "how": "refunded"}]


def test_what_came_of_each_tap_is_said_in_the_screens_language(kiosk_session, rig) -> None:
    """The line under the buttons after a tap: no English left on a zh_CN screen, but for
    the names and paths that are the same in every language."""
    window, _flow = on_the_service_screen(kiosk_session, rig)
    export_dir = str(rig.settings.device.state_dir / "export")
    for action in ("print_test_page", "test_card_reader", "sync_now", "retry_dead",
                   "refresh_catalog", "export_dead", "export_undelivered"):
        tap(window, action)
        said = re.sub(r"\S+\.jsonl", "", find(window, "hint").text())  # a file's name
        assert said and latin_words(said, export_dir) == [], (action, said)


def test_out_of_service_until_from_the_service_screen(kiosk_session, rig, clock) -> None:
    """Taken out of service with a time back from a few large choices; the idle screen says
    it as it says the central's, and the screen then offers only the way back in."""
    window, flow = on_the_service_screen(kiosk_session, rig)
    tap(window, "out_of_service")
    opening = find(window, "out_of_service_opening").text().replace("\n", " ")
    assert opening == "大厅开门时 08:30"  # at 03:00: this morning's opening
    tap(window, "out_of_service_1h")
    assert "已暂停服务；页面显示预计 2026-11-23 04:00 恢复" in visible_texts(window)
    assert "暂停服务（现场维护人员下令）；页面显示预计 2026-11-23 04:00 恢复" in \
        visible_texts(window)
    tap(window, "leave")
    assert find(window, "out_of_service").text().split("\n")[1] == "预计今天 04:00 恢复服务。"
    flow.technician()
    type_pin(window, PIN)
    tap(window, "in_service")
    assert "已恢复服务" in visible_texts(window)
    tap(window, "leave")
    flow.start()
    assert flow.screen == Screen.CHOOSE


def test_the_choice_of_a_time_back_can_be_cancelled(kiosk_session, rig) -> None:
    window, flow = on_the_service_screen(kiosk_session, rig)
    tap(window, "out_of_service")
    tap(window, "cancel")
    assert flow.out_of_service is None
    tap(window, "out_of_service")  # the actions are back, this one among them
