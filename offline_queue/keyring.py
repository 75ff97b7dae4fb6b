"""Which key opens this spool, and how to change it without losing a row.

The database holds the applicant-digest key sealed under the master key, so
opening it proves the key file belongs to this database (a wrong or
restored-from-elsewhere key file is refused instead of producing garbage),
and rotating the master key never changes the digests.

Rotation, each step durable before the next:
  1. copy the key file to `<key>.old` and write the new key to `<key>.new`;
  2. re-seal every row and the digest key in ONE transaction, commit;
  3. write the new key over `<key>`, then delete `<key>.new` and `<key>.old`.
A crash after 2 but before 3 is finished at the next start: `<key>` no longer
opens the database, `<key>.new` does and is put in place. Both run under the
database's write lock, so a second process never sees a rotation half done.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from offline_queue import payments
from offline_queue.database import write_transaction
from offline_queue.errors import SpoolIntegrityError, SpoolKeyError
from offline_queue.keyfile import (
    backup_key_path,
    new_key,
    pending_key_path,
    read_key,
    write_key,
)
from offline_queue.records import SpoolEvent
from offline_queue.sealing import MAC_KEY_AAD, Sealer, payload_aad, problem_aad

_MAC_KEY_NAME = "applicant_mac_key"


@dataclass(frozen=True)
class Keys:
    sealer: Sealer
    mac_key: bytes = field(repr=False)


def _existing_or_new(key_path: Path) -> bytes:
    if key_path.exists() or key_path.is_symlink():
        return read_key(key_path)
    key_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = new_key()
    try:
        write_key(key_path, key, replace=False)
    except FileExistsError:
        return read_key(key_path)
    return key


def _unwrap(key: bytes, wrapped: bytes) -> bytes | None:
    try:
        return Sealer(key).unseal(MAC_KEY_AAD, wrapped)
    except SpoolIntegrityError:
        return None


def _remove_leftovers(key_path: Path) -> None:
    for leftover in (pending_key_path(key_path), backup_key_path(key_path)):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _open_wrapped(wrapped: bytes, key_path: Path, report: Callable[[SpoolEvent], None]) -> Keys:
    key = read_key(key_path)
    mac_key = _unwrap(key, wrapped)
    if mac_key is not None:
        return Keys(Sealer(key), mac_key)
    pending = pending_key_path(key_path)
    if pending.exists():
        fresh = read_key(pending)
        mac_key = _unwrap(fresh, wrapped)
        if mac_key is not None:
            write_key(key_path, fresh, replace=True)
            report(SpoolEvent("key_rotation_recovered",
                              f"finished a key rotation cut short before {key_path} was replaced"))
            return Keys(Sealer(fresh), mac_key)
    raise SpoolKeyError(f"key file {key_path} does not open this spool; "
                        "restore the key file this kiosk was using")


def unlock(conn: sqlite3.Connection, key_path: Path,
           report: Callable[[SpoolEvent], None]) -> Keys:
    """The keys of the spool behind `conn`, creating them on first start."""
    with write_transaction(conn):
        row = conn.execute("SELECT value FROM meta WHERE name = ?", (_MAC_KEY_NAME,)).fetchone()
        if row is None:
            key = _existing_or_new(key_path)
            keys = Keys(Sealer(key), new_key())
            conn.execute("INSERT INTO meta VALUES (?, ?)",
                         (_MAC_KEY_NAME, keys.sealer.seal(MAC_KEY_AAD, keys.mac_key)))
        else:
            keys = _open_wrapped(row[0], key_path, report)
        _remove_leftovers(key_path)
    return keys


def open_for_reading(conn: sqlite3.Connection, key_path: Path) -> Keys:
    """The keys of a spool another process owns: nothing created, no rotation finished, no
    leftover removed (its owner may be in the middle of a rotation)."""
    row = conn.execute("SELECT value FROM meta WHERE name = ?", (_MAC_KEY_NAME,)).fetchone()
    if row is None:
        raise SpoolKeyError("the spool has no keys yet; the kiosk makes them at its first start")
    key = read_key(key_path)
    mac_key = _unwrap(key, row[0])
    if mac_key is None:
        raise SpoolKeyError(f"key file {key_path} does not open this spool (a key rotation "
                            "may be under way); try again in a moment")
    return Keys(Sealer(key), mac_key)


def _reseal(old: Sealer, new: Sealer, aad: bytes, blob: bytes | None,
            local_ref: str) -> bytes | None:
    if blob is None:
        return None
    try:
        return new.seal(aad, old.unseal(aad, blob))
    except SpoolIntegrityError:
        raise SpoolIntegrityError(f"entry {local_ref} is unreadable; export or resolve it "
                                  "before rotating the key") from None


def rotate(conn: sqlite3.Connection, key_path: Path, keys: Keys) -> Keys:
    """Re-seal everything under a fresh master key; returns the new keys."""
    fresh = new_key()
    sealer = Sealer(fresh)
    try:
        with write_transaction(conn):
            write_key(backup_key_path(key_path), read_key(key_path), replace=True)
            write_key(pending_key_path(key_path), fresh, replace=True)
            rows = conn.execute("""SELECT id, local_ref, sealed_payload, sealed_problem
                                   FROM entries WHERE sealed_payload IS NOT NULL
                                   OR sealed_problem IS NOT NULL""").fetchall()
            for entry_id, local_ref, payload, problem in rows:
                conn.execute(
                    "UPDATE entries SET sealed_payload = ?, sealed_problem = ? WHERE id = ?",
                    (_reseal(keys.sealer, sealer, payload_aad(entry_id), payload, local_ref),
                     _reseal(keys.sealer, sealer, problem_aad(entry_id), problem, local_ref),
                     entry_id))
            payments.reseal(conn, keys.sealer, sealer)
            conn.execute("UPDATE meta SET value = ? WHERE name = ?",
                         (sealer.seal(MAC_KEY_AAD, keys.mac_key), _MAC_KEY_NAME))
    except BaseException:
        _remove_leftovers(key_path)
        raise
    write_key(key_path, fresh, replace=True)
    _remove_leftovers(key_path)
    return Keys(sealer, keys.mac_key)
