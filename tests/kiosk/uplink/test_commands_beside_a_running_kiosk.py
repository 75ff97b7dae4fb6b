"""A technician's commands while the kiosk runs: they read the spool, never move or write it.

Two, then three processes: a child that holds the spool the way `kiosk run` does
(`open_spool(..., exclusive=True)`) and spools submissions on request, and the
real `kiosk` commands beside it. Before one process owned the spool, a command
that found the database damaged moved it aside under the kiosk, which went on
writing citizens' submissions into the moved file, and `kiosk sync --once` sent
again what the kiosk had in flight.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.clock import local_now
from kiosk.core import open_spool, spool_file
from rig.campaign import kiosk_env, run_kiosk, senior_card_payload

EX_TEMPFAIL = 75
HOLDER = """
import json, sys
from kiosk.clock import local_now
from kiosk.core import open_spool
from kiosk.settings.model import load_settings

with open_spool(load_settings(), local_now, exclusive=True) as spool:
    print("holding", flush=True)
    for line in sys.stdin:  # a payload per line: spool it, answer its reference
        if line.strip() == "checkpoint":  # everything into the database file, the WAL empty
            spool._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            print("done", flush=True)
            continue
        entry = spool.put(json.loads(line), item_code="440106-MZJ-001")
        print(entry.local_ref, flush=True)
"""


class RunningKiosk:
    def __init__(self, config: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", HOLDER], env=kiosk_env(config),
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True)
        assert self._line() == "holding"

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def spool_one(self, payload: dict) -> str:
        return self._say(json.dumps(payload))

    def checkpoint(self) -> None:
        assert self._say("checkpoint") == "done"

    def _say(self, line: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self._line()

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        assert self.process.wait(timeout=30) == 0


@pytest.fixture
def running(central, kiosk_config) -> Iterator[tuple[RunningKiosk, Path]]:
    config = kiosk_config()
    kiosk = RunningKiosk(config)
    try:
        yield kiosk, config
    finally:
        if kiosk.process.poll() is None:
            kiosk.stop()


def test_commands_read_while_the_kiosk_runs_and_refuse_to_write(central, running) -> None:
    kiosk, config = running
    refs = [kiosk.spool_one(senior_card_payload(central.device_id, n)) for n in range(2)]

    status = run_kiosk(config, "spool", "status")
    sync = run_kiosk(config, "sync", "--once")
    retry = run_kiosk(config, "spool", "retry", "--dead")

    assert status.returncode == 0, status.stderr
    assert "2" in status.stdout and "pending" in status.stdout
    for refused in (sync, retry):
        assert refused.returncode == EX_TEMPFAIL, refused.stdout + refused.stderr
        assert "running kiosk owns the spool" in refused.stderr
        assert "systemctl stop kiosk" in refused.stderr
    assert central.counters()["distinct_keys"] == 0  # nothing was sent beside the kiosk

    refs.append(kiosk.spool_one(senior_card_payload(central.device_id, 2)))
    kiosk.stop()
    done = run_kiosk(config, "sync", "--once")  # the kiosk is stopped: now it may
    assert done.returncode == 0, done.stderr
    assert central.counters()["distinct_keys"] == 3
    with open_spool(central.settings, local_now) as spool:
        assert [spool.receipt_of(ref)[0].case_no is not None for ref in refs] == [True] * 3


def test_a_command_never_moves_a_damaged_spool_from_under_the_kiosk(central, running) -> None:
    kiosk, config = running
    kiosk.spool_one(senior_card_payload(central.device_id, 0))
    kiosk.checkpoint()
    database = spool_file(central.settings)
    with database.open("r+b") as raw:  # a damaged first page, as a failing disk leaves it
        raw.write(b"\xde\xad" * 8)

    status = run_kiosk(config, "spool", "status")

    assert status.returncode != 0
    assert "while the running kiosk holds it" in status.stderr
    assert database.exists() and not list(database.parent.glob("*.corrupt-*"))
