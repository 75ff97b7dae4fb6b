"""Sync against the reference central over HTTP, through every fault it can inject.

The promise under test: every confirmed submission reaches the central
exactly once — one stored submission and one case per key — whatever the
connection does, and only final answers take an entry out of the queue.
"""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sync_helpers import put

from kiosk.core import open_spool, open_sync
from kiosk.uplink.sync import SyncState, backoff_delay

COMPLAINT = "440106-RXB-001"


@pytest.fixture
def parts(central, clock):
    from kiosk.uplink.credentials import load_credentials

    spool = open_spool(central.settings, clock)
    worker = open_sync(central.settings, spool, clock)
    worker._rng = random.Random(7).random
    device_id = load_credentials(central.settings.device.state_dir).device_id
    try:
        yield spool, worker, device_id
    finally:
        spool.close()


def test_entries_are_delivered_with_their_case(central, parts) -> None:
    spool, worker, device_id = parts
    entries = [put(spool, device_id, n) for n in range(3)]
    result = worker.drain()
    assert (result.delivered, result.dead, result.retried) == (3, 0, 0)
    assert spool.stats().delivered == 3
    assert all(spool.get(e.id).case_no for e in entries)
    assert central.counters()["distinct_keys"] == 3


@pytest.mark.parametrize("mode", ["drop_before", "drop_after", "status_500"])
def test_a_lost_answer_is_retried_and_ends_as_one_case(central, parts, clock, mode) -> None:
    spool, worker, device_id = parts
    entry = put(spool, device_id)
    central.fault(operation="submissions", mode=mode, sequence=[True])
    first = worker.drain()
    assert first.retried == 1 and first.delivered == 0
    assert worker.state == SyncState.CENTRAL_UNREACHABLE
    assert spool.stats().pending == 1
    due = spool.next_due_at()
    assert due is not None and due > clock()
    clock.now = due
    second = worker.drain()
    assert second.delivered == 1
    counters = central.counters()
    assert counters["distinct_keys"] == 1 and counters["cases"] >= 1
    cases = worker._client.lookup_cases(local_ref=entry.local_ref,
                                        lookup_token=entry.payload["lookup_token"])
    assert len(cases) == 1


def test_retry_after_is_honoured(central, parts, clock) -> None:
    spool, worker, device_id = parts
    put(spool, device_id)
    central.fault(operation="submissions", mode="status_503", sequence=[True], retry_after=7)
    worker.drain()
    assert spool.next_due_at() == clock() + timedelta(seconds=7)


def test_backoff_is_full_jitter_under_the_cap() -> None:
    draws = iter([0.0, 0.5, 0.999])
    assert backoff_delay(3, base=2, cap=300, rng=lambda: next(draws)) == 0.0
    assert backoff_delay(3, base=2, cap=300, rng=lambda: next(draws)) == 8.0
    assert backoff_delay(30, base=2, cap=300, rng=lambda: next(draws)) == pytest.approx(299.7)


def test_a_submission_the_central_can_never_accept_is_a_dead_letter(central, parts) -> None:
    spool, worker, device_id = parts
    entry = put(spool, device_id, item_code="NO-SUCH-ITEM")
    result = worker.drain()
    assert result.dead == 1
    dead = spool.get(entry.id)
    assert dead.state == "dead"
    assert dead.problem["status"] == 422


def test_a_backlog_drains_in_batches(central, parts) -> None:
    spool, worker, device_id = parts
    for n in range(25):
        put(spool, device_id, n)
    assert worker.drain().delivered == 25
    counters = central.counters()
    assert counters["distinct_keys"] == 25
    assert counters["requests_by_operation"].get("submissions_batch", 0) >= 1


def test_a_revoked_token_stops_sync_and_keeps_the_spool(central, parts) -> None:
    spool, worker, device_id = parts
    put(spool, device_id)
    central.admin("POST", "/revoke", json={"device_id": device_id})
    result = worker.drain()
    assert result.unauthorized
    assert worker.state == SyncState.REPROVISION
    assert spool.stats().pending == 1


FAULT_MODES = ("drop_before", "drop_after", "status_500", "status_503", "status_429")


def test_fault_campaign_every_submission_arrives_exactly_once(central, parts, clock) -> None:
    """Each drain round arms a different random fault on single and batch posts:
    drops before and after processing, 500, 503 and 429. The kiosk keeps draining,
    moving its clock to the next due time, until the spool is empty."""
    spool, worker, device_id = parts
    entries = [put(spool, device_id, n) for n in range(150)]
    chooser = random.Random(2026)
    rounds = 0
    while spool.stats().pending + spool.stats().in_flight and rounds < 500:
        rounds += 1
        for operation in ("submissions", "submissions_batch"):
            central.fault(operation=operation, mode=chooser.choice(FAULT_MODES),
                          probability=0.4, seed=rounds, retry_after=1)
        worker.drain()
        due = spool.next_due_at()
        if due is not None:
            clock.now = max(clock.now, due)
    central.admin("DELETE", "/faults")
    counters = central.counters()
    print(f"\nfault campaign: {len(entries)} submissions, {rounds} drain rounds, "
          f"requests {counters['requests_by_operation']}, "
          f"stored {counters['submissions']}, distinct keys {counters['distinct_keys']}")
    assert rounds > 10  # the faults really did get in the way
    assert spool.stats().delivered == len(entries)
    assert counters["distinct_keys"] == len(entries)
    assert counters["submissions"] == len(entries)
    cases = {spool.get(e.id).case_no for e in entries}
    assert len(cases) == len(entries)
