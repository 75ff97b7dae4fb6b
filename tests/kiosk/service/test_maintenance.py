"""The nightly upkeep: when it runs (once a night, in a window of local time, between
visits) and what it does, over a real spool and audit log, with the clock moved by hand."""

from __future__ import annotations

import json
import logging
import os
import queue
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.audit.log import AuditEvent, AuditLog, tail_lines, verify
from kiosk.audit.masking import VisitNames
from kiosk.core import KioskCore
from kiosk.service.doctor import standard_checks
from kiosk.service.maintenance import STATE_FILE, LastRun, NightlyMaintenance, night_of, quick_check
from kiosk.service.report_words import in_english
from kiosk.settings.model import Settings, load_settings
from offline_queue import Spool

CST = timezone(timedelta(hours=8))
PAYLOAD = {"item_code": "TEST-SUB-001", "item_version": 3, "device_id": "DEV-TEST-1",
           "form": {"phone": "13800138000"}}


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=CST)


def records(path: Path) -> list[dict]:
    """The audit log's records, the rotated files' too."""
    return [json.loads(line) for line in tail_lines(path, 1000)]


def damaged_database(path: Path) -> Path:
    """A SQLite file with some of its pages overwritten, as a failing disk leaves one."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (a TEXT)")
    conn.execute("CREATE INDEX t_a ON t (a)")
    conn.executemany("INSERT INTO t VALUES (?)", [(f"row {n:05d} " * 10,) for n in range(2000)])
    conn.commit()
    conn.close()
    with path.open("r+b") as f:
        for page in (3, 40):
            f.seek(4096 * (page - 1))
            f.write(b"\x0d" + b"\xff" * 11)
    return path


@dataclass
class Night:
    """The upkeep over the test's spool and audit log; catalog refreshes are counted."""

    settings: Settings
    spool: Spool
    audit: AuditLog
    clock: Callable[[], datetime]
    spool_file: Path
    refreshed: list[datetime] = field(default_factory=list)

    def maintenance(self) -> NightlyMaintenance:
        """As the core makes it at each start."""
        return NightlyMaintenance(self.settings, spool=self.spool, spool_file=self.spool_file,
                                  audit=self.audit, clock=self.clock,
                                  refresh_catalog=lambda: self.refreshed.append(self.clock()))


@pytest.fixture
def night(tmp_path: Path, spool: Spool, clock) -> Night:
    settings = load_settings(overrides={
        "device": {"state_dir": str(tmp_path)},
        "maintenance": {"at": "03:30", "window_minutes": 120},
        "audit": {"rotate_mb": 0.0001, "keep_files": 2},  # 104 bytes: every night rotates
    })
    with AuditLog(tmp_path / "audit.jsonl", clock, names=VisitNames()) as audit:
        yield Night(settings, spool, audit, clock, tmp_path / "spool.sqlite3")


def test_it_runs_once_a_night_inside_its_window(night: Night, clock) -> None:
    upkeep = night.maintenance()
    ran = []
    for now in (at(23, 3, 0), at(23, 3, 30), at(23, 4, 0), at(24, 5, 29), at(25, 5, 30),
                at(26, 3, 29), at(26, 3, 31)):
        clock.now = now
        if upkeep.run_if_due(idle=True) is not None:
            ran.append(now)

    assert ran == [at(23, 3, 30), at(24, 5, 29), at(26, 3, 31)]
    assert night.refreshed == ran


def test_a_window_across_midnight_belongs_to_the_night_it_opens() -> None:
    two_hours = timedelta(hours=2)
    assert night_of(at(24, 0, 30), time(23, 30), two_hours) == date(2026, 11, 23)
    assert night_of(at(23, 23, 30), time(23, 30), two_hours) == date(2026, 11, 23)
    assert night_of(at(24, 1, 30), time(23, 30), two_hours) is None


def test_a_visit_in_progress_is_waited_for(night: Night, clock, caplog) -> None:
    upkeep = night.maintenance()
    clock.now = at(23, 3, 31)
    with caplog.at_level(logging.INFO, logger="kiosk.service.maintenance"):
        assert upkeep.run_if_due(idle=False) is None
        assert upkeep.run_if_due(idle=False) is None
    assert [r.message for r in caplog.records].count(
        "maintenance: due; waiting for the visit in progress to end") == 1
    assert night.refreshed == []

    clock.advance(240)  # the visit ends
    assert upkeep.run_if_due(idle=True) is not None


