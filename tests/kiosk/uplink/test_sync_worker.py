"""The sync worker's own round, between drains: what it leaves in the spool file, in the
audit log, and how long it then waits.

A round drains, purges delivered entries' personal data once an hour,
checkpoints the write-ahead log into the database, and waits until the next
entry is due (never longer than the interval), or the whole interval after a
401. Each test runs one round on the test's thread, against a central on
loopback and a real spool, and ends it at its wait, keeping how long the
worker would have waited: the wait is the effect, never slept.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hostile_central import HostileCentral, answer, hostile_central
from sync_helpers import put

from kiosk.audit.log import AuditLog, parse_line, tail_lines
from kiosk.settings.model import load_settings
from kiosk.uplink.client import CentralClient
from kiosk.uplink.sync import SyncState, SyncWorker
from offline_queue import EntryState, Spool

DEVICE = "KD-TEST"
RECEIPT = {"case_no": "C-20261123-0001", "status": "received",
           "received_at": "2026-11-23T03:00:00+08:00"}
SYNC = load_settings(overrides={"sync": {"interval_s": 60, "batch_threshold": 5}}).sync


class FirstWait(threading.Event):
    """Stands for one of the worker's events: its first wait ends the worker's loop (the
    worker's own `stopping` is set) and is kept, with the time it would have waited."""

    def __init__(self, stopping: threading.Event) -> None:
        super().__init__()
        self._stopping = stopping
        self.waits: list[float | None] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.waits.append(timeout)
        self._stopping.set()
        return True


@pytest.fixture
def central() -> Iterator[HostileCentral]:
    with hostile_central() as hostile:
        yield hostile


def _worker(spool: Spool, central: HostileCentral, clock, **options) -> SyncWorker:
    client = CentralClient(central.url, token="t", connect_timeout=1.0, read_timeout=2.0,
                           deadline=5.0)
    return SyncWorker(spool, client, SYNC, clock=clock, rng=lambda: 1.0, **options)


def _one_round(sync: SyncWorker) -> tuple[FirstWait, FirstWait]:
    """Run the worker's loop on this thread until its first wait; (wake, stopping)."""
    stopping = FirstWait(threading.Event())
    stopping._stopping = stopping  # its own wait sets it: the loop ends there too
    wake = FirstWait(stopping)
    sync._stopping, sync._wake = stopping, wake
    sync._run()
    return wake, stopping


def test_a_round_waits_until_the_next_entry_is_due(spool, central, clock) -> None:
    taken, refused = put(spool, DEVICE, 0), put(spool, DEVICE, 1)
    central.queue(answer(201, RECEIPT), answer(503, {"title": "busy"}, {"Retry-After": "7"}))
    sync = _worker(spool, central, clock)
    wake, stopping = _one_round(sync)
    assert wake.waits == [7.0] and stopping.waits == []
    assert sync.state == SyncState.CENTRAL_UNREACHABLE
    assert spool.get(taken.id).state == EntryState.DELIVERED
    assert spool.get(refused.id).next_attempt_at == clock() + timedelta(seconds=7)


def test_a_round_with_nothing_due_waits_the_interval_and_is_idle(spool, central,
                                                                  clock) -> None:
    entry = put(spool, DEVICE)
    central.queue(answer(201, RECEIPT))
    sync = _worker(spool, central, clock)
    wake, _stopping = _one_round(sync)
    assert wake.waits == [SYNC.interval_s]
    assert sync.state == SyncState.IDLE
    assert spool.get(entry.id).case_no == RECEIPT["case_no"]


def test_an_entry_due_later_than_the_interval_is_looked_at_after_the_interval(
        spool, central, clock) -> None:
    put(spool, DEVICE)
    central.queue(answer(503, {"title": "busy"}, {"Retry-After": str(int(SYNC.interval_s) * 3)}))
    wake, _stopping = _one_round(_worker(spool, central, clock))
    assert wake.waits == [SYNC.interval_s]


def test_an_entry_overdue_is_looked_at_at_once(spool, central, clock) -> None:
    put(spool, DEVICE)
    sync = _worker(spool, central, clock)
    sync._stopping.set()  # the drain takes nothing; the entry stays due since before now
    clock.advance(30)
    assert sync._sleep_seconds() == 0.0


def test_after_a_401_the_worker_waits_the_interval_and_the_entry_waits_too(
        spool, central, clock) -> None:
    entry = put(spool, DEVICE)
    central.queue(answer(401, {"title": "unknown token"}))
    sync = _worker(spool, central, clock)
    wake, stopping = _one_round(sync)
    assert stopping.waits == [SYNC.interval_s] and wake.waits == []
    assert sync.state == SyncState.REPROVISION
    kept = spool.get(entry.id)
    assert kept.state == EntryState.PENDING
    assert kept.next_attempt_at == clock() + timedelta(seconds=SYNC.interval_s)
    assert kept.last_error == "401 unauthorized"


def test_a_round_copies_the_write_ahead_log_into_the_database(spool, central, clock,
                                                               tmp_path: Path) -> None:
    database = tmp_path / "spool.sqlite3"
    for n in range(40):
        put(spool, DEVICE, n)
    before = database.stat().st_size  # puts never checkpoint: the rows are in the log
    central.otherwise = answer(503, {"title": "busy"})
    _one_round(_worker(spool, central, clock))
    assert database.stat().st_size > before + 40 * 1000


def test_a_round_purges_what_retention_allows_and_audits_it(spool, central, clock,
                                                             tmp_path: Path) -> None:
    entry = put(spool, DEVICE)
    central.queue(answer(201, RECEIPT))
    sync = _worker(spool, central, clock)
    sync.drain()
    clock.advance(spool.limits.retention.total_seconds() + 3600)
    with AuditLog(tmp_path / "audit.jsonl", clock) as audit:
        sync._on_event = audit.try_record_named
        _one_round(sync)
    assert spool.get(entry.id).payload is None
    records = [parse_line(line) for line in tail_lines(tmp_path / "audit.jsonl", 10)]
    assert [(r["event"], r["fields"]) for r in records] == [
        ("personal_data_purged", {"entries": 1})]


def test_a_dead_letter_and_a_delivery_are_audited(spool, central, clock,
                                                  tmp_path: Path) -> None:
    dead, taken = put(spool, DEVICE, 0), put(spool, DEVICE, 1)
    central.queue(answer(422, {"title": "never", "status": 422}), answer(201, RECEIPT))
    with AuditLog(tmp_path / "audit.jsonl", clock) as audit:
        _worker(spool, central, clock, on_event=audit.try_record_named).drain()
    records = [parse_line(line) for line in tail_lines(tmp_path / "audit.jsonl", 10)]
    assert [(r["event"], r["fields"]) for r in records] == [
        ("submission_delivered", {"local_ref": taken.local_ref,
                                  "case_no": RECEIPT["case_no"]}),
        ("submission_dead", {"local_ref": dead.local_ref, "status": 422})]
