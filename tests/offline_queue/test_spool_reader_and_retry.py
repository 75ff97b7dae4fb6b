"""A second process reading the kiosk's spool, and a delivery put off: read from outside.

Written against the mutants a whole run of `python -m bench.mutation --module
offline_queue` left alive (docs/BENCHMARKS.md): the reader's refusals say what a
technician must do, the reader finds a citizen's entries as the kiosk does, and
a retry leaves in the row exactly what it was told.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from spool_helpers import submission

from offline_queue import Spool, SpoolKeyError, SpoolSchemaError, SpoolStateError
from offline_queue.schema import MIGRATIONS

ID_NUMBER = "44030619900307123X"


def _row(db_path: Path, entry_id: str) -> tuple:
    with sqlite3.connect(db_path) as raw:
        return raw.execute("SELECT last_error, faults FROM entries WHERE id = ?",
                           (entry_id,)).fetchone()


def test_a_reader_finds_a_citizens_entries_as_the_kiosk_does(make_spool) -> None:
    kiosk = make_spool()
    entry = kiosk.put(submission(id_number=ID_NUMBER), item_code="A", applicant_id=ID_NUMBER)
    reader = make_spool()
    assert reader.guest
    assert [found.local_ref for found in reader.find_by_applicant(ID_NUMBER)] == [
        entry.local_ref]


def test_a_reader_of_a_spool_without_keys_is_told_the_kiosk_makes_them(make_spool,
                                                                       db_path) -> None:
    make_spool()  # the running kiosk
    with sqlite3.connect(db_path) as raw:
        raw.execute("DELETE FROM meta WHERE name = 'applicant_mac_key'")
    with pytest.raises(SpoolKeyError) as refused:
        make_spool()
    assert str(refused.value) == ("the spool has no keys yet; the kiosk makes them at its "
                                  "first start")


def test_a_reader_with_another_key_file_is_told_to_try_again(make_spool, db_path, clock,
                                                             tmp_path) -> None:
    make_spool()  # the running kiosk
    other_key = tmp_path / "other" / "spool.key"
    Spool(tmp_path / "other" / "spool.db", other_key, device_prefix="K0108",
          clock=clock).close()
    with pytest.raises(SpoolKeyError) as refused:
        Spool(db_path, other_key, device_prefix="K0107", clock=clock)
    assert str(refused.value) == (f"key file {other_key} does not open this spool (a key "
                                  "rotation may be under way); try again in a moment")


def test_a_reader_of_a_newer_schema_is_told_to_stop_the_kiosk(make_spool, db_path) -> None:
    make_spool()  # the running kiosk, after an update this software does not know
    latest = MIGRATIONS[-1].version
    with sqlite3.connect(db_path) as raw:
        raw.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                    (latest + 1, "2026-12-07T00:00:00+08:00", "a later kiosk"))
    with pytest.raises(SpoolSchemaError) as refused:
        make_spool()
    assert str(refused.value) == (f"the running kiosk's spool is at schema v{latest + 1}, "
                                  f"this software knows v{latest}; stop the kiosk and run "
                                  "this again")


def test_a_retry_keeps_its_error_cut_at_500_and_counts_only_faults(spool, db_path,
                                                                   clock) -> None:
    plain, broken = (spool.put(submission(), item_code=code) for code in ("A", "B"))
    spool.claim_due(2)
    later = clock() + timedelta(minutes=5)
    spool.mark_retry(plain.id, error="x" * 499 + "yz", retry_at=later)
    spool.mark_retry(broken.id, error="the answer broke the contract", retry_at=later,
                     fault=True)
    assert _row(db_path, plain.id) == ("x" * 499 + "y", 0)
    assert _row(db_path, broken.id) == ("the answer broke the contract", 1)


def test_a_retry_of_a_delivered_entry_or_without_an_offset_is_refused_by_name(
        spool, clock) -> None:
    entry = spool.put(submission(), item_code="A")
    spool.claim_due(1)
    with pytest.raises(ValueError) as refused:
        spool.mark_retry(entry.id, error="HTTP 503", retry_at=datetime(2026, 11, 23, 3, 5))
    assert str(refused.value) == "retry_at must be a timezone-aware datetime"
    spool.mark_delivered(entry.id, case_no="C-1", status="received",
                         received_at=clock().isoformat())
    with pytest.raises(SpoolStateError) as refused:
        spool.mark_retry(entry.id, error="HTTP 503", retry_at=clock())
    assert str(refused.value) == f"cannot retry entry {entry.id}: it is delivered"