def test_a_restart_after_the_run_does_not_run_it_again(night: Night, clock) -> None:
    clock.now = at(23, 3, 30)
    assert night.maintenance().run_if_due(idle=True) is not None
    clock.advance(60)
    assert night.maintenance().run_if_due(idle=True) is None


def test_it_purges_checkpoints_checks_rotates_refreshes_and_records_counts(
        night: Night, spool: Spool, clock) -> None:
    night.audit.record(AuditEvent.APP_STARTED, version="0.1.0")
    entry = spool.put(PAYLOAD, item_code="TEST-SUB-001", applicant_id="110101195603080020")
    [claimed] = spool.claim_due(1)
    spool.mark_delivered(claimed.id, case_no="44010620261123000005", status="received",
                         received_at=at(23, 3).isoformat())
    retention = night.settings.spool.retention_days
    clock.now = at(23, 3, 30) + timedelta(days=retention, minutes=1)

    done = night.maintenance().run_if_due(idle=True)

    assert done is not None
    assert done.fields() == {"purged": 1, "checkpointed": True, "quick_check": "ok",
                             "audit_rotated_to": "audit.jsonl.0000000001",
                             "audit_files_removed": 0}
    assert spool.get(entry.id).payload is None
    assert spool.receipt_of(entry.local_ref)[0].case_no == "44010620261123000005"
    last = records(night.audit.path)[-1]
    assert last["event"] == "maintenance_done" and last["fields"] == done.fields()
    assert verify(night.audit.path).ok
    assert night.refreshed == [clock.now]
    saved = LastRun.load(night.settings.device.state_dir)
    assert saved == LastRun(night=date(2026, 11, 30), finished_at=clock.now, quick_check="ok")


def test_rotated_files_beyond_the_kept_number_are_deleted(night: Night, clock) -> None:
    upkeep = night.maintenance()
    for day in range(23, 27):
        clock.now = at(day, 3, 30)
        done = upkeep.run_if_due(idle=True)
    assert done is not None and done.audit_files_removed == 1
    assert len(list(night.audit.path.parent.glob("audit.jsonl.0*"))) == 2
    result = verify(night.audit.path)
    assert result.ok and result.first_seq > 1


def test_a_database_failing_its_check_is_reported_everywhere_and_kept(
        night: Night, clock, caplog) -> None:
    night.spool_file = damaged_database(night.spool_file.with_name("damaged.sqlite3"))
    before = night.spool_file.read_bytes()
    clock.now = at(23, 3, 30)

    with caplog.at_level(logging.ERROR, logger="kiosk.service.maintenance"):
        done = night.maintenance().run_if_due(idle=True)

    assert done is not None and "btreeInitPage() returns error code 11" in done.quick_check
    assert night.spool_file.read_bytes() == before  # nothing deleted, nothing repaired
    assert any("fails its check" in r.message and r.levelname == "ERROR"
               for r in caplog.records)
    kept = {r["event"]: r["fields"] for r in records(night.audit.path)}
    assert "btreeInitPage" in kept["spool_check_failed"]["problems"]
    assert kept["maintenance_done"]["quick_check"] == "failed"

    restarted = night.maintenance()  # the state survives a restart, for the heartbeat
    assert "btreeInitPage" in (restarted.spool_problem or "")
    [doctor] = [check for check in standard_checks(night.settings, night.spool, clock)
                if check.__name__ == "check_maintenance"]
    assert not doctor().ok and "spool check FAILED" in doctor().detail

    night.spool_file = night.spool_file.with_name("spool.sqlite3")
    clock.now = at(24, 3, 30)
    upkeep = night.maintenance()
    assert upkeep.run_if_due(idle=True) is not None and upkeep.spool_problem is None
    assert doctor().ok


