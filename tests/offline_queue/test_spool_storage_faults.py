"""A full disk, a corrupt file and schema changes leave the spool usable and the data intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from offline_queue import EntryState, SpoolError, SpoolSchemaError, SpoolWriteFailed
from offline_queue.schema import MIGRATIONS, Migration, migrate


def _quick_check(db_path: Path) -> str:
    with sqlite3.connect(db_path) as raw:
        verdict = raw.execute("PRAGMA quick_check").fetchone()[0]
    raw.close()
    return verdict


def test_the_database_is_wal_with_full_sync(spool) -> None:
    conn = spool._conn  # the pragmas are per connection: look at the spool's own
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_the_page_cache_has_a_fixed_bound_below_sqlites_default(spool) -> None:
    """A kiosk runs for months: SQLite's default cache (2 MiB) filled a page at a time as the
    spool grew and showed as resident memory growing through bench.endurance."""
    assert spool._conn.execute("PRAGMA cache_size").fetchone()[0] == -512  # KiB, not pages


def test_a_full_disk_fails_the_put_and_leaves_the_database_usable(spool, db_path) -> None:
    kept = [spool.put({"n": n}, item_code="A") for n in range(3)]
    conn = spool._conn  # SQLite's per-connection size cap makes the real SQLITE_FULL
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages + 2}")
    big = {"blob": "x" * 20_000}

    with pytest.raises(SpoolWriteFailed) as failed:
        for _ in range(10):
            spool.put(big, item_code="A")

    assert failed.value.code == "disk_full"
    assert spool.stats().pending in range(3, 13)
    assert _quick_check(db_path) == "ok"
    conn.execute("PRAGMA max_page_count=1073741823")
    after = spool.put({"n": "after"}, item_code="A")
    assert int(after.local_ref[-4:]) == spool.stats().pending  # no reference was burnt
    assert [spool.get(e.id).payload for e in kept] == [{"n": 0}, {"n": 1}, {"n": 2}]


def test_a_file_that_is_not_a_database_is_moved_aside(make_spool, db_path, events) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not an SQLite database, it is a power cut" * 100)

    spool = make_spool()

    moved = db_path.with_name("spool.db.corrupt-20261123T030000")
    assert moved.read_bytes().startswith(b"this is not an SQLite database")
    assert [e.code for e in events] == ["db_quarantined"] and str(moved) in events[0].detail
    assert spool.put({}, item_code="A").local_ref == "K0107-20261123-0001"


def test_a_database_with_damaged_pages_is_moved_aside(make_spool, db_path, events) -> None:
    spool = make_spool()
    for n in range(50):
        spool.put({"n": n, "pad": "x" * 500}, item_code="A")
    spool.close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = raw.execute("PRAGMA page_size").fetchone()[0]
        root = raw.execute("SELECT rootpage FROM sqlite_master "
                           "WHERE name = 'entries'").fetchone()[0]
    raw.close()
    original = db_path.read_bytes()
    with db_path.open("r+b") as f:  # scribble over the entries table's root page
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)

    reopened = make_spool()

    corrupt = list(db_path.parent.glob("spool.db.corrupt-*"))
    assert [p.name for p in corrupt] == ["spool.db.corrupt-20261123T030000"]
    assert len(corrupt[0].read_bytes()) == len(original)  # kept whole, never deleted
    assert events[-1].code == "db_quarantined"
    assert reopened.stats().pending == 0 and _quick_check(db_path) == "ok"


def test_a_second_quarantine_on_the_same_second_gets_its_own_name(make_spool, db_path) -> None:
    db_path.parent.mkdir(parents=True)
    for _ in range(2):
        db_path.write_bytes(b"garbage" * 1000)
        make_spool().close()
    names = sorted(p.name for p in db_path.parent.glob("spool.db.corrupt-*"))
    assert names == ["spool.db.corrupt-20261123T030000", "spool.db.corrupt-20261123T030000-2"]


def test_migrations_run_in_order_and_a_new_one_keeps_the_data(spool, db_path) -> None:
    entry = spool.put({"n": 1}, item_code="A")
    latest = MIGRATIONS[-1].version
    step = Migration(latest + 1, "remember the item version", (
        "ALTER TABLE entries ADD COLUMN item_version INTEGER",))

    assert migrate(spool._conn, "2026-11-24T00:00:00+08:00", (*MIGRATIONS, step)) == latest + 1

    versions = spool._conn.execute("SELECT version FROM schema_version ORDER BY version")
    assert [v[0] for v in versions] == list(range(1, latest + 2))
    assert spool.get(entry.id).payload == {"n": 1}
    assert spool._conn.execute("SELECT item_version FROM entries").fetchone()[0] is None


def test_a_database_from_newer_software_is_refused(make_spool, db_path) -> None:
    make_spool().close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("INSERT INTO schema_version VALUES (99, 'future', 'then')")
    raw.close()
    with pytest.raises(SpoolSchemaError, match="v99"):
        make_spool()
    assert not list(db_path.parent.glob("*.corrupt-*"))


def test_a_retry_of_the_put_after_disk_full_succeeds(spool) -> None:
    """The visit flow may try again once space is back; the gate is what stops new visits."""
    conn = spool._conn
    conn.execute(f"PRAGMA max_page_count={conn.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(SpoolWriteFailed):
        spool.put({"pad": "x" * 50_000}, item_code="A")
    conn.execute("PRAGMA max_page_count=1073741823")
    assert spool.put({"pad": "x"}, item_code="A").state == EntryState.PENDING


def test_a_database_path_that_cannot_be_opened_is_a_typed_error(make_spool, db_path) -> None:
    db_path.mkdir(parents=True)  # a folder where the file should be
    with pytest.raises(SpoolError, match="cannot open the spool database"):
        make_spool()
    assert db_path.is_dir() and not list(db_path.parent.glob("*.corrupt-*"))
