"""What the spool leaves behind, read back from outside: the rows, the files, the errors.

Written against the mutants `python -m bench.mutation --module offline_queue` found
alive (docs/BENCHMARKS.md): each test reads the effect a change would lose (a
row through a fresh connection, the bytes of a file, the message a technician
reads), never the spool's own record of having done it.
"""

from __future__ import annotations

import hmac
import json
import os
import sqlite3
import uuid
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

import pytest
from spool_helpers import submission

from offline_queue import (
    GateLimits,
    GateVerdict,
    Spool,
    SpoolEntryNotFound,
    SpoolGateClosed,
    SpoolHeld,
    SpoolImportError,
    SpoolIntegrityError,
    SpoolKeyError,
    SpoolSchemaError,
    SpoolStateError,
    SpoolWriteFailed,
)
from offline_queue.database import _quarantine as quarantine
from offline_queue.database import set_aside, write_transaction
from offline_queue.keyfile import backup_key_path, pending_key_path
from offline_queue.owner import OwnerLock, owner_lock_path
from offline_queue.refs import ceiling_path, read_receipt_code, receipt_code
from offline_queue.sealing import Sealer, applicant_digest
from offline_queue.times import to_micros

ID_NUMBER = "44030619900307123X"
TOKEN = "q7Fz-2Xw_9kLm3Np"


def _raw(db_path: Path) -> sqlite3.Connection:
    """A connection of the test's own: what another process would read."""
    return sqlite3.connect(db_path, isolation_level=None)


# -- keys ------------------------------------------------------------------------------


def test_after_a_rotation_the_open_spool_seals_and_finds_under_the_new_key(
        make_spool, key_path) -> None:
    spool = make_spool()
    before = spool.put(submission(), item_code="A", applicant_id=ID_NUMBER)
    spool.rotate_key()
    after = spool.put(submission(), item_code="A", applicant_id=ID_NUMBER)
    assert spool.get(after.id).payload == submission()
    assert {s.local_ref for s in spool.find_by_applicant(ID_NUMBER)} == {
        before.local_ref, after.local_ref}
    spool.close()
    assert make_spool().get(after.id).payload == submission()  # sealed under the key on disk


def test_key_files_left_beside_the_key_do_not_stop_a_rotation(spool, key_path) -> None:
    """A technician's copies named like a rotation's own files, made while the kiosk runs."""
    entry = spool.put(submission(), item_code="A")
    for leftover in (backup_key_path(key_path), pending_key_path(key_path)):
        leftover.write_bytes(b"\0" * 32)
        leftover.chmod(0o600)
    spool.rotate_key()
    assert spool.get(entry.id).payload == submission()
    assert not backup_key_path(key_path).exists() and not pending_key_path(key_path).exists()


def test_a_rotation_refused_for_an_unreadable_problem_names_the_entry(spool,
                                                                     db_path) -> None:
    entry = spool.put(submission(), item_code="A")
    spool.claim_due(1)
    spool.mark_dead(entry.id, problem={"title": "never"})
    with _raw(db_path) as raw:
        raw.execute("UPDATE entries SET sealed_problem = zeroblob(64)")
    raw.close()
    with pytest.raises(SpoolIntegrityError) as refused:
        spool.rotate_key()
    assert str(refused.value) == (f"entry {entry.local_ref} is unreadable; export or resolve "
                                  "it before rotating the key")


# -- a receipt's code ------------------------------------------------------------------


def test_a_receipt_code_reads_back_and_nothing_else_does() -> None:
    ref = "K0107-20261123-0001"
    assert read_receipt_code(receipt_code(ref, TOKEN)) == (ref, TOKEN)
    for other in (ref, f"{ref}.short", f"{ref}.{TOKEN} ", f"x{ref}.{TOKEN}", ""):
        assert read_receipt_code(other) is None


def test_an_altered_entry_vouches_for_no_token(spool, db_path) -> None:
    entry = spool.put({**submission(), "lookup_token": TOKEN}, item_code="A")
    with _raw(db_path) as raw:
        raw.execute("UPDATE entries SET sealed_payload = zeroblob(80)")
    raw.close()
    summary, token = spool.receipt_of(entry.local_ref)
    assert (summary.local_ref, token) == (entry.local_ref, None)
    assert spool.find_by_local_ref(entry.local_ref, TOKEN) is None