def test_quick_check_reads_a_live_spool_without_disturbing_it(spool: Spool,
                                                               tmp_path: Path) -> None:
    spool.put(PAYLOAD, item_code="TEST-SUB-001")
    assert quick_check(tmp_path / "spool.sqlite3") == "ok"
    spool.put(PAYLOAD, item_code="TEST-SUB-001")
    assert spool.stats().pending == 2
    assert quick_check(tmp_path / "no-such.sqlite3") == "unable to open database file"
    assert not (tmp_path / "no-such.sqlite3").exists()


def test_an_unreadable_state_file_counts_as_never_run(night: Night, clock) -> None:
    (night.settings.device.state_dir / STATE_FILE).write_text("{", encoding="utf-8")
    clock.now = at(23, 3, 30)
    assert night.maintenance().run_if_due(idle=True) is not None


# --- in the kiosk ----------------------------------------------------------------------------

class Kiosk:
    """A started core whose posted work runs only when the test turns the loop."""

    def __init__(self, settings: Settings, clock) -> None:
        self.posted: queue.Queue[Callable[[], None]] = queue.Queue()
        self.core = KioskCore(settings, clock=clock, post=self.posted.put)
        self.core.start()

    def events(self) -> list[str]:
        return [r["event"] for r in records(self.core.audit.path)]


@pytest.fixture
def kiosk(rig, clock):
    made = Kiosk(rig.settings, clock)
    yield made
    made.core.stop()


def test_the_kiosk_waits_for_the_visit_then_runs_its_upkeep(kiosk: Kiosk, clock) -> None:
    flow = kiosk.core.flow
    clock.now = at(23, 3, 25)
    flow.start()
    clock.now = at(23, 3, 31)
    flow.touch()  # the citizen is still there at 03:31
    assert "maintenance_done" not in kiosk.events()

    flow.back()  # and leaves

    ending = [e for e in kiosk.events() if e in ("visit_ended", "maintenance_done")]
    assert ending == ["visit_ended", "maintenance_done"]
    assert kiosk.core.maintenance.last is not None
    assert kiosk.core.heartbeat_report()["state"] == "in_service"


def test_a_spool_that_failed_its_check_shows_on_the_centrals_screen(rig, clock) -> None:
    LastRun(night=date(2026, 11, 22), finished_at=at(23, 3, 30) - timedelta(days=1),
            quick_check="Page 3: btreeInitPage() returns error code 11").save(
        rig.settings.device.state_dir)
    kiosk = Kiosk(rig.settings, clock)
    try:
        kiosk.core.heartbeat.stop()
        report = kiosk.core.heartbeat_report()
        assert {"name": "spool_database", "kind": "other", "status": "error",
                "detail": "quick_check: Page 3: btreeInitPage() returns error code 11"} \
            in report["peripherals"]
        assert kiosk.core.heartbeat.beat_once()  # the central takes it as the contract says
        assert dict(in_english(kiosk.core.desk.report()))["upkeep"].startswith(
            "last run 2026-11-22 03:30, spool check FAILED: Page 3")
    finally:
        kiosk.core.stop()
    assert os.path.exists(rig.settings.device.state_dir / STATE_FILE)


def test_a_database_set_aside_at_start_is_audited_reported_and_failed_by_the_doctor(
        rig, clock) -> None:
    """The kiosk starts over on an empty spool when its file is damaged; an auditor, the
    central's screen and the technician must all learn of it."""
    database = rig.settings.device.state_dir / "spool.sqlite3"
    database.write_bytes(b"not a database, a damaged one" * 100)
    kiosk = Kiosk(rig.settings, clock)
    try:
        kiosk.core.heartbeat.stop()
        [moved] = kiosk.core.spool.set_aside()
        assert "spool_set_aside" in kiosk.events()
        assert {"name": "spool_database", "kind": "other", "status": "error",
                "detail": f"set aside: {moved.name}"} in kiosk.core.heartbeat_report()[
            "peripherals"]
        assert kiosk.core.heartbeat.beat_once()  # the central takes it as the contract says
        [spool_finding] = [check() for check in standard_checks(
            rig.settings, kiosk.core.spool, clock) if check.__name__ == "check_spool"]
        assert not spool_finding.ok and moved.name in spool_finding.detail
    finally:
        kiosk.core.stop()
