"""Moving entries out of a spool into an export file, and from such a file into a spool.

Kept apart from the Spool because it is the only code that writes decrypted
personal data outside the database, and the only code that inserts rows it
did not create; both deserve to be read on their own.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from offline_queue import rows
from offline_queue.errors import SpoolImportError, SpoolIntegrityError
from offline_queue.files import sync_directory
from offline_queue.handover import HandoverRecord, parse_line, to_line
from offline_queue.keyring import Keys
from offline_queue.records import EntryState
from offline_queue.sealing import applicant_digest
from offline_queue.times import to_micros

T = TypeVar("T")


def _readable(opener: Callable[[Keys, sqlite3.Row], T | None], keys: Keys,
              row: sqlite3.Row) -> T | None:
    try:
        return opener(keys, row)
    except SpoolIntegrityError:
        return None


def record_from_row(keys: Keys, row: sqlite3.Row) -> HandoverRecord:
    """The export record of a row selected with rows.ENTRY_COLUMNS; what cannot be
    decrypted is exported as null rather than stopping the export."""
    envelope = _readable(rows.open_envelope, keys, row) or {}
    return HandoverRecord(
        id=row["id"], local_ref=row["local_ref"], item_code=row["item_code"],
        created_at=row["created_at"], state=row["state"], attempts=row["attempts"],
        last_error=row["last_error"], case_no=row["case_no"],
        case_status=row["case_status"], received_at=row["received_at"],
        payload=envelope.get("payload"), applicant_id=envelope.get("applicant_id"),
        problem=_readable(rows.open_problem, keys, row))


def write_export(out: Path, records: list[HandoverRecord]) -> None:
    """Write `records` as JSON lines to a new file only its owner can read, durably: the
    file is flushed, and then its folder, or a power cut could lose the new file's name
    after the technician was told the export was written."""
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        os.fchmod(f.fileno(), 0o600)
        f.writelines(to_line(record) for record in records)
        f.flush()
        os.fsync(f.fileno())
    sync_directory(out.resolve().parent)


def read_import(path: Path) -> list[HandoverRecord]:
    """Every record of an export file, checked; SpoolImportError at the first bad line."""
    try:
        with open(path, encoding="utf-8") as f:
            return [parse_line(line, f"{path}:{number}")
                    for number, line in enumerate(f, 1) if line.strip()]
    except UnicodeDecodeError:
        raise SpoolImportError(f"{path}: not UTF-8 text") from None


def adopt(conn: sqlite3.Connection, keys: Keys, record: HandoverRecord, *, now_us: int) -> bool:
    """Insert `record` (inside the caller's transaction) unless its id is already present;
    returns whether it was added. In-flight entries arrive pending, due now."""
    if conn.execute("SELECT 1 FROM entries WHERE id = ?", (record.id,)).fetchone():
        return False
    if conn.execute("SELECT 1 FROM entries WHERE local_ref = ?", (record.local_ref,)).fetchone():
        raise SpoolImportError(f"{record.local_ref} is already used by another entry")
    state = EntryState(record.state)
    if state == EntryState.IN_FLIGHT:
        state = EntryState.PENDING
    conn.execute(
        """INSERT INTO entries (id, local_ref, item_code, created_at, created_us, state,
               attempts, next_attempt_us, last_error, sealed_payload, applicant_digest,
               sealed_problem, case_no, case_status, received_at, delivered_us)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (record.id, record.local_ref, record.item_code, record.created_at,
         to_micros(datetime.fromisoformat(record.created_at)), state.value, record.attempts,
         now_us if state == EntryState.PENDING else None, record.last_error,
         None if record.payload is None
         else rows.seal_envelope(keys, record.id, record.payload, record.applicant_id),
         None if record.applicant_id is None
         else applicant_digest(keys.mac_key, record.applicant_id),
         None if record.problem is None else rows.seal_problem(keys, record.id, record.problem),
         record.case_no, record.case_status, record.received_at,
         now_us if state == EntryState.DELIVERED else None))
    return True