@pytest.mark.parametrize("stored", ["", 12345, None])
def test_an_empty_or_odd_token_is_no_token_and_finds_nothing(spool, stored) -> None:
    entry = spool.put({**submission(), "lookup_token": stored}, item_code="A")
    assert spool.receipt_of(entry.local_ref)[1] is None
    assert spool.find_by_local_ref(entry.local_ref, "" if stored is None else str(stored)) \
        is None


# -- the files it sets aside --------------------------------------------------------------


def test_a_damaged_database_is_set_aside_and_listed_oldest_first(make_spool, db_path,
                                                                 clock) -> None:
    db_path.parent.mkdir(parents=True)
    moved = []
    for _ in range(2):
        db_path.write_bytes(b"not a database" * 100)
        spool = make_spool()
        moved = spool.set_aside()
        spool.close()
        clock.advance(seconds=1)
    assert [p.name for p in moved] == ["spool.db.corrupt-20261123T030000",
                                       "spool.db.corrupt-20261123T030001"]
    assert all(p.read_bytes().startswith(b"not a database") for p in moved)
    for side in ("-wal", "-shm"):  # a moved database's side files are not listed
        Path(f"{moved[0]}{side}").write_bytes(b"side")
    assert set_aside(db_path) == moved


# -- the gate's limits and the errors' messages -------------------------------------------


@pytest.mark.parametrize("limits", [
    {"min_free_bytes": 0, "max_backlog": 1},
    {"max_offline": timedelta(microseconds=1), "retention": timedelta(microseconds=1)},
])
def test_the_smallest_limits_are_taken(limits) -> None:
    assert GateLimits(**limits)


FLOORS = "min_free_bytes must be >= 0 and max_backlog >= 1"
DURATIONS = "max_offline and retention must be positive"


@pytest.mark.parametrize(("limits", "message"), [
    ({"min_free_bytes": -1}, FLOORS), ({"max_backlog": 0}, FLOORS),
    ({"max_offline": timedelta(0)}, DURATIONS), ({"retention": timedelta(0)}, DURATIONS),
    ({"max_offline": -timedelta(hours=1)}, DURATIONS),
])
def test_limits_below_them_are_refused_and_say_which(limits, message) -> None:
    with pytest.raises(ValueError) as refused:
        GateLimits(**limits)
    assert str(refused.value) == message


def test_a_spool_no_kiosk_set_up_yet_is_not_read_by_a_second_process(make_spool,
                                                                      db_path) -> None:
    db_path.parent.mkdir(parents=True)
    sqlite3.connect(db_path).close()  # an empty file: no kiosk has opened it
    kiosk = OwnerLock(owner_lock_path(db_path))  # the running kiosk, as it holds it
    assert kiosk.take()
    try:
        with pytest.raises(SpoolSchemaError) as refused:
            make_spool()
    finally:
        kiosk.release()
    assert str(refused.value) == ("the spool is not set up yet; the kiosk sets it up at its "
                                  "first start")


def test_errors_say_what_a_technician_needs() -> None:
    closed = SpoolGateClosed(GateVerdict(False, "disk_low", "10 bytes free"))
    assert str(closed) == "spool gate closed: disk_low (10 bytes free)"
    assert closed.verdict.reason == "disk_low"
    failed = SpoolWriteFailed("disk_full", "database or disk is full")
    assert str(failed) == "spool write failed: disk_full (database or disk is full)"
    assert failed.code == "disk_full"
    missing = SpoolEntryNotFound("e-1")
    assert (missing.args, str(missing)) == (("e-1",), "no spool entry has id e-1")


# -- what a technician and a citizen are shown ---------------------------------------------


