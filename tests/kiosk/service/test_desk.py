"""The technician desk's account of recent events, read from the audit log alone: the
latest few, oldest first, with no more of a visit than its local reference."""

from __future__ import annotations

from kiosk.audit.log import AuditEvent, AuditLog
from kiosk.service.desk import recent_events
from kiosk.service.report_words import shown as shown_in_english


def test_the_latest_events_oldest_first_with_their_local_reference(tmp_path, clock) -> None:
    audit = AuditLog(tmp_path / "audit.jsonl", clock)
    audit.record(AuditEvent.APP_STARTED, version="1", device_id="K0107")
    audit.record(AuditEvent.SUBMISSION_SPOOLED, local_ref="K0107-20261123-0001",
                 item_code="TEST-SUB-001")
    audit.record(AuditEvent.APP_STOPPED)

    shown = recent_events(audit, count=2)

    assert [(happened.event, happened.ref) for happened in shown] == [
        ("submission_spooled", "K0107-20261123-0001"), ("app_stopped", "")]
    assert "TEST-SUB-001" not in shown_in_english(shown)


def test_an_empty_log_shows_none(tmp_path, clock) -> None:
    assert shown_in_english(recent_events(AuditLog(tmp_path / "audit.jsonl", clock))) == "none"
