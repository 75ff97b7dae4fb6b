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

import logging
import sqlite3
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
from kiosk.uplink.sync import SyncState, SyncWorker, backoff_delay, longest_wait
from offline_queue import EntryState, Spool

DEVICE = "KD-TEST"
RECEIPT = {"case_no": "C-20261123-0001", "status": "received",
           "received_at": "2026-11-23T03:00:00+08:00"}
SYNC = load_settings(overrides={"sync": {"interval_s": 60, "batch_threshold": 5}}).sync


class Round:
    """The worker's two events, standing in for real ones: each wait moves the test's clock
    on by its timeout instead of sleeping and is kept, and the `waits`-th wait ends the
    worker's loop (its `stopping` is set)."""

    def __init__(self, clock, waits: int = 1) -> None:
        self.clock, self.left = clock, waits
        self.waited: list[tuple[str, float | None]] = []
        self.stopping, self.wake = _Wait(self, "stopping"), _Wait(self, "wake")


class _Wait(threading.Event):
    def __init__(self, round_: Round, name: str) -> None:
        super().__init__()
        self._round, self._name = round_, name

    def wait(self, timeout: float | None = None) -> bool:
        self._round.waited.append((self._name, timeout))
        self._round.clock.advance(timeout or 0)
        self._round.left -= 1
        if self._round.left == 0:
            self._round.stopping.set()
        return self.is_set()


@pytest.fixture
def central() -> Iterator[HostileCentral]:
    with hostile_central() as hostile:
        yield hostile


def _worker(spool: Spool, central: HostileCentral, clock, **options) -> SyncWorker:
    client = CentralClient(central.url, token="t", connect_timeout=1.0, read_timeout=2.0,
                           deadline=5.0)
    return SyncWorker(spool, client, SYNC, clock=clock, rng=lambda: 1.0, **options)


def _rounds(sync: SyncWorker, clock, waits: int = 1) -> list[tuple[str, float | None]]:
    """Run the worker's loop on this thread until its `waits`-th wait; the waits, each as
    (the event waited on, for how long)."""
    events = Round(clock, waits)
    sync._stopping, sync._wake = events.stopping, events.wake
    sync._run()
    return events.waited


def test_a_round_waits_until_the_next_entry_is_due(spool, central, clock) -> None:
    taken, refused = put(spool, DEVICE, 0), put(spool, DEVICE, 1)
    central.queue(answer(201, RECEIPT), answer(503, {"title": "busy"}, {"Retry-After": "7"}))
    sync = _worker(spool, central, clock)
    assert _rounds(sync, clock) == [("wake", 7.0)]
    assert sync.state == SyncState.CENTRAL_UNREACHABLE
    assert spool.get(taken.id).state == EntryState.DELIVERED
    assert spool.get(refused.id).next_attempt_at == clock()  # the wait is over: due now


def test_a_round_with_nothing_due_waits_the_interval_and_is_idle(spool, central,
                                                                  clock) -> None:
    entry = put(spool, DEVICE)
    central.queue(answer(201, RECEIPT))
    sync = _worker(spool, central, clock)
    assert _rounds(sync, clock) == [("wake", SYNC.interval_s)]
    assert sync.state == SyncState.IDLE
    assert spool.get(entry.id).case_no == RECEIPT["case_no"]


def test_an_entry_due_later_than_the_interval_is_looked_at_after_the_interval(
        spool, central, clock) -> None:
    put(spool, DEVICE)
    central.queue(answer(503, {"title": "busy"}, {"Retry-After": str(int(SYNC.interval_s) * 3)}))
    assert _rounds(_worker(spool, central, clock), clock) == [("wake", SYNC.interval_s)]


def test_an_entry_overdue_is_looked_at_at_once(spool, central, clock) -> None:
    put(spool, DEVICE)
    sync = _worker(spool, central, clock)
    sync._stopping.set()  # the drain takes nothing; the entry stays due since before now
    clock.advance(30)
    assert sync._sleep_seconds() == 0.0


def test_after_a_401_the_worker_waits_the_interval_then_tries_again(spool, central,
                                                                     clock) -> None:
    entry = put(spool, DEVICE)
    central.queue(answer(401, {"title": "unknown token"}))
    sync = _worker(spool, central, clock)
    sync.drain()
    kept = spool.get(entry.id)
    assert (kept.state, kept.last_error) == (EntryState.PENDING, "401 unauthorized")
    assert kept.next_attempt_at == clock() + timedelta(seconds=SYNC.interval_s)
    assert sync.state == SyncState.REPROVISION

    central.queue(answer(401, {"title": "unknown token"}), answer(201, RECEIPT))
    clock.advance(SYNC.interval_s)
    assert _rounds(sync, clock, waits=2) == [("stopping", SYNC.interval_s),
                                             ("wake", SYNC.interval_s)]
    assert spool.get(entry.id).case_no == RECEIPT["case_no"]  # the central took it again
    assert sync.state == SyncState.IDLE


