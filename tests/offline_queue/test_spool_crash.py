"""Crash safety: SIGKILL a writer at random points, many times; every reported put survives once.

The child reports each committed put on a pipe; the parent kills it after a
random number of reports (sometimes before it has even opened the spool), so
kills land in Python start-up, key creation, migration, the middle of a
transaction or an fsync. No sleeps: the pipe is the only synchronisation.
"""

from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

import pytest
from spool_helpers import FakeClock

from offline_queue import EntryState, Spool
from rig.campaign import kill_after

CHILD = Path(__file__).with_name("spool_crash_child.py")
KILLS = 120
SEED = 20261123


def _run_and_kill(db: Path, key: Path, reports: int) -> list[str]:
    """Start the child, kill it after `reports` lines (0: at once); all lines it got out."""
    run = kill_after([sys.executable, str(CHILD), str(db), str(key)], reports)
    assert run.killed, f"child ended by itself:\n{''.join(run.lines)}"
    return run.lines


@pytest.mark.slow
def test_every_reported_entry_survives_random_sigkills_exactly_once(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    db, key = tmp_path / "spool.db", tmp_path / "spool.key"
    put: dict[str, str] = {}
    delivered: set[str] = set()

    for _ in range(KILLS):
        reports = 0 if rng.random() < 0.15 else rng.randint(1, 8)
        for line in _run_and_kill(db, key, reports):
            words = line.split()
            if words[0] == "put":
                assert words[1] not in put, "an id was handed out twice"
                put[words[1]] = words[2]
            elif words[0] == "delivered":
                delivered.add(words[1])

    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        rows = raw.execute("SELECT id, local_ref FROM entries ORDER BY rowid").fetchall()
    raw.close()
    stored = dict(rows)
    assert len(stored) == len(rows)
    assert {i: stored.get(i) for i in put} == put  # every reported put, with its reference
    numbers = sorted(int(ref.rsplit("-", 1)[1]) for ref in stored.values())
    assert numbers == list(range(1, len(stored) + 1))  # no reference lost or reused
    assert not list(tmp_path.glob("*.corrupt-*"))
    assert len(put) > KILLS  # the kills really interrupted a busy writer

    with Spool(db, key, device_prefix="K0107", clock=FakeClock()) as spool:
        for entry_id in delivered:
            assert spool.get(entry_id).state == EntryState.DELIVERED
        assert all(spool.get(i).payload["applicant"]["name"] == "王五" for i in put)