def test_the_listing_shows_each_entrys_attempts_wait_error_and_case(spool, clock) -> None:
    waiting, delivered = (spool.put(submission(), item_code=code) for code in ("A", "B"))
    spool.claim_due(2)
    retry_at = clock() + timedelta(minutes=5)
    spool.mark_retry(waiting.id, error="HTTP 503", retry_at=retry_at)
    spool.mark_delivered(delivered.id, case_no="C-1", status="received",
                         received_at=clock().isoformat())
    assert [(e.id, e.local_ref, e.item_code, e.state, e.created_at, e.attempts,
             e.next_attempt_at, e.last_error, e.case_no) for e in spool.list_entries()] == [
        (waiting.id, waiting.local_ref, "A", "pending", clock(), 1, retry_at, "HTTP 503", None),
        (delivered.id, delivered.local_ref, "B", "delivered", clock(), 1, None, None, "C-1")]
    assert [e.id for e in spool.list_entries("delivered")] == [delivered.id]


def test_a_citizens_summary_says_when_the_entry_was_made(spool, clock) -> None:
    entry = spool.put(submission(), item_code="A", applicant_id=ID_NUMBER)
    [summary] = spool.find_by_applicant(ID_NUMBER)
    assert (summary.local_ref, summary.item_code, summary.state, summary.created_at,
            summary.case_no) == (entry.local_ref, "A", "pending", clock(), None)


# -- handing entries over -----------------------------------------------------------------


def _export_line(spool, tmp_path: Path, **changes) -> Path:
    """A one-line export file of a fresh entry of another kiosk, with `changes` made."""
    entry = spool.put(submission(), item_code="A")
    out = tmp_path / f"export-{entry.local_ref}.jsonl"
    spool.export(out, state="pending")
    record = json.loads(out.read_text().splitlines()[-1])
    record.update({"id": str(uuid.uuid4()), "local_ref": "K0200-20261123-0001", **changes})
    out.write_text(json.dumps(record) + "\n")
    return out


def test_an_entry_imported_in_flight_or_pending_is_due_at_once(spool, tmp_path,
                                                                clock) -> None:
    files = [_export_line(spool, tmp_path, state=state, local_ref=f"K0200-20261123-000{n}")
             for n, state in enumerate(("in_flight", "pending"), 1)]
    for claimed in spool.claim_due(10):
        spool.mark_delivered(claimed.id, case_no="C-0", status="received",
                             received_at=clock().isoformat())
    for file in files:
        spool.import_file(file)
    assert [(e.local_ref, e.state, e.next_attempt_at) for e in spool.list_entries("pending")] \
        == [("K0200-20261123-0001", "pending", clock()),
            ("K0200-20261123-0002", "pending", clock())]
    assert [e.local_ref for e in spool.claim_due(10)] == ["K0200-20261123-0001",
                                                          "K0200-20261123-0002"]


def test_an_entry_imported_delivered_waits_for_nothing(spool, tmp_path, clock) -> None:
    spool.import_file(_export_line(spool, tmp_path, state="delivered", case_no="C-9"))
    [imported] = spool.list_entries("delivered")
    assert (imported.case_no, imported.next_attempt_at) == ("C-9", None)


@pytest.mark.parametrize(("changes", "message"), [
    ({"attempts": -1}, "attempts must not be negative"),
    ({"attempts": True}, "field 'attempts' has the wrong type"),
    ({"state": "delivered", "case_no": None}, "a delivered entry needs its case_no"),
    ({"state": "delivered", "case_no": ""}, "a delivered entry needs its case_no"),
    ({"item_code": ""}, "local_ref and item_code must not be empty"),
    ({"local_ref": ""}, "local_ref and item_code must not be empty"),
])
def test_an_import_line_that_breaks_a_rule_is_refused_by_name(spool, tmp_path, changes,
                                                              message) -> None:
    bad = _export_line(spool, tmp_path, **changes)
    before = spool.stats()
    with pytest.raises(SpoolImportError) as refused:
        spool.import_file(bad)
    assert str(refused.value) == f"{bad}:1: {message}"
    assert spool.stats() == before


@pytest.mark.parametrize("changes", [{"attempts": 0}, {"attempts": 7},
                                     {"state": "delivered", "case_no": "C-1"}])