def test_a_round_copies_the_write_ahead_log_into_the_database(spool, central, clock,
                                                               tmp_path: Path) -> None:
    database = tmp_path / "spool.sqlite3"
    for n in range(40):
        put(spool, DEVICE, n)
    before = database.stat().st_size  # puts never checkpoint: the rows are in the log
    central.otherwise = answer(503, {"title": "busy"})
    _rounds(_worker(spool, central, clock), clock)
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
        _rounds(sync, clock)
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


class FailingOnce:
    """The real spool, whose first call of each named method fails as a bug in it would."""

    def __init__(self, spool: Spool, *names: str) -> None:
        self._spool, self._failing = spool, set(names)

    def __getattr__(self, name: str):
        method = getattr(self._spool, name)
        if name not in self._failing:
            return method

        def first_call_fails(*args, **kwargs):
            self._failing.discard(name)
            raise RuntimeError(f"a bug in {name}")
        return first_call_fails


def test_a_round_that_fails_is_logged_and_the_worker_goes_on(spool, central, clock,
                                                              tmp_path: Path, caplog) -> None:
    entry = put(spool, DEVICE)
    central.queue(answer(201, RECEIPT))
    client = CentralClient(central.url, token="t", connect_timeout=1.0, read_timeout=2.0)
    sync = SyncWorker(FailingOnce(spool, "claim_due", "purge"), client, SYNC, clock=clock)
    assert _rounds(sync, clock, waits=2) == [("wake", 0.0), ("wake", SYNC.interval_s)]
    assert spool.get(entry.id).case_no == RECEIPT["case_no"]  # the second round took it
    failures = [(r.getMessage(), r.exc_info[1].args[0]) for r in caplog.records
                if r.exc_info]
    assert failures == [("sync: drain failed; will try again", "a bug in claim_due"),
                        ("sync: keeping the spool failed; will try again", "a bug in purge")]


def test_a_wait_the_spool_cannot_tell_is_the_interval_and_the_worker_goes_on(
        spool, central, clock, caplog) -> None:
    """Asking when the next entry is due reads the database too; a failure there must not
    end the thread (only the watchdog would notice, minutes later)."""
    entry = put(spool, DEVICE)
    central.queue(answer(503, {}), answer(201, RECEIPT))
    client = CentralClient(central.url, token="t", connect_timeout=1.0, read_timeout=2.0)
    sync = SyncWorker(FailingOnce(spool, "next_due_at"), client, SYNC, clock=clock,
                      rng=lambda: 1.0)
    waits = _rounds(sync, clock, waits=2)
    assert waits[0] == ("wake", SYNC.interval_s)  # not known: the longest it may wait
    assert spool.get(entry.id).case_no == RECEIPT["case_no"]  # the next round delivered
    assert [r.getMessage() for r in caplog.records if r.exc_info] == [
        "sync: the next due time is unknown; waiting the interval"]


def test_personal_data_is_purged_once_an_hour_not_every_round(spool, central, clock,
                                                               caplog) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.uplink.sync")
    entry = put(spool, DEVICE)
    central.queue(answer(201, RECEIPT))
    sync = _worker(spool, central, clock)
    sync.drain()
    delivered = clock()
    clock.now = delivered + spool.limits.retention - timedelta(minutes=30)
    sync._purge_if_due()  # the first purge: nothing is old enough yet
    clock.advance(59 * 60)  # retention is over, the hour since the last purge is not
    sync._purge_if_due()
    assert spool.get(entry.id).payload is not None
    clock.advance(60)
    sync._purge_if_due()
    assert spool.get(entry.id).payload is None
    assert caplog.messages[-1] == "spool: personal data of 1 delivered entries purged"


def test_a_dead_letter_is_logged_by_reference_and_status(spool, central, clock,
                                                          caplog) -> None:
    entry = put(spool, DEVICE)
    central.queue(answer(409, {"title": "duplicate", "status": 409}))
    _worker(spool, central, clock).drain()
    assert f"sync: {entry.local_ref} dead (409)" in caplog.messages


