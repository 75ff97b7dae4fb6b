"""A spool database as schema v1 left it: the v1 tables, written the way v1's put and sync wrote
them (the day's counter bumped in the put's transaction, the counts kept by v1's triggers), for
the tests that open such a file with today's code."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from offline_queue import keyring, rows
from offline_queue.database import write_transaction
from offline_queue.refs import format_ref
from offline_queue.schema import MIGRATIONS, migrate
from offline_queue.sealing import applicant_digest
from offline_queue.times import to_micros


@dataclass(frozen=True)
class V1Entry:
    payload: dict[str, Any]
    state: str = "pending"
    applicant_id: str | None = None
    problem: dict[str, Any] | None = None


def write_v1_spool(db_path: Path, key_path: Path, entries: list[V1Entry], *,
                   now: datetime) -> list[tuple[str, str]]:
    """Create `db_path` at schema v1 holding `entries`, numbered from 1 on `now`'s day; returns
    their (id, local_ref). Writes no reference ceiling and no stored floor: a device from
    before the ceiling."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        migrate(conn, now.isoformat(), MIGRATIONS[:1])
        keys = keyring.unlock(conn, key_path, lambda event: None)
        made = []
        day, now_us = now.strftime("%Y%m%d"), to_micros(now)
        for entry in entries:
            entry_id = str(uuid.uuid4())
            with write_transaction(conn):
                number = conn.execute(
                    "INSERT INTO daily_sequence VALUES (?, 1) ON CONFLICT (day) "
                    "DO UPDATE SET last = last + 1 RETURNING last", (day,)).fetchone()[0]
                local_ref = format_ref("K0107", day, number)
                conn.execute(
                    """INSERT INTO entries (id, local_ref, item_code, created_at, created_us,
                           state, next_attempt_us, sealed_payload, applicant_digest)
                       VALUES (?, ?, 'A', ?, ?, 'pending', ?, ?, ?)""",
                    (entry_id, local_ref, now.isoformat(), now_us, now_us,
                     rows.seal_envelope(keys, entry_id, entry.payload, entry.applicant_id),
                     None if entry.applicant_id is None
                     else applicant_digest(keys.mac_key, entry.applicant_id)))
                conn.execute(
                    """UPDATE entries SET state = ?, case_no = ?, sealed_problem = ?
                       WHERE id = ?""",
                    (entry.state, f"C-{number}" if entry.state == "delivered" else None,
                     None if entry.problem is None
                     else rows.seal_problem(keys, entry_id, entry.problem), entry_id))
            made.append((entry_id, local_ref))
        return made
    finally:
        conn.close()
