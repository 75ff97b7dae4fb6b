"""A second process reading the kiosk's spool, and a delivery put off: read from outside.

Written against the mutants a whole run of `python -m bench.mutation --module
offline_queue` left alive (docs/BENCHMARKS.md): the reader's refusals say what a
technician must do, the reader finds a citizen's entries as the kiosk does, and
a retry leaves in the row exactly what it was told.
"""

from __future__ import annotations

import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from spool_helpers import submission

from offline_queue import (
    Delivery,
    Spool,
    SpoolEntryNotFound,
    SpoolError,
    SpoolHeld,
    SpoolKeyError,
    SpoolSchemaError,
    SpoolStateError,
)
from offline_queue.owner import OwnerLock, owner_lock_path
from offline_queue.schema import MIGRATIONS

ID_NUMBER = "44030619900307123X"


def _row(db_path: Path, entry_id: str) -> tuple:
    with sqlite3.connect(db_path) as raw:
        return raw.execute("SELECT last_error, faults FROM entries WHERE id = ?",
                           (entry_id,)).fetchone()


def _read_while_the_kiosk_holds_it(make_spool, db_path: Path) -> str:
    """What a second process is told, opening the spool while the kiosk holds it."""
    kiosk = OwnerLock(owner_lock_path(db_path))
    assert kiosk.take()
    try:
        with pytest.raises(SpoolError) as refused:
            make_spool()
    finally:
        kiosk.release()
    return str(refused.value)


def test_a_reader_of_a_damaged_database_leaves_it_and_says_to_stop_the_kiosk(
        make_spool, db_path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"not a database" * 100)
    said = _read_while_the_kiosk_holds_it(make_spool, db_path)
    assert said.startswith(f"the spool database {db_path} failed its check (")
    assert said.endswith(") while the running kiosk holds it; stop the kiosk (systemctl stop "
                         "kiosk) and run this again: the next to open it sets it aside")
    assert db_path.read_bytes() == b"not a database" * 100  # left where it is


def test_a_reader_that_cannot_open_the_database_names_it(make_spool, db_path) -> None:
    db_path.mkdir(parents=True)  # a folder where the database should be
    said = _read_while_the_kiosk_holds_it(make_spool, db_path)
    assert said.startswith(f"cannot read the spool database {db_path}: ")


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
    assert [(spool.get(e.id).next_attempt_at, spool.get(e.id).faults)
            for e in (plain, broken)] == [(later, 0), (later, 1)]


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


def test_a_buried_entry_keeps_its_problems_title_cut_at_200_or_says_dead_letter(
        spool, db_path) -> None:
    titled, untitled = (spool.put(submission(), item_code=code) for code in ("A", "B"))
    spool.claim_due(2)
    spool.mark_dead(titled.id, problem={"status": 422, "title": "t" * 199 + "uv"})
    spool.mark_dead(untitled.id, problem={"status": 409})
    assert _row(db_path, titled.id) == ("t" * 199 + "u", 0)
    assert _row(db_path, untitled.id) == ("dead letter", 0)
    with pytest.raises(SpoolStateError) as refused:
        spool.mark_dead(titled.id, problem={"status": 422})
    assert str(refused.value) == f"cannot bury entry {titled.id}: it is dead"


def test_an_entry_that_is_not_there_is_named(spool) -> None:
    with pytest.raises(SpoolEntryNotFound) as missing:
        spool.get("e-missing")
    assert str(missing.value) == "no spool entry has id e-missing"


def test_the_kiosk_with_another_key_file_is_told_to_restore_its_own(make_spool, db_path,
                                                                   clock, tmp_path) -> None:
    make_spool().close()
    other_key = tmp_path / "other" / "spool.key"
    Spool(tmp_path / "other" / "spool.db", other_key, device_prefix="K0108",
          clock=clock).close()
    with pytest.raises(SpoolKeyError) as refused:
        Spool(db_path, other_key, device_prefix="K0107", clock=clock)
    assert str(refused.value) == (f"key file {other_key} does not open this spool; restore "
                                  "the key file this kiosk was using")


def test_a_batch_marks_every_new_acceptance_past_one_already_marked(spool, db_path,
                                                                    clock) -> None:
    first, second = (spool.put(submission(), item_code=code) for code in ("A", "B"))
    spool.claim_due(2)
    now = clock().isoformat()
    spool.mark_delivered(first.id, case_no="C-1", status="received", received_at=now)
    spool.mark_delivered_many([Delivery(first.id, "C-1", "received", now),
                               Delivery(second.id, "C-2", "received", now)])
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT state, case_no FROM entries ORDER BY item_code").fetchall(
            ) == [("delivered", "C-1"), ("delivered", "C-2")]


def test_a_delivery_of_a_dead_or_missing_entry_is_refused_by_name(spool, clock) -> None:
    entry = spool.put(submission(), item_code="A")
    spool.claim_due(1)
    spool.mark_dead(entry.id, problem={"status": 422})
    now = clock().isoformat()
    with pytest.raises(SpoolStateError) as refused:
        spool.mark_delivered(entry.id, case_no="C-1", status="received", received_at=now)
    assert str(refused.value) == f"cannot deliver entry {entry.id}: it is dead"
    with pytest.raises(SpoolEntryNotFound) as missing:
        spool.mark_delivered("e-missing", case_no="C-1", status="received", received_at=now)
    assert str(missing.value) == "no spool entry has id e-missing"


def test_a_put_without_an_item_or_by_a_reader_is_refused_saying_why(make_spool) -> None:
    kiosk = make_spool()
    with pytest.raises(ValueError) as refused:
        kiosk.put(submission(), item_code="")
    assert str(refused.value) == "item_code must not be empty"
    with pytest.raises(SpoolHeld, match=r"\(only the kiosk spools submissions\)"):
        make_spool().put(submission(), item_code="A")
    assert kiosk.stats().pending == 0


def test_a_key_in_folders_not_made_yet_gets_them_the_last_private(db_path, clock,
                                                                   tmp_path) -> None:
    key_path = tmp_path / "keys" / "spool" / "spool.key"
    Spool(db_path, key_path, device_prefix="K0107", clock=clock).close()
    assert stat.S_IMODE(key_path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600


def test_a_second_kiosk_process_is_asked_whether_the_kiosk_runs_twice(make_spool) -> None:
    make_spool()
    with pytest.raises(SpoolHeld, match=r"\(another kiosk process holds it: is the kiosk "
                                        r"running twice\?\)"):
        make_spool(exclusive=True)
