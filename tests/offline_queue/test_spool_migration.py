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

from offline_queue import EntryState
from offline_queue.refs import ceiling_path

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
    assert spool._conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 4
    assert "payments" in tables  # v4: fees kept from before their request to their spooling
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
