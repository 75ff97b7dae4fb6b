"""Rotating the audit log: one chain across its files, checked whole, with only the
oldest files allowed to go (by the retention setting) and every other gap named."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from kiosk.audit.log import AuditEvent, AuditLog, anchor_path, rotated_files, tail_lines, verify


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def fill(audit: AuditLog, count: int, start: int = 1) -> None:
    for n in range(start, start + count):
        audit.record(AuditEvent.SUBMISSION_SPOOLED, local_ref=f"K0107-20261123-{n:04d}")


def rotated_three_times(open_log: Callable[[], AuditLog], keep: int = 10) -> AuditLog:
    """Files of seq 1-3, 4-6 and 7-9 (each begun by the rotation record but the first),
    and the live file starting at seq 10."""
    audit = open_log()
    fill(audit, 3)
    for round_ in range(3):
        audit.rotate(max_bytes=1, keep=keep)
        fill(audit, 2, start=10 * round_)
    return audit


def test_below_its_size_the_log_stays_where_it_is(written: Path, open_log) -> None:
    rotation = open_log().rotate(max_bytes=written.stat().st_size + 1, keep=3)

    assert (rotation.moved_to, rotation.removed) == (None, 0)
    assert rotated_files(written) == [] and len(lines_of(written)) == 5


def test_the_new_file_begins_with_a_record_chained_to_the_old_files_last_line(
        written: Path, open_log) -> None:
    old_last = lines_of(written)[-1]
    audit = open_log()

    rotation = audit.rotate(max_bytes=1, keep=3)

    moved = written.with_name("audit.jsonl.0000000001")
    assert rotation.moved_to == moved.name and rotated_files(written) == [moved]
    assert lines_of(moved)[-1] == old_last
    [first] = [json.loads(line) for line in lines_of(written)]
    assert first["seq"] == 6 and first["event"] == "audit_log_rotated"
    assert first["fields"] == {"previous_file": moved.name, "previous_seq": 5}
    assert first["prev"] == hashlib.sha256(old_last.rstrip(b"\n")).hexdigest()
    assert audit.record(AuditEvent.APP_STARTED)["seq"] == 7
    assert moved.stat().st_mode & 0o777 == 0o600 and written.stat().st_mode & 0o777 == 0o600
    result = verify(written)
    assert result.ok and result.records == 7 and str(result) == "intact: 7 records in 2 files"


def test_another_writer_follows_the_log_to_its_new_file(written: Path, open_log) -> None:
    """The app rotates at night while a technician's command holds the log open too."""
    app, command = open_log(), open_log()
    app.rotate(max_bytes=1, keep=3)

    command.record(AuditEvent.TECHNICIAN_ACTION, action="export_dead", count=1)

    assert len(lines_of(written.with_name("audit.jsonl.0000000001"))) == 5
    assert [json.loads(line)["seq"] for line in lines_of(written)] == [6, 7]
    assert verify(written).ok


def test_a_missing_middle_file_is_named(log_path: Path, open_log) -> None:
    rotated_three_times(open_log)
    middle = log_path.with_name("audit.jsonl.0000000004")
    middle.unlink()

    result = verify(log_path)

    assert not result.ok and (result.file, result.line) == ("audit.jsonl.0000000007", 1)
    assert result.reason == ("audit.jsonl.0000000004 is missing: this file continues from "
                             "its seq 6, and the file before it ends at seq 3")
    assert str(result).startswith("NOT intact after 3 good records: audit.jsonl.0000000007 "
                                  "line 1: audit.jsonl.0000000004 is missing")


def test_a_change_in_a_rotated_file_is_found_there(log_path: Path, open_log) -> None:
    rotated_three_times(open_log)
    first = log_path.with_name("audit.jsonl.0000000001")
    first.write_bytes(first.read_bytes().replace(b"-0002", b"-0009"))

    result = verify(log_path)

    assert (result.ok, result.file, result.line) == (False, "audit.jsonl.0000000001", 2)
    assert "hash does not match" in result.reason


def test_the_oldest_files_beyond_the_kept_number_are_deleted(log_path: Path, open_log) -> None:
    audit = rotated_three_times(open_log, keep=2)

    assert [p.name for p in rotated_files(log_path)] == ["audit.jsonl.0000000004",
                                                         "audit.jsonl.0000000007"]
    result = verify(log_path)
    assert result.ok and result.first_seq == 4 and result.records == 9
    assert str(result) == ("intact: 9 records in 3 files, from seq 4 (older files were "
                           "deleted by rotation)")
    assert audit.rotate(max_bytes=1, keep=2).removed == 1


def test_lines_cut_off_the_end_after_a_rotation_are_caught(log_path: Path, open_log) -> None:
    rotated_three_times(open_log)
    log_path.write_bytes(lines_of(log_path)[0])

    result = verify(log_path)

    assert not result.ok and "ends at seq 10 but its anchor records seq 12" in result.reason


def test_a_rotation_cut_short_by_a_crash_is_finished_by_the_next(written: Path,
                                                                  open_log) -> None:
    """The live file got its rotated name and the power went: two names, one file."""
    os.link(written, written.with_name("audit.jsonl.0000000001"))
    assert rotated_files(written) == [] and verify(written).ok

    audit = open_log()
    audit.record(AuditEvent.APP_STARTED)
    audit.rotate(max_bytes=1, keep=3)

    assert len(lines_of(written.with_name("audit.jsonl.0000000001"))) == 6
    assert verify(written).ok and verify(written).files == 2


def test_tail_reads_on_into_the_rotated_files(log_path: Path, open_log) -> None:
    rotated_three_times(open_log)

    seqs = [json.loads(line)["seq"] for line in tail_lines(log_path, 5)]

    assert seqs == [8, 9, 10, 11, 12]
    assert len(tail_lines(log_path, 100)) == 12


def test_a_deleted_live_file_is_not_taken_for_a_fresh_log(log_path: Path, open_log) -> None:
    rotated_three_times(open_log)
    log_path.unlink()
    anchor_path(log_path).unlink()
    open_log().record(AuditEvent.APP_STARTED)  # a new chain starts at seq 1

    result = verify(log_path)

    assert not result.ok and result.file is None and "seq 1 where 10 was due" in result.reason
