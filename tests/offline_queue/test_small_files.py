"""The small files beside the spool (its key, its reference ceiling) when two writers meet.

Two kiosk processes started at once (a restart while the old one still
closes, a technician's command beside the service) may both create the key
file of a new spool: exactly one must win and the other be told so, never
fail halfway. And a writer killed between its write and its move leaves a
temporary file that may hold a key: it must not stay beside the spool.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
from pathlib import Path

from offline_queue.files import write_durably, writer_temporary

ROUNDS = 30


def _race(folder: str, barrier, results) -> None:
    """One of the two writers: the same new files, each round started together."""
    for n in range(ROUNDS):
        data = os.urandom(32)
        barrier.wait()
        try:
            write_durably(Path(folder) / f"key-{n}", data, replace=False)
            results.put((n, "wrote", data))
        except FileExistsError:
            results.put((n, "exists", b""))
        except OSError as failed:
            results.put((n, f"failed: {failed!r}", b""))


def test_two_processes_creating_one_file_at_once_one_wins_and_the_other_is_told(
        tmp_path: Path) -> None:
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    writers = [spawn.Process(target=_race, args=(str(tmp_path), barrier, results))
               for _ in range(2)]
    for writer in writers:
        writer.start()
    outcomes = [results.get(timeout=60) for _ in range(2 * ROUNDS)]
    for writer in writers:
        writer.join()

    assert sorted({what for _, what, _ in outcomes}) == ["exists", "wrote"]
    for n in range(ROUNDS):
        mine = [(what, data) for m, what, data in outcomes if m == n]
        assert sorted(what for what, _ in mine) == ["exists", "wrote"], mine
        assert (tmp_path / f"key-{n}").read_bytes() == next(d for w, d in mine if w == "wrote")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"key-{n}" for n in
                                                                range(ROUNDS))


def test_a_killed_writers_temporary_file_is_removed_and_a_live_ones_kept(
        tmp_path: Path) -> None:
    final = tmp_path / "spool.key"
    ended = subprocess.Popen(["true"])  # a writer's pid that is no longer running
    ended.wait()
    dead = final.with_name(f"spool.key.{ended.pid}-7.tmp")
    dead.write_bytes(b"k" * 32)
    older = final.with_name("spool.key.tmp")  # every writer's one name, before
    older.write_bytes(b"k" * 32)
    live = final.with_name(f"spool.key.{os.getppid()}-7.tmp")  # its writer may move it yet
    live.write_bytes(b"k" * 32)

    write_durably(final, b"n" * 32, replace=False)

    assert final.read_bytes() == b"n" * 32
    assert not dead.exists() and not older.exists()
    assert live.exists()
    assert not writer_temporary(final).exists()