def test_an_import_line_at_the_edge_of_the_rules_is_taken(spool, tmp_path, changes) -> None:
    assert spool.import_file(_export_line(spool, tmp_path, **changes)).added == 1
    imported = spool.list_entries()[-1]
    assert imported.local_ref == "K0200-20261123-0001"
    assert imported.attempts == changes.get("attempts", 0)


def test_retrying_a_delivered_entry_is_refused_by_name(spool, clock) -> None:
    entry = spool.put(submission(), item_code="A")
    spool.claim_due(1)
    spool.mark_delivered(entry.id, case_no="C-1", status="received",
                         received_at=clock().isoformat())
    with pytest.raises(SpoolStateError) as refused:
        spool.retry(entry.id)
    assert str(refused.value) == f"cannot retry entry {entry.id}: it is delivered"


def test_an_imported_entry_keeps_what_it_had_and_seals_nothing_it_did_not(
        spool, tmp_path, db_path, clock) -> None:
    with_all = _export_line(spool, tmp_path, applicant_id=ID_NUMBER,
                            problem={"title": "never"}, local_ref="K0200-20261123-0001")
    bare = _export_line(spool, tmp_path, applicant_id=None, problem=None, payload=None,
                        state="delivered", case_no="C-2", local_ref="K0200-20261123-0002")
    for file in (with_all, bare):
        assert spool.import_file(file).added == 1
    out = tmp_path / "again.jsonl"
    spool.export(out, state="pending")
    again = json.loads(out.read_text().splitlines()[-1])
    assert (again["local_ref"], again["applicant_id"], again["problem"]) == (
        "K0200-20261123-0001", ID_NUMBER, {"title": "never"})
    with _raw(db_path) as raw:
        row = raw.execute("""SELECT sealed_payload, applicant_digest, sealed_problem
                             FROM entries WHERE local_ref = 'K0200-20261123-0002'""").fetchone()
    raw.close()
    assert row == (None, None, None)


def test_an_entry_imported_delivered_is_purged_when_its_retention_ends(spool, tmp_path,
                                                                       clock) -> None:
    spool.import_file(_export_line(spool, tmp_path, state="delivered", case_no="C-9"))
    assert spool.purge(clock() + spool.limits.retention - timedelta(seconds=1)) == 0
    assert spool.purge(clock() + spool.limits.retention + timedelta(seconds=1)) == 1
    [imported] = spool.list_entries("delivered")
    assert spool.get(imported.id).payload is None


def test_an_export_keeps_the_delivery_and_the_text_as_written(spool, tmp_path,
                                                             clock) -> None:
    entry = spool.put(submission("欧阳娜娜"), item_code="A")
    spool.claim_due(1)
    spool.mark_retry(entry.id, error="HTTP 503", retry_at=clock())
    spool.claim_due(1)
    spool.mark_delivered(entry.id, case_no="C-7", status="received",
                         received_at="2026-11-23T03:00:00+08:00")
    out = tmp_path / "delivered.jsonl"
    spool.export(out, state="delivered")
    raw = out.read_bytes()
    assert "欧阳娜娜".encode() in raw  # UTF-8 as written, not \\u escapes
    record = json.loads(raw)
    assert (record["last_error"], record["case_no"], record["case_status"],
            record["received_at"]) == ("HTTP 503", "C-7", "received",
                                       "2026-11-23T03:00:00+08:00")


@pytest.mark.parametrize(("line", "message"), [
    (b"{not json", "not JSON"),
    (b'{"id": "x"}', "not an offline_queue.export/1 record"),
    (b"\xff\xfe{}", "not UTF-8 text"),
])
def test_an_import_file_that_is_no_export_is_refused_by_name(spool, tmp_path, line,
                                                            message) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(line + b"\n")
    with pytest.raises(SpoolImportError) as refused:
        spool.import_file(bad)
    assert str(refused.value).startswith(f"{bad}")
    assert message in str(refused.value)


def test_an_import_line_with_an_empty_id_is_refused(spool, tmp_path) -> None:
    bad = _export_line(spool, tmp_path)
    record = json.loads(bad.read_text())
    bad.write_text(json.dumps({**record, "id": ""}) + "\n")
    with pytest.raises(SpoolImportError, match="id is not a lowercase UUID"):
        spool.import_file(bad)


