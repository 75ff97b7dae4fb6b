"""A kiosk updated in the field opens the spool its previous version left, entries still waiting.

Schema v2 stopped writing a count and a daily sequence on every put; a v1
file must come through with every entry, its state, payload, reference and
problem, the right counts, and a sequence that goes on where v1 stopped.
"""

from __future__ import annotations

import sqlite3

import pytest
from spool_helpers import START, submission
from spool_v1 import V1Entry, write_v1_spool

from offline_queue import EntryState, keyring, payments
from offline_queue.database import write_transaction
from offline_queue.refs import ceiling_path
from offline_queue.schema import MIGRATIONS, migrate

PROBLEM = {"title": "Unprocessable", "status": 422}


def test_a_v1_spool_migrates_and_keeps_its_entries(make_spool, db_path, key_path,
                                                   clock) -> None:
    written = write_v1_spool(db_path, key_path, [
        V1Entry(submission("甲"), applicant_id="ID-A"),
        V1Entry(submission("乙"), state="delivered", applicant_id="ID-A"),
        V1Entry(submission("丙"), state="dead", problem=PROBLEM),
        V1Entry(submission("丁"), state="in_flight", applicant_id="ID-B"),
    ], now=START)

    spool = make_spool()

    tables = {name for (name,) in spool._conn.execute("SELECT name FROM sqlite_schema")}
    assert "daily_sequence" not in tables
    assert spool._conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 5
    # v4: fees kept from before their request to their spooling; v5: printed, cleared
    assert "payments" in tables
    entries = [spool.get(entry_id) for entry_id, _ in written]
    assert [e.local_ref for e in entries] == [ref for _, ref in written]
    assert [e.payload for e in entries] == [submission(n) for n in ("甲", "乙", "丙", "丁")]
    assert [e.state for e in entries] == [EntryState.PENDING, EntryState.DELIVERED,
                                          EntryState.DEAD, EntryState.PENDING]  # lease recovered
    assert entries[1].case_no == "C-2" and entries[2].problem == PROBLEM
    assert [e.faults for e in entries] == [0, 0, 0, 0]  # v3: none counted before it
    stats = spool.stats()
    assert (stats.pending, stats.in_flight, stats.delivered, stats.dead) == (2, 0, 1, 1)
    assert sorted(s.local_ref for s in spool.find_by_applicant("ID-A")) == [written[0][1],
                                                                            written[1][1]]
    assert spool.receipt_of(written[3][1])[0].state == EntryState.PENDING
    assert spool.put({}, item_code="A").local_ref == "K0107-20261123-0005"
    assert int(ceiling_path(db_path).read_text()) >= 5
    clock.advance(days=1)
    assert spool.put({}, item_code="A").local_ref == "K0107-20261124-0001"  # no floor above 0


def test_a_v1_spool_with_removed_entries_keeps_its_counts(make_spool, db_path, key_path) -> None:
    """v1 allowed removing entries by hand; v2 counts entries by their rowids and reads the
    day's last number from them."""
    written = write_v1_spool(db_path, key_path, [V1Entry({"n": n}) for n in range(4)], now=START)
    with sqlite3.connect(db_path) as raw:
        raw.execute("DELETE FROM entries WHERE id IN (?, ?)", (written[0][0], written[3][0]))
    raw.close()

    spool = make_spool()
    assert spool.stats().pending == 2
    assert spool.gate().detail.startswith("2 undelivered,")
    assert spool.put({}, item_code="A").local_ref == "K0107-20261123-0005"  # not the removed 4
    assert spool.stats().pending == 3


def test_numbers_v1_handed_out_stay_taken(make_spool, db_path, key_path) -> None:
    """Far on, with the later entries removed and no ceiling yet (a device from before it)."""
    write_v1_spool(db_path, key_path, [V1Entry({"n": n}) for n in range(3)], now=START)
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE daily_sequence SET last = 700")
    raw.close()

    spool = make_spool()

    assert int(ceiling_path(db_path).read_text()) >= 700
    assert spool.put({}, item_code="A").local_ref == "K0107-20261123-0701"


def test_entries_are_never_deleted(spool, db_path) -> None:
    """Printed references are never handed out again: the day's last number is read from them."""
    spool.put({}, item_code="A")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        spool._conn.execute("DELETE FROM entries")


def _v4_spool_with_payments(db_path, key_path) -> dict[str, dict]:
    """A spool left by schema v4 holding a payment in each state v4 knew; the requests by
    key. Written by today's payment functions, whose v4 states wrote the same rows."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    requests = {}
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        migrate(conn, START.isoformat(), MIGRATIONS[:4])
        keys = keyring.unlock(conn, key_path, lambda event: None)
        answers = {"opening": None, "pending": {"status": "pending", "payment_id": "P-2"},
                   "paid": {"status": "paid", "payment_id": "P-3", "receipt_no": "R-3"},
                   "spooled": {"status": "paid", "payment_id": "P-4", "receipt_no": "R-4"},
                   "closed": {"status": "expired", "payment_id": "P-5"}}
        for n, (state, answer) in enumerate(answers.items()):
            key, request = f"key-{state}", {"item_code": "440106-GAJ-002",
                                            "amount_fen": 2000 + n,
                                            "applicant": {"id_number": f"ID-{n}"}}
            with write_transaction(conn):
                payments.record_opening(conn, keys.sealer, key, request, START.isoformat())
                if answer is not None:
                    payments.record_answer(conn, key, answer)
                if state == "spooled":
                    payments.record_spooled(conn, key, "K0107-20261123-0001")
                if state == "paid":
                    payments.record_visit_ended(conn, key)
            requests[key] = request
    finally:
        conn.close()
    return requests


def test_a_v4_spool_keeps_every_payment_through_v5(make_spool, db_path, key_path) -> None:
    """v5 copies the payments table to widen its states: a paid fee lost on the way would be
    a citizen's money the technician never hears of."""
    requests = _v4_spool_with_payments(db_path, key_path)

    spool = make_spool()

    assert spool._conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 5
    kept = {key: spool.payment(key) for key in requests}
    assert {key: record.state for key, record in kept.items()} == {
        "key-opening": "opening", "key-pending": "pending", "key-paid": "paid",
        "key-spooled": "spooled", "key-closed": "closed"}
    assert [kept[k].request for k in ("key-opening", "key-pending", "key-paid")] == [
        requests[k] for k in ("key-opening", "key-pending", "key-paid")]
    assert kept["key-paid"].receipt_no == "R-3" and kept["key-paid"].visit_ended
    assert kept["key-spooled"].local_ref == "K0107-20261123-0001"
    assert sorted(r.key for r in spool.unsettled_payments()) == ["key-opening", "key-paid",
                                                                  "key-pending"]
    spool.payment_cleared("key-paid")  # a v5 state, on a row v4 wrote
    assert spool.payment("key-paid").state == "cleared"