def test_each_result_of_a_batch_leaves_its_entry_as_the_contract_says(spool, central,
                                                                       clock) -> None:
    taken, bare, odd, final, loose, left_out = [put(spool, DEVICE, n) for n in range(6)]
    results = [
        {"idempotency_key": taken.id, "status": 200, "case": RECEIPT},
        {"idempotency_key": bare.id, "status": 201, "case": {**RECEIPT, "case_no": None}},
        {"idempotency_key": odd.id, "status": 500},
        {"idempotency_key": final.id, "status": 422, "problem": {"title": "no such item"}},
        {"idempotency_key": loose.id, "status": 409, "problem": "duplicate"},
    ]
    central.queue(answer(200, {"results": results}))
    _worker(spool, central, clock).drain()
    assert spool.get(taken.id).case_no == RECEIPT["case_no"]
    assert spool.get(bare.id).last_error.startswith("batch result 201 without a case receipt")
    assert spool.get(odd.id).last_error == (
        "batch result with status 500, which the contract does not have")
    assert spool.get(final.id).problem == {"title": "no such item"}
    assert spool.get(loose.id).problem == {"title": "rejected", "status": 409}
    assert spool.get(left_out.id).last_error == "the batch's results leave this entry out"


def test_a_refused_batch_is_logged_and_sent_one_by_one(spool, central, clock,
                                                       caplog) -> None:
    entries = [put(spool, DEVICE, n) for n in range(SYNC.batch_threshold + 1)]
    central.queue(answer(422, {"title": "batch too large", "status": 422}),
                  *(answer(201, RECEIPT) for _ in entries))
    _worker(spool, central, clock).drain()
    assert {spool.get(e.id).state for e in entries} == {EntryState.DELIVERED}
    assert "sync: batch refused (422); sending one by one" in caplog.messages


def _delivery_columns(tmp_path: Path) -> list[tuple]:
    """What the spool file holds of each delivery, read through a connection of the test's."""
    with sqlite3.connect(tmp_path / "spool.sqlite3") as raw:
        found = raw.execute("""SELECT local_ref, case_no, case_status, received_at FROM entries
                               ORDER BY local_ref""").fetchall()
    raw.close()
    return found


@pytest.mark.parametrize("count", [1, SYNC.batch_threshold + 1])
def test_a_delivery_keeps_the_centrals_status_and_time_and_is_logged(
        spool, central, clock, tmp_path: Path, caplog, count) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.uplink.sync")
    entries = [put(spool, DEVICE, n) for n in range(count)]
    if count == 1:
        central.queue(answer(201, RECEIPT))
    else:
        central.queue(answer(200, {"results": [
            {"idempotency_key": e.id, "status": 201, "case": RECEIPT} for e in entries]}))
    assert _worker(spool, central, clock).drain().delivered == count
    assert _delivery_columns(tmp_path) == [
        (e.local_ref, RECEIPT["case_no"], RECEIPT["status"], RECEIPT["received_at"])
        for e in entries]
    assert f"sync: {entries[0].local_ref} delivered as {RECEIPT['case_no']}" in caplog.messages


def test_a_batch_the_central_cannot_take_now_keeps_each_entry_with_the_reason(
        spool, central, clock) -> None:
    entries = [put(spool, DEVICE, n) for n in range(SYNC.batch_threshold + 1)]
    central.queue(answer(503, {"title": "busy"}, {"Retry-After": "9"}))
    _worker(spool, central, clock).drain()
    for entry in entries:
        kept = spool.get(entry.id)
        assert kept.next_attempt_at == clock() + timedelta(seconds=9)
        assert "503" in kept.last_error


def test_the_first_wait_is_the_base_at_most() -> None:
    assert backoff_delay(0, base=2.0, cap=300.0, rng=lambda: 1.0) == 2.0
    assert backoff_delay(-3, base=2.0, cap=300.0, rng=lambda: 1.0) == 2.0


@pytest.mark.parametrize("longest", ["backoff_cap_s", "max_central_wait_s", "interval_s"])
def test_the_longest_wait_is_the_longest_the_settings_allow(longest) -> None:
    waits = {"backoff_cap_s": 300.0, "max_central_wait_s": 600.0, "interval_s": 30.0}
    settings = load_settings(overrides={"sync": {**waits, longest: 9000.0}}).sync
    assert longest_wait(settings) == 9000.0


def test_the_backoff_draws_from_the_workers_own_random_source(spool, central,
                                                              clock) -> None:
    entry = put(spool, DEVICE)
    central.queue(answer(502, {"title": "bad gateway"}))
    _worker(spool, central, clock).drain()  # its source always draws 1.0: the whole wait
    assert spool.get(entry.id).next_attempt_at == clock() + timedelta(
        seconds=SYNC.backoff_base_s * 2)


@pytest.mark.parametrize(("problem", "error"), [({"title": "odd"}, "400 odd"), ({}, "400")])
def test_a_refusal_the_contract_does_not_have_is_kept_as_status_and_title(
        spool, central, clock, problem, error) -> None:
    entry = put(spool, DEVICE)
    central.queue(answer(400, problem))
    _worker(spool, central, clock).drain()
    assert spool.get(entry.id).last_error == error