# -- what it says ------------------------------------------------------------------------


def test_a_held_spool_says_who_holds_it_and_what_to_do() -> None:
    advice = "; use the technician screen, or stop the kiosk first (systemctl stop kiosk)"
    assert str(SpoolHeld()) == "the running kiosk owns the spool" + advice
    assert str(SpoolHeld("it is busy")) == "the running kiosk owns the spool (it is busy)" \
        + advice


def test_neither_the_key_nor_more_than_the_files_show_in_a_repr(spool, db_path,
                                                                key_path) -> None:
    assert repr(Sealer(key_path.read_bytes())) == "Sealer(<key hidden>)"
    assert repr(spool) == f"Spool({str(db_path)!r}, device_prefix='K0107')"


def test_a_set_aside_database_is_logged_and_reported_with_what_happened(
        make_spool, db_path, events, caplog) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"not a database" * 100)
    make_spool()
    [event] = events
    assert event.code == "db_quarantined"
    assert event.detail.endswith("(file is not a database); a new empty one is in use")
    assert f"spool db_quarantined: {event.detail}" in caplog.messages


def test_an_error_python_raises_without_an_sqlite_code_passes_through(db_path) -> None:
    """A value SQLite cannot store is refused by Python's sqlite3, with no SQLite error code:
    it passes through as it is, the transaction rolled back."""
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        with pytest.raises(sqlite3.ProgrammingError), write_transaction(conn):
            conn.execute("SELECT ?", (object(),))
        assert not conn.in_transaction
    finally:
        conn.close()


@pytest.mark.parametrize("left", ["-wal", "-shm"])
def test_a_quarantine_moves_the_side_files_and_never_over_an_earlier_one(tmp_path,
                                                                         left) -> None:
    """An earlier quarantine's side file alone is enough to take the next name."""
    path = tmp_path / "spool.db"
    earlier = tmp_path / "spool.db.corrupt-T1"
    for name, side in ((path, "-wal"), (path, "-shm"), (path, ""), (earlier, left)):
        Path(f"{name}{side}").write_text(f"{name.name}{side}")
    moved = quarantine(path, "T1")
    assert moved == tmp_path / "spool.db.corrupt-T1-2"
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {
        f"spool.db.corrupt-T1{left}": f"spool.db.corrupt-T1{left}",
        "spool.db.corrupt-T1-2": "spool.db", "spool.db.corrupt-T1-2-wal": "spool.db-wal",
        "spool.db.corrupt-T1-2-shm": "spool.db-shm"}


# -- sealing and the key file, as they are on disk ------------------------------------------


def _seal_by_hand(db_path: Path, key_path: Path, entry_id: str, purpose: str,
                  value: dict) -> None:
    """Seal `value` into the entry's row as the file format says: AES-GCM under the key
    file's key, bound to `offline_queue/<purpose>/<entry id>`."""
    ours = Sealer(key_path.read_bytes()).seal_json(
        f"offline_queue/{purpose}/{entry_id}".encode(), value)
    with _raw(db_path) as raw:
        raw.execute(f"UPDATE entries SET sealed_{purpose} = ? WHERE id = ?", (ours, entry_id))
    raw.close()


def test_what_is_sealed_as_the_format_says_opens(spool, db_path, key_path) -> None:
    """The associated data is part of the file format: what a kiosk sealed before an
    upgrade must still open, so the test seals by the documented recipe itself."""
    entry = spool.put(submission(), item_code="A")
    spool.claim_due(1)
    spool.mark_dead(entry.id, problem={"title": "first"})
    _seal_by_hand(db_path, key_path, entry.id, "problem", {"title": "sealed by hand"})
    _seal_by_hand(db_path, key_path, entry.id, "payload",
                  {"payload": {"sealed": "by hand"}, "applicant_id": None})
    opened = spool.get(entry.id)
    assert (opened.problem, opened.payload) == ({"title": "sealed by hand"},
                                                {"sealed": "by hand"})


