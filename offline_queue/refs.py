"""Local references ("K0107-20261123-0042"): printed on a receipt, so never handed out twice.

The daily sequence lives in the database, but a database can be lost: a
corrupt one is moved aside and a fresh one started, whose sequence would
begin again at 0001 and repeat references citizens already hold. So the
device also keeps a *ceiling* in a small file beside the database (not moved
with it): no number at or below it has been handed out in a database that
is gone. A fresh database starts every day's sequence above the ceiling it
finds.

The ceiling is written before the put that needs it commits, and reserves
ahead (twice the number plus a margin), so it is rewritten only a handful of
times over a device's life, not on every put.
"""

from __future__ import annotations

import errno
import re
import sqlite3
from pathlib import Path

from offline_queue.errors import SpoolError, SpoolWriteFailed
from offline_queue.files import write_durably

_FLOOR_NAME = "ref_floor"
_MARGIN = 100


def format_ref(prefix: str, day: str, number: int) -> str:
    """The reference of the `number`-th entry of `day` (YYYYMMDD) on the device `prefix`."""
    return f"{prefix}-{day}-{number:04d}"


def parse_ref(prefix: str, local_ref: str) -> tuple[str, int] | None:
    """(day, number) of one of this device's references; None for another device's."""
    match = re.fullmatch(rf"{re.escape(prefix)}-(\d{{8}})-(\d+)", local_ref)
    return None if match is None else (match[1], int(match[2]))


def ceiling_path(db_path: Path) -> Path:
    """Beside the database under another name, so a quarantine does not move it."""
    return db_path.with_suffix(".refs")


class RefCeiling:
    """The device's highest reserved sequence number, kept in a file of its own.

    Callers hold the database's write lock while they raise it, so two
    processes never write it at once.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._known = self._read()

    @property
    def value(self) -> int:
        return self._known

    def _read(self) -> int:
        """The stored ceiling; 0 when the device never had one. A file that does not hold a
        number is an error: guessing low could reuse references."""
        try:
            text = self._path.read_text(encoding="ascii")
        except FileNotFoundError:
            return 0
        if not text.strip().isdigit():
            raise SpoolError(f"reference ceiling {self._path} does not hold a number; restore "
                             "it from backup, or write a number above every reference this "
                             "device has printed")
        return int(text)

    def cover(self, number: int) -> None:
        """Make sure the stored ceiling is at least `number`, durably, before it is used.

        SpoolWriteFailed if the file cannot be written; the caller's transaction
        must then roll back.
        """
        if number <= self._known:
            return
        wanted = max(self._read(), 2 * number + _MARGIN)  # another process may have raised it
        try:
            write_durably(self._path, f"{wanted}\n".encode(), replace=True)
        except OSError as exc:
            code = "disk_full" if exc.errno == errno.ENOSPC else "io_error"
            raise SpoolWriteFailed(code, f"reference ceiling {self._path}: {exc}") from exc
        self._known = wanted


def settle_floor(conn: sqlite3.Connection, ceiling: RefCeiling) -> int:
    """The number every day's sequence of this database must start above (inside the caller's
    write transaction).

    A database that has never numbered anything takes the ceiling as its floor,
    once; one that has keeps its floor, and the ceiling is raised to cover what
    it has handed out (a device upgraded from before the ceiling existed).
    """
    stored = conn.execute("SELECT value FROM meta WHERE name = ?", (_FLOOR_NAME,)).fetchone()
    used = conn.execute("SELECT max(last) FROM daily_sequence").fetchone()[0]
    if stored is not None:
        floor = int(stored[0])
    elif used is None:
        floor = ceiling.value
        conn.execute("INSERT INTO meta VALUES (?, ?)", (_FLOOR_NAME, floor))
    else:
        floor = 0
    ceiling.cover(max(used or 0, floor))
    return floor


def next_number(conn: sqlite3.Connection, day: str, floor: int) -> int:
    """Take the next number of `day` (inside the caller's write transaction)."""
    return conn.execute(
        "INSERT INTO daily_sequence VALUES (?, ? + 1) ON CONFLICT (day) "
        "DO UPDATE SET last = max(last, ?) + 1 RETURNING last", (day, floor, floor)).fetchone()[0]


def raise_sequence(conn: sqlite3.Connection, local_ref: str, prefix: str) -> None:
    """Keep this device's daily sequence above an imported reference of its own, so a
    reference printed on an earlier receipt is never handed out again."""
    parsed = parse_ref(prefix, local_ref)
    if parsed is not None:
        conn.execute("INSERT INTO daily_sequence VALUES (?, ?) ON CONFLICT (day) "
                     "DO UPDATE SET last = max(last, excluded.last)", parsed)
