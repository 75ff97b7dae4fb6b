"""Every word the technician report can hold has its translation on the screen: a phrase,
an audit event or a command the screen did not know would show in English on a Chinese
screen, where the technician at night may read none."""

from __future__ import annotations

from kiosk.audit.log import AuditEvent
from kiosk.service.report_words import ENGLISH, Happened, Phrase
from kiosk.uplink.heartbeat import CommandType
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
