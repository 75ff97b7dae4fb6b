"""The files in the kiosk's state folder that it cannot serve without, looked for before
its first frame.

A spool whose key is gone cannot be opened: the submissions it holds are sealed
under that key. Building the core would fail, `kiosk run` would end, and systemd
would start it again until its start limit left a black screen. Found missing
beforehand, the kiosk shows itself out of service and says which file to restore.
"""

from __future__ import annotations

from pathlib import Path

SPOOL_DATABASE = "spool.sqlite3"
SPOOL_KEY = "spool.key"


def lost_spool_key(state_dir: Path) -> Path | None:
    """The spool key's path when the spool exists and its key does not, else None (a new
    kiosk's spool makes its key at the first start)."""
    key = state_dir / SPOOL_KEY
    if (state_dir / SPOOL_DATABASE).exists() and not (key.exists() or key.is_symlink()):
        return key
    return None
