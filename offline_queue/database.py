"""Opening the spool's SQLite file safely, and the one way to write to it.

Durability is decided here: WAL with synchronous=FULL (a commit has reached
the disk before put() returns), a busy timeout for the technician CLI that
opens the same file, and secure_delete so purged ciphertext is overwritten.
Memory is decided here too: each connection's page cache has a fixed bound.
A file that is not a database or fails quick_check is moved aside, never
deleted, so a technician can still try to recover it, and the kiosk keeps
working on a fresh one.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from offline_queue.errors import SpoolError, SpoolHeld, SpoolWriteFailed
from offline_queue.files import sync_directory

BUSY_TIMEOUT_MS = 5000
# A kiosk runs for months, so its memory must be flat and bounded. SQLite's default page
# cache (2 MiB a connection) fills a page at a time as the spool grows, and sat among the
# kiosk's resident memory growing through bench.endurance; a put touches only a few pages,
# and the OS page cache serves the others anyway.
CACHE_KIB = 512
CACHE_SIZE_PRAGMA = f"PRAGMA cache_size=-{CACHE_KIB}"  # negative: KiB, not pages
_CORRUPTION_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_WRITE_FAILURES = {
    sqlite3.SQLITE_FULL: "disk_full",
    sqlite3.SQLITE_IOERR: "io_error",
    sqlite3.SQLITE_CORRUPT: "corrupt",
}


class _CorruptDatabase(Exception):
    """Internal: the file at hand cannot be used as a database."""


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _connect_checked(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    target = f"file:{path}?mode=ro" if read_only else str(path)
    conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000, uri=read_only)
    try:
        try:
            # before quick_check, which reads every page through the cache; it reads the
            # schema too, so a file that is not a database fails here like quick_check
            conn.execute(CACHE_SIZE_PRAGMA)
            verdict = conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as exc:
            if _primary_code(exc) in _CORRUPTION_CODES:
                raise _CorruptDatabase(str(exc)) from exc
            raise
        if verdict != [("ok",)]:
            raise _CorruptDatabase(f"quick_check reported {len(verdict)} problem(s)")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if read_only:
            return conn  # the owner set the journal up; a reader changes nothing
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        # No checkpoint inside a citizen's put: the sync worker checkpoints between drains
        # (Spool.checkpoint). Durability is the WAL's fsync at each commit either way.
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        conn.close()
        raise
    return conn


def set_aside(path: Path) -> list[Path]:
    """The damaged databases moved aside beside `path`, oldest first (their side files not
    listed): each waits for a technician to hand it to support and remove it."""
    return sorted(found for found in path.parent.glob(f"{path.name}.corrupt-*")
                  if not found.name.endswith(("-wal", "-shm")))


def _quarantine(path: Path, stamp: str) -> Path:
    """Rename the database and its WAL/SHM side files to `<name>.corrupt-<stamp>`.

    The side files go first: a stale WAL left beside a fresh database would be
    replayed into it.
    """
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    serial = 1
    while any(Path(f"{target}{side}").exists() for side in ("", "-wal", "-shm")):
        serial += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{serial}")
    for side in ("-wal", "-shm", ""):
        source = Path(f"{path}{side}")
        if source.exists():
            os.rename(source, f"{target}{side}")
    sync_directory(path.parent)
    return target


def open_database(path: Path, stamp: str,
                  on_quarantine: Callable[[Path, str], None]) -> sqlite3.Connection:
    """A checked connection to `path`; a corrupt file is moved aside and replaced by a new one.

    `stamp` names the moved file; `on_quarantine(moved_to, reason)` is told about it.
    Only the spool's owner may call this (offline_queue.owner).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return _connect_checked(path)
        except _CorruptDatabase as exc:
            moved_to = _quarantine(path, stamp)
            on_quarantine(moved_to, str(exc))
        return _connect_checked(path)
    except (sqlite3.Error, OSError, _CorruptDatabase) as exc:
        raise SpoolError(f"cannot open the spool database {path}: {exc}") from exc


def open_for_reading(path: Path) -> sqlite3.Connection:
    """A checked, read-only connection to the spool another process owns. A file that
    fails its check is left where it is: its owner is using it."""
    try:
        return _connect_checked(path, read_only=True)
    except _CorruptDatabase as exc:
        raise SpoolError(f"the spool database {path} failed its check ({exc}) while the "
                         "running kiosk holds it; stop the kiosk (systemctl stop kiosk) and "
                         "run this again: the next to open it sets it aside") from exc
    except (sqlite3.Error, OSError) as exc:
        raise SpoolError(f"cannot read the spool database {path}: {exc}") from exc


def _rollback_quietly(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT; on any failure roll back, so the file stays as it was.

    Disk full and I/O errors become SpoolWriteFailed; other errors pass through.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield conn
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _rollback_quietly(conn)
        if _primary_code(exc) == sqlite3.SQLITE_READONLY:
            raise SpoolHeld("this command only reads it while the kiosk runs") from exc
        code = _WRITE_FAILURES.get(_primary_code(exc) or -1)
        if code is None:
            raise
        raise SpoolWriteFailed(code, str(exc)) from exc
    except BaseException:
        _rollback_quietly(conn)
        raise
