"""Child process of the syscall test: each durable step of the spool once, under strace.

Before each step it tries to open a file named `@phase-<step>` that does not
exist; the failed openat marks in the trace where the step's calls begin.
Usage: python spool_syscall_child.py FOLDER
"""

from __future__ import annotations

import contextlib
import os
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from offline_queue import EntryState, Spool

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=timezone(timedelta(hours=8)))


def phase(folder: Path, name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.close(os.open(folder / f"@phase-{name}", os.O_RDONLY))


def open_spool(folder: Path) -> Spool:
    return Spool(folder / "spool.db", folder / "spool.key", device_prefix="K0107",
                 clock=lambda: NOW, disk_free=lambda: 2**40)


def main(root: Path) -> None:
    state, damaged = root / "state", root / "damaged"
    state.mkdir(parents=True)
    damaged.mkdir()
    phase(root, "open")  # a first start: the key file is created
    with open_spool(state) as spool:
        phase(root, "put")  # the first put also raises the reference ceiling
        entry = spool.put({"applicant": {"name": "王五"}, "form": {"n": 1}}, item_code="A")
        phase(root, "claim")
        spool.claim_due(1)
        phase(root, "deliver")
        spool.mark_delivered(entry.id, case_no="C-1", status="received",
                             received_at=NOW.isoformat())
        phase(root, "export")
        spool.export(root / "handover.jsonl", state=EntryState.DELIVERED)
        phase(root, "closed")
    (damaged / "spool.db").write_bytes(b"not a database, " * 512)
    phase(root, "quarantine")  # a damaged file is moved aside, and a new one started
    open_spool(damaged).close()
    phase(root, "end")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
