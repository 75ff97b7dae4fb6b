"""Which process owns the spool: the one process that may repair it or write to it.

A technician's command used to open the spool like the running kiosk did, and
on a failed quick_check move the database and its WAL aside under the kiosk,
which went on writing citizens' submissions into the moved file: gone at the
next restart. `kiosk sync --once` re-queued what the kiosk had in flight and
sent it a second time, concurrently. So one process owns the spool: `kiosk run`
holds an exclusive lock on a file beside the database for as long as it runs;
a command takes the lock only when no kiosk runs, and otherwise opens the spool
as a guest, read-only, and is told to stop the kiosk before anything else.
The lock is the kernel's (flock): it ends with the process, however it ends.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


def owner_lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".owner")


class OwnerLock:
    """An exclusive flock on `path`, taken without waiting, held until release()."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd: int | None = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)

    def take(self) -> bool:
        """Whether this process now owns the spool; False while another one does."""
        assert self._fd is not None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor ends its lock
            self._fd = None
