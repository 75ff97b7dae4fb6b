"""A clock that was wrong and is set right again cannot park entries.

A kiosk that boots with its clock 400 days ahead and fails a delivery round
schedules the next attempt, and leases what it claims, 400 days out by that
clock. When NTP sets the clock right, those times are further ahead than any
wait the kiosk chooses (`longest_wait`) or any lease it gives: they count as
now, so the entries are delivered at once instead of in 400 days.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from spool_helpers import submission

from offline_queue import OFFLINE_TOO_LONG, EntryState, GateLimits
from offline_queue.times import to_micros

LONGEST = timedelta(hours=1)
AHEAD = timedelta(days=400)


def test_an_attempt_set_by_a_clock_far_ahead_is_due_once_the_clock_is_right(make_spool,
                                                                            clock) -> None:
    spool = make_spool(longest_wait=LONGEST)
    entry = spool.put(submission(), item_code="X")
    right = clock.now
    clock.now = right + AHEAD
    [claimed] = spool.claim_due(10)
    spool.mark_retry(claimed.id, error="offline", retry_at=clock.now + timedelta(minutes=5))
    clock.now = right
    assert spool.next_due_at() == right
    assert [e.id for e in spool.claim_due(10)] == [entry.id]


def test_a_wait_within_the_longest_is_kept(make_spool, clock) -> None:
    spool = make_spool(longest_wait=LONGEST)
    spool.put(submission(), item_code="X")
    [claimed] = spool.claim_due(10)
    retry_at = clock.now + LONGEST - timedelta(seconds=1)
    spool.mark_retry(claimed.id, error="busy", retry_at=retry_at)
    assert spool.claim_due(10) == []
    assert spool.next_due_at() == retry_at


def test_a_lease_given_by_a_clock_far_ahead_ends_once_the_clock_is_right(make_spool,
                                                                          clock) -> None:
    spool = make_spool(lease=timedelta(minutes=5))
    entry = spool.put(submission(), item_code="X")
    right = clock.now
    clock.now = right + AHEAD
    spool.claim_due(10)  # then the worker died with it in flight
    clock.now = right
    assert spool.next_due_at() == right
    [again] = spool.claim_due(10)
    assert (again.id, again.state, again.attempts) == (entry.id, EntryState.IN_FLIGHT, 2)


def test_a_lease_in_force_is_not_cut_short(make_spool, clock) -> None:
    spool = make_spool(lease=timedelta(minutes=5))
    spool.put(submission(), item_code="X")
    spool.claim_due(10)
    clock.advance(minutes=4)
    assert spool.claim_due(10) == []


def test_an_entry_made_while_the_clock_ran_ahead_ages_from_when_the_clock_is_right(
        make_spool, clock) -> None:
    """Its age would stay below zero for the 400 days the clock was wrong by, and the gate,
    which refuses new work once the oldest undelivered entry is too old, would never
    close: the kiosk would take submissions it cannot deliver for a year."""
    spool = make_spool(limits=GateLimits(max_offline=timedelta(hours=72)))
    right = clock.now
    clock.now = right + AHEAD
    made = spool.put(submission(), item_code="X")
    clock.now = right
    spool.claim_due(10)  # the sync worker's round notices the entry is "from the future"
    assert spool.get(made.id).created_at == made.created_at  # as it was submitted
    clock.advance(hours=73)
    verdict = spool.gate()
    assert not verdict.open and verdict.reason == OFFLINE_TOO_LONG


def test_a_restart_after_the_clock_was_set_right_ages_such_entries_at_once(make_spool,
                                                                          clock,
                                                                          db_path) -> None:
    right = clock.now
    clock.now = right + AHEAD
    before = make_spool()
    made = before.put(submission(), item_code="X")
    before.close()
    clock.now = right
    make_spool().close()  # the kiosk restarts, before any round of the sync worker
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT created_us FROM entries WHERE id = ?",
                           (made.id,)).fetchone() == (to_micros(right),)
    raw.close()
