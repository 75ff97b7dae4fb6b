"""Every word the technician report can hold has its translation on the screen: a phrase,
an audit event or a command the screen did not know would show in English on a Chinese
screen, where the technician at night may read none."""

from __future__ import annotations

from layout_audit import latin_words

from drivers import status as device_status
from drivers.a4 import queue_state as a4_queue_state
from drivers.idcard import line as idcard_line
from drivers.idcard import reader as idcard_reader
from drivers.printer import status as receipt_status
from drivers.scanner import reader as scanner_reader
from drivers.smartcard import monitor as smartcard_monitor
from drivers.status import DeviceState, DeviceStatus
from kiosk.audit.log import AuditEvent
from kiosk.service.payments import payment_phrase
from kiosk.service.report_words import ENGLISH, Happened, Phrase, detail_phrase, device_state
from kiosk.uplink.heartbeat import CommandType
from offline_queue import PaymentRecord
from offline_queue.payments import UNSETTLED
from ui.screens.technician import said
from ui.screens.technician_words import TechnicianWords
from ui.translations import use_language


def test_the_screen_has_words_for_every_phrase_event_and_command(qapp) -> None:
    words = TechnicianWords()
    assert words.phrase_codes == set(ENGLISH)
    assert words.event_codes >= {e.value for e in AuditEvent} | {c.value for c in CommandType}


def test_a_value_is_said_in_the_language_with_its_code_beside_an_event(qapp) -> None:
    spool = Phrase("spool", (3, 0, 12, 1, Phrase("gate_closed", ("disk full",))))
    events = (Happened("11-23 03:00:00", "technician_login"),
              Happened("11-23 03:01:00", "submission_spooled", "K0107-20261123-0001"))
    use_language("zh_CN")
    assert said(spool, TechnicianWords()) == ("待发送 3，发送中 0，已送达 12，被拒收 1；"
                                              "受理闸门关闭：disk full")
    assert said(events, TechnicianWords()).split("<br>") == [
        "11-23 03:00:00 维护人员登录 <small>technician_login</small>",
        "11-23 03:01:00 申请已保存 <small>submission_spooled</small> K0107-20261123-0001"]
    use_language("zh_TW")
    assert said((), TechnicianWords()) == "無"
    use_language("en")
    assert said(spool, TechnicianWords()) == str(spool)  # English, as the log has it


def test_every_payment_state_is_said_in_chinese(qapp) -> None:
    use_language("zh_CN")
    words = TechnicianWords()
    for state in UNSETTLED:
        record = PaymentRecord(key="k-1", item_code="440106-GAJ-003", amount_fen=1000,
                               state=state, created_at="2026-11-23T03:00:00+08:00",
                               payment_id="PAY-1", receipt_no="R-1")
        line = words.phrase(payment_phrase(record))
        assert latin_words(line, "PAY-1", "440106-GAJ-003", "R-1") == [], (state, line)


def driver_details() -> set[str]:
    """Every detail the kiosk's drivers are known to give of the receipt printer, the A4
    printer, the ID-card reader and the smart-card reader: their status constants, and
    the A4 printer's CUPS reasons."""
    modules = (receipt_status, idcard_line, idcard_reader, smartcard_monitor, device_status,
               a4_queue_state)
    found = {value.detail for module in modules for value in vars(module).values()
             if isinstance(value, DeviceStatus) and value.detail}
    found |= {detail for _, detail in (*a4_queue_state.FAULTS, *a4_queue_state.WEAR)}
    found |= {idcard_reader.PORT_UNAVAILABLE, idcard_reader.NOT_ANSWERING}
    found |= {a4_queue_state.device_status(a4_queue_state.QueueState(state, reasons, accepting)
                                           ).detail
              for state in (a4_queue_state.IDLE, a4_queue_state.STOPPED)
              for reasons in ((), ("paused",), ("offline-report",))
              for accepting in (True, False)}
    return found - {""}


def test_every_known_driver_detail_has_its_words_and_keeps_its_english(qapp) -> None:
    details = driver_details()
    assert {"paper out", "paper jam", "line errors", "no smart-card reader"} <= details
    use_language("zh_TW")
    words = TechnicianWords()
    for detail in details:
        phrase = detail_phrase(detail)
        assert phrase.code != "device_says", f"no words for the driver's detail {detail!r}"
        assert str(phrase) == detail  # the log and the heartbeat keep the driver's English
        assert latin_words(words.phrase(phrase)) == [], detail
    for failure in (f"{idcard_reader.SAM_FAILED}: no answer",
                    f"{idcard_reader.FAILING_READS}: FrameError",
                    f"{a4_queue_state.QUEUE_STOPPED}: toner swap",
                    "status read failed: [Errno 5] Input/output error",
                    f"{scanner_reader.NOT_CONNECTED}: [Errno 2] could not open port "
                    "/dev/ttyUSB0: [Errno 2] No such file or directory: '/dev/ttyUSB0'",
                    f"{scanner_reader.DISCONNECTED}: device reports readiness to read but "
                    "returned no data"):
        said = words.phrase(device_state(DeviceStatus(DeviceState.ERROR, failure)))
        assert str(detail_phrase(failure)) == failure
        rest = failure.partition(": ")[2]
        assert rest in said and latin_words(said, rest) == [], said


def test_an_unknown_detail_is_shown_as_the_device_gave_it_and_marked_so(qapp) -> None:
    status = DeviceStatus(DeviceState.ERROR, "fuser-over-temp")  # a CUPS reason not known
    assert str(device_state(status)) == str(status)  # English for the log, as before
    use_language("zh_CN")
    said = TechnicianWords().phrase(device_state(status))
    assert said == "故障（设备原话：“fuser-over-temp”）"
    use_language("en")
    assert TechnicianWords().phrase(device_state(status)) == \
        "out of order (the device says “fuser-over-temp”)"
