"""Small files beside the database that must survive a power cut whole or not at all.

The key file and the reference ceiling are each written beside their final
name, flushed, and moved into place, then the folder is flushed too: after a
crash the file holds the old content or the new, never half of either.
"""

from __future__ import annotations

import contextlib
import glob
import os
import threading
from pathlib import Path


def write_durably(path: Path, data: bytes, *, replace: bool) -> None:
    """Durably write `data` to `path` with mode 0600.

    With replace=False an existing file wins (FileExistsError), so two
    processes starting at once cannot both create it. Each writer has a
    temporary name of its own: with one shared name, the second writer
    removed the first's half-made file and the first failed on it.
    """
    _remove_dead_writers_files(path)
    tmp = writer_temporary(path)
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


def writer_temporary(path: Path) -> Path:
    """Where this process's thread writes `path` before moving it into place."""
    return path.with_name(f"{path.name}.{os.getpid()}-{threading.get_native_id()}.tmp")


def _remove_dead_writers_files(path: Path) -> None:
    """A writer killed between its write and its move leaves its temporary file (a key,
    perhaps): removed once its process is gone, never while it may still move it."""
    for leftover in path.parent.glob(f"{glob.escape(path.name)}.*tmp"):
        writer = leftover.name[len(path.name) + 1:-len("tmp")]  # "" was every writer's name
        pid = writer.partition("-")[0]
        if writer == "" or (pid.isdigit() and not _alive(int(pid))):
            with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                leftover.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def sync_directory(folder: Path) -> None:
    """fsync a folder so renames and creations in it survive a power cut."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
