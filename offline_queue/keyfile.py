"""The spool's master key file: created once, checked at every start.

The key is what keeps citizens' names and ID numbers unreadable in the
spool, so a key file that others can read is treated as a leak and refused,
and a truncated one is refused rather than "repaired" (a new key would make
every sealed row unreadable). Files are written beside their final name and
moved into place, so a power cut never leaves half a key behind.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from offline_queue.errors import SpoolKeyError
from offline_queue.files import write_durably

KEY_SIZE = 32


def pending_key_path(key_path: Path) -> Path:
    """Where rotate_key puts the new key until the database uses it."""
    return key_path.with_name(key_path.name + ".new")


def backup_key_path(key_path: Path) -> Path:
    """Where rotate_key keeps the old key until the rotation is done."""
    return key_path.with_name(key_path.name + ".old")


def new_key() -> bytes:
    """Fresh random key material."""
    return secrets.token_bytes(KEY_SIZE)


def read_key(path: Path) -> bytes:
    """The key in `path`; SpoolKeyError if missing, readable by others, or not 32 bytes."""
    try:
        # O_NONBLOCK: a FIFO put in its place must not hang the kiosk's start
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise SpoolKeyError(f"key file {path} does not exist") from None
    except OSError as exc:
        raise SpoolKeyError(f"key file {path} cannot be opened ({exc.strerror}); "
                            "it must be a regular file, not a symlink") from None
    try:  # checked on the descriptor, before a file object is made: that refuses a folder
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SpoolKeyError(f"key file {path} is not a regular file")
        if info.st_mode & 0o077:
            raise SpoolKeyError(
                f"key file {path} has mode {stat.S_IMODE(info.st_mode):04o}; others could read "
                f"it. Check who did, then `chmod 600 {path}`")
        key = os.read(fd, KEY_SIZE + 1)
    finally:
        os.close(fd)
    if len(key) != KEY_SIZE:
        raise SpoolKeyError(f"key file {path} holds {len(key)} bytes, expected {KEY_SIZE}; "
                            "restore it from backup (a new key cannot open the spool)")
    return key


def write_key(path: Path, key: bytes, *, replace: bool) -> None:
    """Durably write `key` to `path` with mode 0600.

    With replace=False an existing file wins (FileExistsError), so two
    processes starting at once cannot end up with different keys.
    """
    write_durably(path, key, replace=replace)
