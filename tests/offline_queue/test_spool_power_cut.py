"""Power cuts, simulated honestly: the spool on a FUSE disk that forgets what was not flushed.

First the disk itself is held to what a power cut does (an unflushed write, or
a name whose folder was not flushed, is gone; a flushed one stays; a clean
unmount keeps all), since a disk that kept everything would let every flush
go untested. Then a short campaign of rig.power_cut: a kiosk child puts,
claims and marks until the power goes at a random change, and each "reboot"
opens the spool and checks every promise it made. `python -m bench.power_cut`
runs the long campaign (docs/BENCHMARKS.md).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from offline_queue.files import sync_directory
from rig.power_cut import Campaign, mounted_disk
from rig.power_cut_child import NOW

CUTS = 8
SEED = 20261207


def _write(path: Path, data: bytes, *, flush: bool) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        os.write(fd, data)
        if flush:
            os.fsync(fd)
    finally:
        os.close(fd)


def _until_the_power_goes(path: Path) -> None:
    """Keep writing until a write fails as the power goes (EIO)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        with pytest.raises(OSError) as failed:
            for _ in range(10_000):
                os.write(fd, b"x")
    finally:
        os.close(fd)
    assert failed.value.errno == errno.EIO


def test_the_disk_forgets_every_write_and_name_not_flushed(tmp_path: Path) -> None:
    image, mount = tmp_path / "image", tmp_path / "mnt"
    image.mkdir()
    (image / "old").write_bytes(b"before")
    with mounted_disk(image, mount, cut_after=200):
        _write(mount / "kept", b"flushed", flush=True)
        _write(mount / "old", b"AFTER!", flush=False)
        sync_directory(mount)
        _write(mount / "kept", b"FLUSHED, then more", flush=False)
        _write(mount / "nameless", b"flushed, folder not", flush=True)
        os.rename(mount / "kept", mount / "renamed")
        _until_the_power_goes(mount / "scratch")
    assert sorted(path.name for path in image.iterdir()) == ["kept", "old"]
    assert (image / "kept").read_bytes() == b"flushed"
    assert (image / "old").read_bytes() == b"before"


def test_a_clean_unmount_keeps_everything(tmp_path: Path) -> None:
    image, mount = tmp_path / "image", tmp_path / "mnt"
    image.mkdir()
    with mounted_disk(image, mount, cut_after=10_000):
        _write(mount / "file", b"never flushed", flush=False)
    assert (image / "file").read_bytes() == b"never flushed"


@pytest.mark.slow
def test_power_cuts_among_puts_claims_and_marks_break_no_promise(tmp_path: Path) -> None:
    campaign = Campaign(tmp_path, cuts=CUTS, seed=SEED)
    ledger = campaign.run(NOW)
    assert sum(ledger.problems.values()) == 0, "\n".join(ledger.examples)
    assert ledger.rounds == CUTS
    assert ledger.cut_at["among puts, claims and marks"] >= CUTS // 2
    assert len(ledger.puts) > CUTS and ledger.delivered
    assert ledger.entries >= len(ledger.puts)
