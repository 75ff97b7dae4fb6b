"""Local references ("K0107-20261123-0042"): printed on a receipt, so never handed out twice.

A reference is sequential, so anyone can count to one; it shows a case only
with the random lookup token its receipt's QR code carries beside it.

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

The day's sequence needs no counter written by every put: each number a put
takes is in its entry's local_ref, written in the same transaction, and
entries are never deleted (a trigger refuses it), so the day's highest
reference in the unique index is the day's last number. Schema v1 did let
entries be removed; what it counted is kept and read beside them.
"""

from __future__ import annotations

import errno
import re
import sqlite3
from pathlib import Path

from offline_queue.errors import SpoolError, SpoolWriteFailed
from offline_queue.files import write_durably

_FLOOR_NAME = "ref_floor"
# What format_ref makes, as a receipt's QR carries it; anything else a citizen scans is
# not one of this kiosk's references. Longer is not a reference.
LOCAL_REF = re.compile(r"[A-Z][A-Z0-9]{1,7}-\d{8}-\d{4,}")
# What a receipt's QR code carries since lookup tokens: the reference, a dot (in neither the
# reference nor a URL-safe token), and the token. The printed text shows the reference alone.
RECEIPT_CODE = re.compile(rf"(?P<ref>{LOCAL_REF.pattern})\.(?P<token>[A-Za-z0-9_-]{{16,64}})")
_MARGIN = 100


def format_ref(prefix: str, day: str, number: int) -> str:
    """The reference of the `number`-th entry of `day` (YYYYMMDD) on the device `prefix`."""
    return f"{prefix}-{day}-{number:04d}"


def receipt_code(local_ref: str, lookup_token: str) -> str:
    """The text of a receipt's QR code: the reference and the token that lets it be looked up."""
    return f"{local_ref}.{lookup_token}"


def read_receipt_code(text: str) -> tuple[str, str] | None:
    """The (reference, token) a receipt's QR code carries; None for any other text."""
    found = RECEIPT_CODE.fullmatch(text)
    return None if found is None else (found["ref"], found["token"])


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


def highest_number(conn: sqlite3.Connection, prefix: str, day: str | None = None) -> int | None:
    """The highest number this device has handed out on `day` (YYYYMMDD), or on any day; None
    when there is none. A range of the reference index (the day's entries, or all), and what
    schema v1 counted."""
    head = f"{prefix}-" if day is None else f"{prefix}-{day}-"
    return conn.execute(
        """SELECT max(number) FROM (
               SELECT CAST(substr(local_ref, :start) AS INTEGER) AS number FROM entries
               WHERE local_ref > :head AND local_ref < :end
               UNION ALL SELECT last FROM numbered_before_v2 WHERE :day IS NULL OR day = :day)""",
        {"start": len(prefix) + 11, "head": head, "end": f"{head[:-1]}.",  # '.' follows '-'
         "day": day}).fetchone()[0]


def settle_floor(conn: sqlite3.Connection, ceiling: RefCeiling, prefix: str) -> int:
    """The number every day's sequence of this database must start above (inside the caller's
    write transaction).

    A database that has never numbered anything takes the ceiling as its floor;
    one that numbered before the ceiling existed takes 0. Either is stored once.
    The ceiling is then raised to cover what the database has handed out (the
    device upgraded from before the ceiling, or a ceiling file gone missing);
    once both are in place every put covers its own number, and the entries are
    not read through again at each start.
    """
    stored = conn.execute("SELECT value FROM meta WHERE name = ?", (_FLOOR_NAME,)).fetchone()
    if stored is not None and ceiling.value:
        return int(stored[0])
    used = highest_number(conn, prefix)
    if stored is not None:
        floor = int(stored[0])
    else:
        floor = ceiling.value if used is None else 0
        conn.execute("INSERT INTO meta VALUES (?, ?)", (_FLOOR_NAME, floor))
    ceiling.cover(max(used or 0, floor))
    return floor


class DailySequence:
    """Hands out the day's next number: read from the entries once, then kept here.

    What is kept holds while no other writer takes numbers. SQLite's data_version
    changes exactly when another connection has committed, and the day is then
    read again; an import through this connection must `forget` it.
    """

    def __init__(self, prefix: str, floor: int) -> None:
        self._prefix = prefix
        self._floor = floor
        self._known: tuple[int, str, int] | None = None  # (data_version, day, last number)

    def next(self, conn: sqlite3.Connection, day: str) -> int:
        """The number the put being written takes (inside its write transaction)."""
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if self._known is None or self._known[:2] != (version, day):
            last = max(self._floor, highest_number(conn, self._prefix, day) or 0)
            self._known = version, day, last
        return self._known[2] + 1

    def taken(self, number: int) -> None:
        """The put that took `number`, just handed out by `next`, has committed."""
        assert self._known is not None, "taken() follows next()"
        self._known = (*self._known[:2], number)

    def forget(self) -> None:
        self._known = None
