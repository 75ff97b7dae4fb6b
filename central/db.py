"""The server's SQLite file: one connection, one lock, one schema.

A reference server needs durability across restarts (the kiosk's retry and
idempotency tests restart it) far more than it needs throughput, so every
operation runs as a short serialised transaction on a single connection.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS enrollment_codes (
    code TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL,
    used_serial TEXT,
    device_id TEXT
);
CREATE TABLE IF NOT EXISTS devices (
    device_id TEXT PRIMARY KEY,
    serial_number TEXT NOT NULL UNIQUE,
    model TEXT NOT NULL,
    software_version TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    revoked INTEGER NOT NULL DEFAULT 0,
    enrolled_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS commands (
    command_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    type TEXT NOT NULL,
    args_json TEXT,
    created_at TEXT NOT NULL,
    acked_at TEXT
);
CREATE TABLE IF NOT EXISTS heartbeats (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    body_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cases (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    case_no TEXT NOT NULL UNIQUE,
    item_code TEXT NOT NULL,
    local_ref TEXT,
    lookup_token TEXT,
    device_id TEXT,
    applicant_id_number TEXT,
    applicant_name TEXT,
    received_at TEXT NOT NULL,
    planned_path TEXT
);
CREATE TABLE IF NOT EXISTS timeline (
    case_no TEXT NOT NULL,
    idx INTEGER NOT NULL,
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    note_json TEXT,
    PRIMARY KEY (case_no, idx)
);
CREATE TABLE IF NOT EXISTS submissions (
    idempotency_key TEXT PRIMARY KEY,
    body_sha256 TEXT NOT NULL,
    case_no TEXT NOT NULL,
    device_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    body_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
    item_code TEXT NOT NULL,
    subject TEXT NOT NULL,
    lines_json TEXT NOT NULL,
    PRIMARY KEY (item_code, subject)
);
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    document_no TEXT NOT NULL UNIQUE,
    item_code TEXT NOT NULL,
    issued_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS document_pdfs (
    document_no TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    pdf BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS tickets (
    idempotency_key TEXT PRIMARY KEY,
    body_sha256 TEXT NOT NULL,
    ticket_no TEXT NOT NULL,
    item_code TEXT NOT NULL,
    day TEXT NOT NULL,
    slot_id TEXT,
    window TEXT,
    starts_at TEXT,
    waiting_ahead INTEGER,
    issued_at TEXT NOT NULL,
    applicant_id_number TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS phones (
    id_number TEXT NOT NULL,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    PRIMARY KEY (id_number, name)
);
CREATE TABLE IF NOT EXISTS challenges (
    challenge_id TEXT PRIMARY KEY,
    id_number TEXT NOT NULL,
    name TEXT NOT NULL,
    device_id TEXT NOT NULL,
    code_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    wrong INTEGER NOT NULL
);
"""


class Database:
    """A thread-safe wrapper over one SQLite connection."""

    def __init__(self, path: Path | str) -> None:
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.executescript(_SCHEMA)
            self._add_lookup_tokens()

    def _add_lookup_tokens(self) -> None:
        """A database made before contract 1.1.0 gains the cases' lookup tokens (none: its
        cases stay found by case number and applicant, never by local reference)."""
        columns = {row["name"] for row in self._conn.execute("PRAGMA table_info(cases)")}
        if "lookup_token" not in columns:
            self._conn.execute("ALTER TABLE cases ADD COLUMN lookup_token TEXT")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block as one IMMEDIATE transaction, serialised with every other."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def get_setting(self, key: str) -> Any:
        with self.transaction() as conn:
            row = conn.execute("SELECT value_json FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row["value_json"])

    def put_setting(self, key: str, value: Any) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value_json) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json",
                (key, json.dumps(value, ensure_ascii=False)),
            )

    def close(self) -> None:
        with self._lock:
            self._conn.close()
