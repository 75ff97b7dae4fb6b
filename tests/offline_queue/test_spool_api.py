"""Each call of the spool's API, with an injected clock and a real SQLite file."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from spool_helpers import START, submission

from offline_queue import (
    Delivery,
    EntryState,
    Spool,
    SpoolEntryNotFound,
    SpoolStateError,
    SpoolStats,
)


def test_put_assigns_uuid_local_ref_and_time_and_keeps_the_payload(spool: Spool) -> None:
    entry = spool.put(submission(), item_code="ITEM-001", applicant_id="11010519491231002X")

    assert uuid.UUID(entry.id).version == 4
    assert entry.local_ref == "K0107-20261123-0001"
    assert entry.created_at == START and entry.created_at.utcoffset() == timedelta(hours=8)
    assert entry.state == EntryState.PENDING and entry.attempts == 0
    assert (entry.item_code, entry.payload, entry.next_attempt_at) == ("ITEM-001", submission(),
                                                                       START)
    assert spool.get(entry.id).payload == submission()


def test_local_refs_count_per_local_day_and_survive_reopening(make_spool, clock) -> None:
    spool = make_spool()
    refs = [spool.put({"n": n}, item_code="A").local_ref for n in range(3)]
    spool.close()
    clock.now = datetime(2026, 11, 23, 23, 59, tzinfo=START.tzinfo)
    with make_spool() as reopened:
        late = reopened.put({}, item_code="A").local_ref
    clock.advance(minutes=2)  # 00:01 local time, still the 23rd in UTC
    next_day = make_spool().put({}, item_code="A").local_ref

    assert refs == ["K0107-20261123-0001", "K0107-20261123-0002", "K0107-20261123-0003"]
    assert late == "K0107-20261123-0004"
    assert next_day == "K0107-20261124-0001"


def test_an_open_spool_counts_past_another_writer_and_starts_each_day_at_one(
        make_spool, clock, db_path) -> None:
    spool = make_spool()
    first = spool.put({}, item_code="A")
    with sqlite3.connect(db_path) as raw:  # another connection takes the day's next number
        raw.execute("CREATE TEMP TABLE copied AS SELECT * FROM entries")
        raw.execute("UPDATE copied SET id = ?, local_ref = ?",
                    (str(uuid.uuid4()), "K0107-20261123-1234"))
        raw.execute("INSERT INTO entries SELECT * FROM copied")
    raw.close()
    assert spool.put({}, item_code="A").local_ref == "K0107-20261123-1235"
    clock.advance(days=1)
    assert spool.put({}, item_code="A").local_ref == "K0107-20261124-0001"
    assert first.local_ref == "K0107-20261123-0001"


def test_entry_repr_hides_the_payload(spool: Spool) -> None:
    entry = spool.put(submission(), item_code="ITEM-001")
    assert "张三" not in repr(entry) and "13800138000" not in repr(entry)
    assert entry.local_ref in repr(entry)


def test_a_naive_clock_is_refused_at_open(make_spool) -> None:
    with pytest.raises(ValueError) as refused:
        make_spool(clock=lambda: datetime(2026, 11, 23, 3, 0))
    assert str(refused.value) == "the spool clock's time must be a timezone-aware datetime"


def test_put_rejects_a_payload_json_cannot_hold_without_writing(spool: Spool) -> None:
    with pytest.raises(TypeError):
        spool.put({"when": datetime.now(UTC)}, item_code="A")
    assert spool.stats().pending == 0
    assert spool.put({}, item_code="A").local_ref.endswith("-0001")


def test_claim_due_returns_oldest_first_decrypted_and_in_flight(spool, clock) -> None:
    first = spool.put({"n": 1}, item_code="A")
    clock.advance(seconds=1)
    second = spool.put({"n": 2}, item_code="B")
    clock.advance(seconds=1)
    spool.put({"n": 3}, item_code="C")

    claimed = spool.claim_due(2)

    assert [e.id for e in claimed] == [first.id, second.id]
    assert [e.payload for e in claimed] == [{"n": 1}, {"n": 2}]
    assert all(e.state == EntryState.IN_FLIGHT and e.attempts == 1 for e in claimed)
    assert spool.stats() == SpoolStats(pending=1, in_flight=2, delivered=0, dead=0,
                                       oldest_pending_at=first.created_at)
    assert [e.payload for e in spool.claim_due(10)] == [{"n": 3}]
    assert spool.claim_due(10) == []


def test_mark_delivered_keeps_the_case(spool: Spool) -> None:
    entry = spool.put({}, item_code="A")
    spool.claim_due(1)
    spool.mark_delivered(entry.id, case_no="C-1", status="received",
                         received_at="2026-11-23T03:00:05+08:00")
    spool.mark_delivered(entry.id, case_no="C-1", status="received",
                         received_at="2026-11-23T03:00:05+08:00")  # a repeat is harmless

    stored = spool.get(entry.id)
    assert (stored.state, stored.case_no, stored.case_status, stored.received_at) == (
        EntryState.DELIVERED, "C-1", "received", "2026-11-23T03:00:05+08:00")
    assert spool.stats().delivered == 1 and spool.next_due_at() is None
    with pytest.raises(SpoolStateError):
        spool.mark_delivered(entry.id, case_no="C-2", status="received", received_at="x")


def test_a_batch_of_acceptances_is_taken_whole_or_not_at_all(spool: Spool) -> None:
    entries = [spool.put({}, item_code="A") for _ in range(3)]
    spool.claim_due(3)
    at = "2026-11-23T03:00:05+08:00"
    spool.mark_delivered_many([Delivery(e.id, f"C-{n}", "received", at)
                               for n, e in enumerate(entries[:2])])
    assert spool.stats().delivered == 2
    spool.mark_dead(entries[2].id, problem={"status": 422, "title": "bad"})
    with pytest.raises(SpoolStateError):  # a dead one among them: nothing is marked
        spool.mark_delivered_many([Delivery(entries[2].id, "C-2", "received", at)])
    assert spool.stats().delivered == 2 and spool.stats().dead == 1
    spool.mark_delivered_many([Delivery(entries[0].id, "C-0", "received", at)])  # a repeat
    assert spool.get(entries[0].id).case_no == "C-0"


def test_mark_retry_waits_until_retry_at(spool, clock) -> None:
    entry = spool.put({}, item_code="A")
    spool.claim_due(1)
    retry_at = clock.now + timedelta(seconds=30)
    spool.mark_retry(entry.id, error="HTTP 503", retry_at=retry_at)

    assert spool.claim_due(5) == []
    assert spool.next_due_at() == retry_at
    clock.now = retry_at
    again = spool.claim_due(5)
    assert [(e.id, e.attempts, e.last_error) for e in again] == [(entry.id, 2, "HTTP 503")]


def test_a_late_failure_report_cannot_undo_a_delivery(spool: Spool, clock) -> None:
    entry = spool.put({}, item_code="A")
    spool.claim_due(1)
    spool.mark_delivered(entry.id, case_no="C-1", status="received", received_at="t")
    with pytest.raises(SpoolStateError):
        spool.mark_retry(entry.id, error="timeout", retry_at=clock.now)
    with pytest.raises(SpoolStateError):
        spool.mark_dead(entry.id, problem={"title": "late", "status": 422})
    assert spool.get(entry.id).state == EntryState.DELIVERED


def test_mark_dead_keeps_the_problem_document(spool: Spool) -> None:
    entry = spool.put({}, item_code="A")
    spool.claim_due(1)
    problem = {"title": "Unprocessable", "status": 422,
               "errors": [{"field": "phone", "message": "not a phone number"}]}
    spool.mark_dead(entry.id, problem=problem)

    stored = spool.get(entry.id)
    assert stored.state == EntryState.DEAD and stored.problem == problem
    assert stored.last_error == "Unprocessable"
    assert spool.stats().dead == 1 and spool.claim_due(5) == []


def test_marking_an_unknown_id_is_a_typed_error(spool: Spool, clock) -> None:
    with pytest.raises(SpoolEntryNotFound):
        spool.mark_retry(str(uuid.uuid4()), error="x", retry_at=clock.now)
    with pytest.raises(SpoolEntryNotFound):
        spool.get(str(uuid.uuid4()))


def test_in_flight_entries_are_pending_again_after_a_crash(make_spool, events) -> None:
    spool = make_spool()
    entry = spool.put({}, item_code="A")
    spool.claim_due(1)
    spool.close()

    reopened = make_spool()

    assert reopened.stats().pending == 1 and reopened.stats().in_flight == 0
    assert [e.id for e in reopened.claim_due(1)] == [entry.id]
    assert [(e.code, e.detail) for e in events] == [
        ("leases_recovered", "1 entries in flight at the last stop are pending")]


def test_a_second_process_can_open_without_stealing_leases(make_spool) -> None:
    worker = make_spool()
    worker.put({}, item_code="A")
    worker.claim_due(1)
    technician = make_spool(recover_in_flight=False)
    assert technician.stats().in_flight == 1


def test_an_expired_lease_is_offered_again(make_spool, clock) -> None:
    spool = make_spool(lease=timedelta(minutes=5))
    entry = spool.put({}, item_code="A")
    spool.claim_due(1)
    assert spool.next_due_at() == clock.now + timedelta(minutes=5)
    clock.advance(minutes=4)
    assert spool.claim_due(1) == []
    clock.advance(minutes=1)
    assert [(e.id, e.attempts) for e in spool.claim_due(1)] == [(entry.id, 2)]


def test_stats_oldest_pending_is_the_oldest_undelivered(spool, clock) -> None:
    assert spool.stats() == SpoolStats(0, 0, 0, 0, None)
    first = spool.put({}, item_code="A")
    clock.advance(hours=1)
    spool.put({}, item_code="A")
    spool.claim_due(1)  # the oldest is now in flight, still undelivered
    assert spool.stats().oldest_pending_at == first.created_at
    spool.mark_delivered(first.id, case_no="C", status="received", received_at="t")
    assert spool.stats().oldest_pending_at == START + timedelta(hours=1)


def test_find_by_local_ref_and_applicant_without_personal_data(spool, clock) -> None:
    older = spool.put(submission(), item_code="A", applicant_id="11010519491231002X")
    clock.advance(minutes=1)
    newer = spool.put(submission(), item_code="B", applicant_id=" 11010519491231002x ")
    spool.put(submission("李四", "110105194912310037"), item_code="C",
              applicant_id="110105194912310037")

    mine = spool.find_by_applicant("11010519491231002X")
    assert [s.local_ref for s in mine] == [newer.local_ref, older.local_ref]
    summary, _ = spool.receipt_of(older.local_ref)
    assert summary.item_code == "A" and summary.case_no is None
    assert "张三" not in repr(mine) and "11010519491231002X" not in repr(mine)
    assert spool.receipt_of("K0107-20261123-9999") is None
    assert spool.find_by_applicant("000000000000000000") == []


TOKEN = "Xq3vN8pLr2TzW5yA7bKc0d"


def test_a_receipt_is_found_by_its_reference_only_with_its_token(spool) -> None:
    entry = spool.put({**submission(), "lookup_token": TOKEN}, item_code="A",
                      applicant_id="11010519491231002X")
    found = spool.find_by_local_ref(entry.local_ref, TOKEN)
    assert found is not None and found.local_ref == entry.local_ref and found.item_code == "A"
    assert spool.find_by_local_ref(entry.local_ref, TOKEN[:-1] + "e") is None
    assert spool.find_by_local_ref(entry.local_ref, "") is None
    assert spool.find_by_local_ref(entry.local_ref, "令牌" * 11) is None
    assert spool.find_by_local_ref("K0107-20261123-9999", TOKEN) is None
    assert spool.receipt_of(entry.local_ref) == (found, TOKEN)
    assert TOKEN not in repr(entry) and TOKEN not in repr(found)


def test_an_entry_spooled_before_tokens_is_found_by_no_token(spool) -> None:
    entry = spool.put(submission(), item_code="A", applicant_id="11010519491231002X")
    assert spool.find_by_local_ref(entry.local_ref, "") is None
    assert spool.find_by_local_ref(entry.local_ref, TOKEN) is None
    assert spool.receipt_of(entry.local_ref)[1] is None


def test_context_manager_closes(db_path, key_path, clock) -> None:
    with Spool(db_path, key_path, device_prefix="K0107", clock=clock) as spool:
        spool.put({}, item_code="A")
    with pytest.raises(Exception, match="closed"):
        spool.stats()


def test_bad_device_prefix_is_refused(db_path, key_path, clock) -> None:
    with pytest.raises(ValueError, match="device_prefix"):
        Spool(db_path, key_path, device_prefix="k-1", clock=clock)


def test_puts_and_claims_from_two_threads(spool: Spool) -> None:
    """The UI thread puts while the sync thread claims and delivers; nothing is lost or doubled."""
    total = 200
    delivered: list[str] = []
    put_done = threading.Event()

    def sync_worker() -> None:
        while not (put_done.is_set() and spool.stats().pending == 0):
            for entry in spool.claim_due(7):
                spool.mark_delivered(entry.id, case_no=entry.local_ref, status="received",
                                     received_at="t")
                delivered.append(entry.id)

    worker = threading.Thread(target=sync_worker)
    worker.start()
    put_ids = [spool.put({"n": n}, item_code="A").id for n in range(total)]
    put_done.set()
    worker.join()

    assert sorted(delivered) == sorted(put_ids)
    assert spool.stats().delivered == total


def test_puts_leave_checkpoints_to_the_sync_worker(spool: Spool, db_path) -> None:
    def wal_frames() -> tuple[int, int]:
        """(frames in the log, frames already copied), as a checkpoint from outside sees them."""
        probe = sqlite3.connect(db_path)
        try:
            _busy, frames, copied = probe.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        finally:
            probe.close()
        return frames, copied

    for _ in range(300):
        spool.put({"form": {"note": "x" * 200}}, item_code="A")
    spool.checkpoint()
    frames, copied = wal_frames()
    assert frames > 1000  # sqlite's own autocheckpoint would have restarted the log by now
    assert copied == frames  # and the spool's checkpoint had copied it all
