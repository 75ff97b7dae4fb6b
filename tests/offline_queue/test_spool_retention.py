"""Retention: delivered personal data goes, progress queries keep working, dead letters stay."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from spool_helpers import submission

from offline_queue import EntryState, GateLimits

ID_NUMBER = "11010519491231002X"


def _deliver(spool, entry) -> None:
    spool.claim_due(10)
    spool.mark_delivered(entry.id, case_no=f"CASE-{entry.local_ref}", status="received",
                         received_at="2026-11-23T03:00:05+08:00")


def test_purge_drops_payloads_delivered_longer_ago_than_retention(make_spool, clock) -> None:
    spool = make_spool(limits=GateLimits(retention=timedelta(days=7)))
    old = spool.put(submission(), item_code="A", applicant_id=ID_NUMBER)
    _deliver(spool, old)
    clock.advance(days=1)
    recent = spool.put(submission(), item_code="B", applicant_id=ID_NUMBER)
    _deliver(spool, recent)

    assert spool.purge(clock.now + timedelta(days=6)) == 0  # exactly 7 days: kept
    assert spool.purge(clock.now + timedelta(days=6, seconds=1)) == 1
    assert spool.purge(clock.now + timedelta(days=6, seconds=1)) == 0  # already done

    assert spool.get(old.id).payload is None
    assert spool.get(recent.id).payload == submission()
    summary, token = spool.receipt_of(old.local_ref)
    assert token is None  # the payload that held it is gone
    assert summary.state == EntryState.DELIVERED
    assert summary.case_no == f"CASE-{old.local_ref}"
    assert [s.local_ref for s in spool.find_by_applicant(ID_NUMBER)] == [
        recent.local_ref, old.local_ref]


def test_purge_keeps_dead_pending_and_in_flight_entries(spool, clock) -> None:
    dead = spool.put({"n": "dead"}, item_code="A")
    spool.claim_due(1)
    spool.mark_dead(dead.id, problem={"title": "Unprocessable", "status": 422})
    in_flight = spool.put({"n": "in flight"}, item_code="A")
    spool.claim_due(1)
    pending = spool.put({"n": "pending"}, item_code="A")

    assert spool.purge(clock.now + timedelta(days=365)) == 0
    assert [spool.get(e.id).payload["n"] for e in (dead, in_flight, pending)] == [
        "dead", "in flight", "pending"]


def test_purged_ciphertext_is_gone_from_the_file(spool, clock, db_path) -> None:
    entry = spool.put({"pad": "y" * 2000}, item_code="A")
    sealed = spool._conn.execute("SELECT sealed_payload FROM entries").fetchone()[0]
    _deliver(spool, entry)
    spool.purge(clock.now + timedelta(days=8))
    spool._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT sealed_payload FROM entries").fetchone()[0] is None
    raw.close()
    assert sealed[20:80] not in db_path.read_bytes()  # secure_delete overwrote it
