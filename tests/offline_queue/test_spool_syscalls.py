"""Durability pinned to the system calls: each flush the spool's promises rest on, in order.

A SIGKILL cannot show a missing flush (the page cache outlives the process),
so these read the calls themselves: a child opens a new spool (its key file is
created), puts a citizen's submission (the first put raises the reference
ceiling), claims it, marks it delivered, exports it, and opens a damaged
database, all under strace. Each test fails if the flush it names is missing
or comes after what it must precede.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from syscall_trace import (
    FLUSHES,
    MOVES,
    WRITES,
    Call,
    first,
    flushed_after_last_write,
    last,
    phases,
    trace,
)

CHILD = Path(__file__).with_name("spool_syscall_child.py")


@pytest.fixture(scope="module")
def traced(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[Call]]]:
    root = tmp_path_factory.mktemp("syscalls")
    calls = trace([sys.executable, str(CHILD), str(root / "run")], root / "strace.log")
    return root / "run", phases(calls)


def _replaced_durably(calls: list[Call], final: Path) -> None:
    """`final` written under a temporary name beside it, flushed, moved into place, and then
    its folder flushed."""
    moves = [call for call in calls if call.ok and call.name in MOVES and call.on(final)]
    assert moves, f"{final.name} was never moved into place"
    tmp = Path(moves[0].paths[0])
    assert tmp.parent == final.parent and tmp.name.startswith(final.name + ".")
    written = last(calls, WRITES, tmp)
    flushed = first(calls, FLUSHES, tmp)
    moved = first(calls, MOVES, tmp, final)
    folder = last(calls, FLUSHES, final.parent)
    assert 0 <= written < flushed, f"{tmp.name}: not flushed after it was written"
    assert flushed < moved, f"{tmp.name}: moved to {final.name} before it was flushed"
    assert moved < folder, f"{final.parent}: not flushed after {final.name} was moved in"


def test_a_new_key_file_is_flushed_before_it_is_linked_and_its_folder_after(traced) -> None:
    run, cut = traced
    state = run / "state"
    _replaced_durably(cut["open"], state / "spool.key")


@pytest.mark.parametrize("step", ["put", "claim", "deliver"])
def test_each_change_commits_with_a_flush_of_the_write_ahead_log(traced, step: str) -> None:
    run, cut = traced
    assert flushed_after_last_write(cut[step], run / "state" / "spool.db-wal"), \
        f"{step}: the commit wrote the WAL and did not flush it (synchronous=FULL?)"


def test_the_reference_ceiling_is_durable_before_the_put_that_needs_it_commits(traced) -> None:
    run, cut = traced
    state, put = run / "state", cut["put"]
    _replaced_durably(put, state / "spool.refs")
    ceiling_settled = first(put, FLUSHES, state)
    assert ceiling_settled < last(put, FLUSHES, state / "spool.db-wal")


def test_the_export_is_flushed_with_its_folder_before_it_is_handed_over(traced) -> None:
    run, cut = traced
    out, export = run / "handover.jsonl", cut["export"]
    assert flushed_after_last_write(export, out), "the export was not flushed"
    assert last(export, FLUSHES, run) > last(export, FLUSHES, out), \
        "the export's folder was not flushed after the file"


def test_a_damaged_database_is_moved_aside_durably_before_a_new_one_is_made(traced) -> None:
    run, cut = traced
    folder, steps = run / "damaged", cut["quarantine"]
    moved = first(steps, MOVES, folder / "spool.db")
    settled = first(steps, FLUSHES, folder)
    remade = next(i for i, call in enumerate(steps) if i > moved and call.name == "openat"
                  and call.on(folder / "spool.db") and "O_CREAT" in call.flags)
    assert 0 <= moved < settled < remade
