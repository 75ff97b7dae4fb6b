"""A local reference is printed on a citizen's receipt, so a device never hands one out twice,
not even after its database was found corrupt and replaced by a fresh one."""

from __future__ import annotations

from pathlib import Path

import pytest

from offline_queue import SpoolError, SpoolWriteFailed
from offline_queue.files import writer_temporary
from offline_queue.refs import ceiling_path


def _numbers(refs: list[str]) -> list[int]:
    return [int(ref.removeprefix("K0107-").split("-")[1]) for ref in refs]


def _corrupt(db_path: Path) -> None:
    """What a power cut on a bad card leaves: the closed database is no longer SQLite."""
    assert not Path(f"{db_path}-wal").exists()  # closing checkpointed everything
    db_path.write_bytes(b"\xa5" * db_path.stat().st_size)


def test_references_after_a_quarantine_never_repeat_earlier_ones(make_spool, db_path,
                                                                 events) -> None:
    handed_out: list[str] = []
    for round_ in range(3):  # three databases in a row, the first two lost
        if round_:
            _corrupt(db_path)
        spool = make_spool()
        handed_out += [spool.put({"n": n}, item_code="A").local_ref for n in range(5)]
        spool.close()

    assert [e.code for e in events] == ["db_quarantined"] * 2
    assert len(set(handed_out)) == len(handed_out) == 15
    numbers = _numbers(handed_out)
    assert numbers == sorted(numbers)  # each fresh database starts above the last one
    assert numbers[:5] == [1, 2, 3, 4, 5]  # a device's first database counts from 1


def test_a_fresh_database_starts_every_day_above_the_ceiling(make_spool, db_path,
                                                             clock) -> None:
    spool = make_spool()
    first_day = [spool.put({}, item_code="A").local_ref for _ in range(2)]
    spool.close()
    _corrupt(db_path)
    clock.advance(days=-1)  # the clock was wrong: an earlier day must not start at 0001 either

    fresh = make_spool()
    earlier_day = fresh.put({}, item_code="A").local_ref
    clock.advance(days=1)
    same_day = fresh.put({}, item_code="A").local_ref

    assert _numbers([earlier_day])[0] > max(_numbers(first_day))
    assert same_day not in first_day and _numbers([same_day])[0] > max(_numbers(first_day))


def test_the_ceiling_always_covers_what_was_handed_out(make_spool, db_path) -> None:
    spool = make_spool()
    for _ in range(250):
        number = _numbers([spool.put({}, item_code="A").local_ref])[0]
        assert int(ceiling_path(db_path).read_text()) >= number


def test_a_ceiling_that_cannot_be_written_fails_the_put_and_burns_nothing(make_spool,
                                                                          db_path) -> None:
    spool = make_spool()
    blocker = writer_temporary(ceiling_path(db_path))
    blocker.mkdir()  # where the new ceiling would be written first

    with pytest.raises(SpoolWriteFailed) as failed:
        spool.put({}, item_code="A")

    assert failed.value.code == "io_error"
    assert f"(reference ceiling {ceiling_path(db_path)}: " in str(failed.value)
    assert spool.stats().pending == 0
    blocker.rmdir()
    assert spool.put({}, item_code="A").local_ref == "K0107-20261123-0001"


def test_a_ceiling_file_that_holds_no_number_stops_the_spool(make_spool, db_path) -> None:
    make_spool().close()
    ceiling_path(db_path).write_text("garbage")
    with pytest.raises(SpoolError) as refused:
        make_spool()
    assert str(refused.value) == (f"reference ceiling {ceiling_path(db_path)} does not hold a "
                                  "number; restore it from backup, or write a number above "
                                  "every reference this device has printed")


def test_a_lost_ceiling_file_is_written_again_above_every_day_handed_out(make_spool, clock,
                                                                         db_path) -> None:
    spool = make_spool()
    for _ in range(3):
        spool.put({}, item_code="A")
    clock.advance(days=1)
    spool.put({}, item_code="A")
    spool.close()
    ceiling_path(db_path).unlink()
    make_spool().close()
    assert int(ceiling_path(db_path).read_text()) >= 3
