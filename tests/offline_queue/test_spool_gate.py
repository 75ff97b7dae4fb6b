"""The bounded-offline gate closes before the disk or the backlog runs out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from offline_queue import (
    BACKLOG_FULL,
    DISK_LOW,
    OFFLINE_TOO_LONG,
    GateLimits,
    GateVerdict,
    SpoolGateClosed,
)

LIMITS = GateLimits(min_free_bytes=1000, max_backlog=3, max_offline=timedelta(hours=72))


def test_the_gate_is_open_on_an_empty_spool(make_spool) -> None:
    verdict = make_spool(limits=LIMITS).gate()
    assert verdict.open and verdict.reason is None


def test_low_disk_closes_the_gate_and_put_writes_nothing(make_spool) -> None:
    free = {"bytes": 1000}
    spool = make_spool(limits=LIMITS, disk_free=lambda: free["bytes"])
    spool.put({}, item_code="A")
    free["bytes"] = 999

    with pytest.raises(SpoolGateClosed) as refused:
        spool.put({}, item_code="A")

    assert refused.value.verdict == GateVerdict(False, DISK_LOW,
                                                "999 bytes free, floor is 1000")
    assert spool.stats().pending == 1
    free["bytes"] = 5000
    assert spool.gate().open


def test_a_disk_that_cannot_be_measured_counts_as_low(make_spool) -> None:
    def broken() -> int:
        raise OSError("stat failed")

    assert make_spool(limits=LIMITS, disk_free=broken).gate().reason == DISK_LOW
    # counted as none at all: even the smallest floor closes the gate
    assert make_spool(limits=GateLimits(min_free_bytes=1), disk_free=broken).gate() == \
        GateVerdict(False, DISK_LOW, "0 bytes free, floor is 1")


def test_the_default_disk_probe_measures_the_database_folder(make_spool) -> None:
    spool = make_spool(disk_free=None, limits=GateLimits(min_free_bytes=2**62))
    assert spool.gate().reason == DISK_LOW
    assert make_spool(disk_free=None, limits=GateLimits(min_free_bytes=1)).gate().open


def test_a_full_backlog_closes_the_gate_until_entries_are_delivered(make_spool) -> None:
    spool = make_spool(limits=LIMITS)
    entries = [spool.put({}, item_code="A") for _ in range(3)]
    spool.claim_due(1)  # in flight still counts

    with pytest.raises(SpoolGateClosed) as refused:
        spool.put({}, item_code="A")
    assert refused.value.verdict == GateVerdict(False, BACKLOG_FULL, "3 undelivered, limit is 3")

    spool.mark_delivered(entries[0].id, case_no="C", status="received", received_at="t")
    assert spool.put({}, item_code="A").local_ref.endswith("-0004")


def test_dead_entries_do_not_count_in_the_backlog(make_spool) -> None:
    spool = make_spool(limits=LIMITS)
    for _ in range(3):
        spool.put({}, item_code="A")
    for entry in spool.claim_due(3):
        spool.mark_dead(entry.id, problem={"title": "Unprocessable", "status": 422})
    assert spool.gate().open


def test_being_offline_too_long_closes_the_gate(make_spool, clock) -> None:
    spool = make_spool(limits=LIMITS)
    spool.put({}, item_code="A")
    clock.advance(hours=72)
    assert spool.gate().open
    clock.advance(seconds=1)

    verdict = spool.gate()

    assert verdict == GateVerdict(False, OFFLINE_TOO_LONG, "oldest undelivered is 3 days, "
                                  "0:00:01 old, limit 3 days, 0:00:00")
    with pytest.raises(SpoolGateClosed):
        spool.put({}, item_code="A")


def test_disk_is_judged_before_the_other_limits(make_spool, clock) -> None:
    spool = make_spool(limits=LIMITS, disk_free=lambda: 0)
    assert spool.gate().reason == DISK_LOW


@pytest.mark.parametrize("bad", [
    {"min_free_bytes": -1}, {"max_backlog": 0},
    {"max_offline": timedelta(0)}, {"retention": timedelta(days=-1)}])
def test_nonsense_limits_are_refused(bad) -> None:
    with pytest.raises(ValueError):
        GateLimits(**bad)
