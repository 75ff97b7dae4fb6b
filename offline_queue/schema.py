"""The spool's tables and the ordered migrations that build them.

Kiosks are updated in the field with entries still waiting in their spool,
so the schema only ever moves forward, one numbered step at a time, each in
its own transaction, recorded in `schema_version`. A released migration is
never edited; a change is a new step appended to MIGRATIONS, e.g.:

    Migration(2, "remember which item version was submitted", (
        "ALTER TABLE entries ADD COLUMN item_version INTEGER",
    ))

A database newer than the code (a downgrade) is refused, not guessed at.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from offline_queue.database import write_transaction
from offline_queue.errors import SpoolSchemaError


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "entries, daily reference sequence, sealed metadata", (
        """CREATE TABLE entries (
            id               TEXT PRIMARY KEY,
            local_ref        TEXT NOT NULL UNIQUE,
            item_code        TEXT NOT NULL,
            created_at       TEXT NOT NULL,
            created_us       INTEGER NOT NULL,
            state            TEXT NOT NULL
                             CHECK (state IN ('pending', 'in_flight', 'delivered', 'dead')),
            attempts         INTEGER NOT NULL DEFAULT 0,
            next_attempt_us  INTEGER,
            lease_until_us   INTEGER,
            last_error       TEXT,
            sealed_payload   BLOB,
            applicant_digest BLOB,
            sealed_problem   BLOB,
            case_no          TEXT,
            case_status      TEXT,
            received_at      TEXT,
            delivered_us     INTEGER
        )""",
        "CREATE INDEX entries_by_state_age ON entries (state, created_us)",
        """CREATE INDEX entries_by_applicant ON entries (applicant_digest)
           WHERE applicant_digest IS NOT NULL""",
        """CREATE TABLE daily_sequence (
            day  TEXT PRIMARY KEY,
            last INTEGER NOT NULL
        ) WITHOUT ROWID""",
        """CREATE TABLE meta (
            name  TEXT PRIMARY KEY,
            value BLOB NOT NULL
        ) WITHOUT ROWID""",
        # Counts by state kept by triggers, so the gate checked on every put costs O(1)
        # however many delivered entries the spool keeps.
        """CREATE TABLE state_counts (
            state TEXT PRIMARY KEY,
            n     INTEGER NOT NULL
        ) WITHOUT ROWID""",
        """INSERT INTO state_counts VALUES
            ('pending', 0), ('in_flight', 0), ('delivered', 0), ('dead', 0)""",
        """CREATE TRIGGER entries_counted_on_insert AFTER INSERT ON entries BEGIN
            UPDATE state_counts SET n = n + 1 WHERE state = NEW.state;
        END""",
        """CREATE TRIGGER entries_counted_on_update AFTER UPDATE OF state ON entries
           WHEN OLD.state <> NEW.state BEGIN
            UPDATE state_counts SET n = n - 1 WHERE state = OLD.state;
            UPDATE state_counts SET n = n + 1 WHERE state = NEW.state;
        END""",
        """CREATE TRIGGER entries_counted_on_delete AFTER DELETE ON entries BEGIN
            UPDATE state_counts SET n = n - 1 WHERE state = OLD.state;
        END""",
    )),
    # A put wrote 8.2 pages to the WAL on average where a bare insert writes 2.5. Since v2
    # it writes no count, no daily counter and no applicant index entry: 4.9.
    Migration(2, "a put writes no counter; applicant index on settled entries only", (
        # Entries are no longer removed, nor ever given a rowid by hand, and a new row
        # takes max(rowid) + 1, so the number of entries is max(rowid) (one probe) less
        # the rowids v1 left unused by removing entries, counted here once. The pending
        # count follows from it, and an insert of a pending entry (a put) updates no row.
        "DELETE FROM state_counts WHERE state = 'pending'",
        """INSERT INTO state_counts SELECT 'removed_before_v2',
               coalesce(max(rowid), 0) - count(*) FROM entries""",
        "DROP TRIGGER entries_counted_on_insert",
        """CREATE TRIGGER entries_counted_on_insert AFTER INSERT ON entries
           WHEN NEW.state <> 'pending' BEGIN
            UPDATE state_counts SET n = n + 1 WHERE state = NEW.state;
        END""",
        "DROP TRIGGER entries_counted_on_delete",
        # Also what makes the day's highest local reference its last number (refs.py).
        """CREATE TRIGGER entries_are_kept BEFORE DELETE ON entries BEGIN
            SELECT RAISE(ABORT, 'spool entries are never deleted: their references are printed');
        END""",
        # Every number a put takes is in its entry's local_ref, written in the same
        # transaction, so the day's sequence is read from the entries (refs.py); what v1
        # counted is kept for the numbers of entries it let be removed.
        "ALTER TABLE daily_sequence RENAME TO numbered_before_v2",
        # Undelivered entries (at most the gate's backlog) are looked through instead.
        "DROP INDEX entries_by_applicant",
        """CREATE INDEX entries_settled_by_applicant ON entries (applicant_digest)
           WHERE state IN ('delivered', 'dead') AND applicant_digest IS NOT NULL""",
    )),
    Migration(3, "count the central's answers that broke the contract, per entry", (
        # A redirect or a malformed success is retried, but only so often: the count
        # survives a restart, so a kiosk restarted every night still gives up in the end.
        "ALTER TABLE entries ADD COLUMN faults INTEGER NOT NULL DEFAULT 0",
    )),
    Migration(4, "fees paid at the kiosk, kept from before their request to their spooling", (
        """CREATE TABLE payments (
            key            TEXT PRIMARY KEY,
            item_code      TEXT NOT NULL,
            amount_fen     INTEGER NOT NULL,
            state          TEXT NOT NULL
                           CHECK (state IN ('opening', 'pending', 'paid', 'spooled', 'closed')),
            created_at     TEXT NOT NULL,
            payment_id     TEXT,
            receipt_no     TEXT,
            local_ref      TEXT,
            visit_ended    INTEGER NOT NULL DEFAULT 0,
            sealed_request BLOB
        ) WITHOUT ROWID""",
    )),
    Migration(5, "a fee paid before a printout, and a paid fee settled by hand at the desk", (
        # delivered: its document printed; cleared: the technician made it right with the
        # citizen (refunded, or delivered by hand). A CHECK is changed by copying the table.
        """CREATE TABLE payments_v5 (
            key            TEXT PRIMARY KEY,
            item_code      TEXT NOT NULL,
            amount_fen     INTEGER NOT NULL,
            state          TEXT NOT NULL
                           CHECK (state IN ('opening', 'pending', 'paid', 'spooled',
                                            'delivered', 'cleared', 'closed')),
            created_at     TEXT NOT NULL,
            payment_id     TEXT,
            receipt_no     TEXT,
            local_ref      TEXT,
            visit_ended    INTEGER NOT NULL DEFAULT 0,
            sealed_request BLOB
        ) WITHOUT ROWID""",
        "INSERT INTO payments_v5 SELECT key, item_code, amount_fen, state, created_at,"
        " payment_id, receipt_no, local_ref, visit_ended, sealed_request FROM payments",
        "DROP TABLE payments",
        "ALTER TABLE payments_v5 RENAME TO payments",
    )),
)


def _current_version(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def require_current(conn: sqlite3.Connection) -> None:
    """For a reader of a spool another process owns: the schema must be the one this
    software knows, since a reader migrates nothing."""
    latest = MIGRATIONS[-1].version
    try:
        found = _current_version(conn)
    except sqlite3.OperationalError as exc:  # no schema_version yet: never opened by a kiosk
        raise SpoolSchemaError("the spool is not set up yet; the kiosk sets it up at its "
                               "first start") from exc
    if found != latest:
        raise SpoolSchemaError(f"the running kiosk's spool is at schema v{found}, this "
                               f"software knows v{latest}; stop the kiosk and run this again")


def migrate(conn: sqlite3.Connection, applied_at: str,
            migrations: tuple[Migration, ...] = MIGRATIONS) -> int:
    """Bring the database up to the last migration; returns the resulting version."""
    latest = migrations[-1].version
    with write_transaction(conn):
        conn.execute("""CREATE TABLE IF NOT EXISTS schema_version (
                            version     INTEGER PRIMARY KEY,
                            description TEXT NOT NULL,
                            applied_at  TEXT NOT NULL)""")
        found = _current_version(conn)
    if found > latest:
        raise SpoolSchemaError(f"spool database is at schema v{found}, this software knows "
                               f"up to v{latest}; install the newer software again")
    for step in migrations:
        with write_transaction(conn):
            current = _current_version(conn)
            if current >= step.version:
                continue
            if current != step.version - 1:
                raise SpoolSchemaError(f"migration v{step.version} needs v{step.version - 1}, "
                                       f"database is at v{current}")
            for statement in step.statements:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                         (step.version, step.description, applied_at))
    return latest