def test_the_shortest_sealed_value_opens_one_byte_less_or_elsewhere_does_not(key_path,
                                                                        spool) -> None:
    sealer = Sealer(key_path.read_bytes())
    empty = sealer.seal(b"aad", b"")
    assert len(empty) == 28 and sealer.unseal(b"aad", empty) == b""
    with pytest.raises(SpoolIntegrityError) as refused:
        sealer.unseal(b"aad", empty[:-1])
    assert str(refused.value) == "sealed value is truncated"
    with pytest.raises(SpoolIntegrityError) as refused:
        sealer.unseal(b"another row", empty)
    assert str(refused.value) == ("sealed value failed authentication (tampered, moved between "
                                  "rows, or wrong key)")


def test_an_applicant_digest_is_the_hmac_of_the_upper_case_number() -> None:
    key = bytes(range(32))
    expected = hmac.digest(key, b"11010519491231002X", "sha256")
    assert applicant_digest(key, " 11010519491231002x ") == expected


def test_a_key_file_that_is_a_folder_or_the_wrong_size_is_refused_by_name(make_spool,
                                                                          key_path) -> None:
    key_path.parent.mkdir(parents=True)
    key_path.mkdir()
    with pytest.raises(SpoolKeyError) as refused:
        make_spool()
    assert str(refused.value) == f"key file {key_path} is not a regular file"
    key_path.rmdir()
    key_path.write_bytes(b"k" * 31)
    key_path.chmod(0o600)
    with pytest.raises(SpoolKeyError) as refused:
        make_spool()
    assert str(refused.value) == (f"key file {key_path} holds 31 bytes, expected 32; restore "
                                  "it from backup (a new key cannot open the spool)")


def test_a_symlinked_key_file_is_refused_with_what_it_must_be(make_spool, key_path,
                                                              tmp_path) -> None:
    key_path.parent.mkdir(parents=True)
    (tmp_path / "elsewhere.key").write_bytes(b"k" * 32)
    key_path.symlink_to(tmp_path / "elsewhere.key")
    with pytest.raises(SpoolKeyError) as refused:
        make_spool()
    assert str(refused.value).endswith("it must be a regular file, not a symlink")


def test_a_fifo_in_place_of_the_key_file_is_refused_not_waited_on(make_spool,
                                                                  key_path) -> None:
    key_path.parent.mkdir(parents=True)
    os.mkfifo(key_path, 0o600)
    with pytest.raises(SpoolKeyError, match="is not a regular file"):
        make_spool()


def test_the_files_beside_the_spool_have_the_names_a_technician_is_told(db_path,
                                                                       key_path) -> None:
    assert (pending_key_path(key_path).name, backup_key_path(key_path).name) == (
        "spool.key.new", "spool.key.old")
    assert owner_lock_path(db_path).name == "spool.db.owner"
    assert ceiling_path(db_path).name == "spool.refs"


def test_a_spool_in_a_folder_not_made_yet_opens_and_its_lock_is_private(tmp_path,
                                                                        clock) -> None:
    db_path = tmp_path / "var" / "lib" / "kiosk" / "spool.db"
    with Spool(db_path, tmp_path / "keys" / "spool.key", device_prefix="K0107",
               clock=clock, disk_free=lambda: 10**12) as spool:
        spool.put(submission(), item_code="A")
        assert owner_lock_path(db_path).stat().st_mode & 0o777 == 0o600


def test_times_are_stored_as_whole_microseconds(spool, db_path, clock) -> None:
    clock.now = clock.now.replace(microsecond=123457)
    spool.put(submission(), item_code="A")
    with _raw(db_path) as raw:
        stored = raw.execute("SELECT typeof(created_us), created_us FROM entries").fetchone()
    raw.close()
    assert stored == ("integer", to_micros(clock.now))
    assert to_micros(clock.now) % 1_000_000 == 123457


class _NoOffset(tzinfo):
    """A zone that will not say its offset: no better than none."""

    def utcoffset(self, _moment: datetime | None) -> None:
        return None


def test_a_time_without_an_offset_is_refused_by_name() -> None:
    with pytest.raises(ValueError) as refused:
        to_micros(datetime(2026, 11, 23, 3, 0, tzinfo=_NoOffset()))
    assert str(refused.value) == "time must be a timezone-aware datetime"
