"""Small files beside the database that must survive a power cut whole or not at all.

The key file and the reference ceiling are each written beside their final
name, flushed, and moved into place, then the folder is flushed too: after a
crash the file holds the old content or the new, never half of either.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_durably(path: Path, data: bytes, *, replace: bool) -> None:
    """Durably write `data` to `path` with mode 0600.

    With replace=False an existing file wins (FileExistsError), so two
    processes starting at once cannot both create it.
    """
    tmp = path.with_name(path.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    sync_directory(path.parent)


def sync_directory(folder: Path) -> None:
    """fsync a folder so renames and creations in it survive a power cut."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
