"""How an entry is laid out in its row, and the sealing on the way in and out.

One place maps columns to records, so the spool, the export and the import
cannot disagree on which column is sealed under which associated data.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from offline_queue.keyring import Keys
from offline_queue.records import EntryState, SpoolEntry, SpoolListing, SpoolSummary
from offline_queue.sealing import payload_aad, problem_aad
from offline_queue.times import from_micros

ENTRY_COLUMNS = """id, local_ref, item_code, created_at, state, attempts, next_attempt_us,
                   last_error, sealed_payload, sealed_problem, case_no, case_status, received_at,
                   faults"""
LISTING_COLUMNS = """id, local_ref, item_code, state, created_at, attempts, next_attempt_us,
                     last_error, case_no"""
SUMMARY_COLUMNS = "local_ref, item_code, state, created_at, case_no"


def seal_envelope(keys: Keys, entry_id: str, payload: dict[str, Any],
                  applicant_id: str | None) -> bytes:
    """The payload and the applicant id (kept so an import can rebuild the digest), sealed."""
    return keys.sealer.seal_json(payload_aad(entry_id),
                                 {"payload": payload, "applicant_id": applicant_id})


def open_envelope(keys: Keys, row: sqlite3.Row) -> dict[str, Any] | None:
    """{"payload", "applicant_id"}, None once purged; SpoolIntegrityError if altered."""
    blob = row["sealed_payload"]
    return None if blob is None else keys.sealer.unseal_json(payload_aad(row["id"]), blob)


def seal_problem(keys: Keys, entry_id: str, problem: dict[str, Any]) -> bytes:
    return keys.sealer.seal_json(problem_aad(entry_id), problem)


def open_problem(keys: Keys, row: sqlite3.Row) -> dict[str, Any] | None:
    blob = row["sealed_problem"]
    return None if blob is None else keys.sealer.unseal_json(problem_aad(row["id"]), blob)


def _optional_time(micros: int | None) -> datetime | None:
    return None if micros is None else from_micros(micros)


def entry_from_row(keys: Keys, row: sqlite3.Row) -> SpoolEntry:
    """The decrypted entry of a row selected with ENTRY_COLUMNS."""
    envelope = open_envelope(keys, row)
    return SpoolEntry(
        id=row["id"], local_ref=row["local_ref"], item_code=row["item_code"],
        created_at=datetime.fromisoformat(row["created_at"]),
        state=EntryState(row["state"]), attempts=row["attempts"],
        payload=None if envelope is None else envelope["payload"],
        case_no=row["case_no"], last_error=row["last_error"],
        case_status=row["case_status"], received_at=row["received_at"],
        next_attempt_at=_optional_time(row["next_attempt_us"]),
        problem=open_problem(keys, row), faults=row["faults"])


def summary_from_row(row: sqlite3.Row) -> SpoolSummary:
    """The summary of a row selected with SUMMARY_COLUMNS."""
    return SpoolSummary(local_ref=row["local_ref"], item_code=row["item_code"],
                        state=EntryState(row["state"]),
                        created_at=datetime.fromisoformat(row["created_at"]),
                        case_no=row["case_no"])


def listing_from_row(row: sqlite3.Row) -> SpoolListing:
    """The listing line of a row selected with LISTING_COLUMNS."""
    return SpoolListing(
        id=row["id"], local_ref=row["local_ref"], item_code=row["item_code"],
        state=EntryState(row["state"]), created_at=datetime.fromisoformat(row["created_at"]),
        attempts=row["attempts"], next_attempt_at=_optional_time(row["next_attempt_us"]),
        last_error=row["last_error"], case_no=row["case_no"])
