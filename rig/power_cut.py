"""Power cuts, simulated honestly: the spool on a disk that forgets what was not flushed.

Each round mounts the last durable state on rig.power_cut_disk, which cuts
the power after a random number of changes; a kiosk child (rig.power_cut_child)
puts, claims and marks entries on it until then. The child is killed, the disk
unmounted, and the machine "reboots": the spool is opened on what the disk
kept, as `kiosk run` would, and checked against every promise the child wrote
down: each put that returned is there exactly once with its reference and its
payload, each delivery stays delivered, nothing half-written is visible (the
database passes its check and nothing is set aside, the key opens it, every
payload authenticates), and the reference ceiling covers every reference.
The suite runs a handful of rounds; `python -m bench.power_cut` runs hundreds.
"""

from __future__ import annotations

import random
import select
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from offline_queue import EntryState, Spool, SpoolError
from offline_queue.refs import RefCeiling, ceiling_path
from rig.power_cut_child import payload

ROUND_LIMIT_S = 120.0
ROUND_NUMBERS = 100_000  # far more puts than a round makes before its cut
# the promises a cut may break, by the name Ledger.broken files them under
KINDS = {
    "lost": "lost (a confirmed put gone after a cut)",
    "twice": "stored twice (a submission, or an id)",
    "changed": "changed (a confirmed put's reference or payload)",
    "undone": "undone (a confirmed delivery pending again)",
    "damaged": "damaged (did not open, set aside, failed its check, ceiling)",
}
DB, KEY = "spool.db", "spool.key"


class PowerCutError(Exception):
    """A round could not be run (the disk did not mount, the child failed before the cut)."""


@dataclass
class Ledger:
    """What the kiosk was told across every round: the promises, and the counts."""

    puts: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> (ref, number)
    delivered: set[str] = field(default_factory=set)
    rounds: int = 0
    entries: int = 0  # in the spool after the last reboot, puts cut off before they said so too
    cut_at: Counter[str] = field(default_factory=Counter)
    problems: Counter[str] = field(default_factory=Counter)  # kind -> how many
    examples: list[str] = field(default_factory=list)
    counted: set[tuple[str, str]] = field(default_factory=set)

    def broken(self, kind: str, detail: str, about: str | None = None) -> None:
        """A promise broken after the current round's cut; one about the same `about` (an
        entry's id) counts once, however many reboots find it broken again."""
        if about is not None:
            if (kind, about) in self.counted:
                return
            self.counted.add((kind, about))
        self.problems[kind] += 1
        if len(self.examples) < 20:
            self.examples.append(f"after cut {self.rounds}: {kind}: {detail}")

    @property
    def next_number(self) -> int:
        """The first submission number of the next round's child: no two rounds share one."""
        return self.rounds * ROUND_NUMBERS + 1


def _wait_for(process: subprocess.Popen[str], word: str, child: subprocess.Popen[str] | None,
              limit_s: float = ROUND_LIMIT_S) -> str:
    """The disk's next line once it starts with `word`; PowerCutError if the disk or the
    child ends first."""
    assert process.stdout is not None
    waited = 0.0
    while True:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            line = process.stdout.readline()
            if line.startswith(word):
                return line
            if not line:
                said = process.stderr.read()[-2000:] if process.stderr else ""
                raise PowerCutError(f"the disk ended before {word!r} (exit {process.wait()}; "
                                    f"is /dev/fuse there, and fusermount3?): {said}")
        waited += 0.5
        if child is not None and child.poll() is not None:
            raise PowerCutError(f"the kiosk child ended before the cut: {child.returncode}, "
                                f"{child.stderr.read() if child.stderr else ''}")
        if waited > limit_s:
            raise PowerCutError(f"no {word!r} from the disk in {limit_s:.0f} s")


@contextmanager
def mounted_disk(image: Path, mount: Path, *, cut_after: int, keep: float = 0.0,
                 seed: int = 0) -> Iterator[subprocess.Popen[str]]:
    """`image` mounted on `mount` as a disk that loses power before its `cut_after`-th
    change (rig.power_cut_disk); unmounted at the end (a clean shutdown if the power
    never went)."""
    mount.mkdir(parents=True, exist_ok=True)
    disk = subprocess.Popen(
        [sys.executable, "-m", "rig.power_cut_disk", str(image), str(mount),
         "--cut-after", str(cut_after), "--keep", str(keep), "--seed", str(seed)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(disk, "ready", None, limit_s=30)
        yield disk
    finally:
        subprocess.run(["fusermount3", "-u", str(mount)], capture_output=True, check=False)
        try:
            disk.wait(timeout=30)
        except subprocess.TimeoutExpired:
            disk.kill()
        disk.communicate()


def run_round(image: Path, mount: Path, report: Path, *, cut_after: int, keep: float,
              seed: int, first: int) -> None:
    """Mount `image`, let the kiosk child work on it until the power goes, and unmount."""
    with mounted_disk(image, mount, cut_after=cut_after, keep=keep, seed=seed) as disk:
        child = subprocess.Popen(
            [sys.executable, "-m", "rig.power_cut_child", str(mount / DB), str(mount / KEY),
             str(report), str(first)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            _wait_for(disk, "cut", child)
        finally:
            child.kill()
            child.communicate()


def _read_report(report: Path, ledger: Ledger) -> int:
    """Add the child's promises to `ledger`; returns how many puts it reported."""
    reported = 0
    for line in report.read_text(encoding="utf-8").splitlines():
        words = line.split()
        if words[0] == "put":
            if words[1] in ledger.puts:
                ledger.broken("twice", f"id {words[1]} handed out twice")
            ledger.puts[words[1]] = (words[2], int(words[3]))
            reported += 1
        elif words[0] == "delivered":
            ledger.delivered.add(words[1])
    return reported


def check_after_reboot(image: Path, ledger: Ledger, clock: datetime) -> None:
    """Open the spool on what the disk kept, as the kiosk's next start does, and note every
    broken promise in `ledger`."""
    set_aside = sorted(path.name for path in image.glob("*.corrupt-*"))
    try:
        with Spool(image / DB, image / KEY, device_prefix="K0107", clock=lambda: clock,
                   disk_free=lambda: 2**40) as spool:
            _check_entries(spool, image, ledger)
    except SpoolError as exc:
        ledger.broken("damaged", f"the spool did not open: {exc}")
        return
    if set_aside:
        ledger.broken("damaged", f"the database was set aside as damaged: {set_aside}")
    with sqlite3.connect(image / DB) as raw:
        verdict = raw.execute("PRAGMA quick_check").fetchone()[0]
    raw.close()
    if verdict != "ok":
        ledger.broken("damaged", f"quick_check: {verdict}")


def _check_entries(spool: Spool, image: Path, ledger: Ledger) -> None:
    entries = spool.list_entries()
    ledger.entries = len(entries)
    numbers: set[int] = set()
    for listed in entries:
        number = spool.get(listed.id).payload["form"]["n"]  # authenticated, so whole
        if number in numbers:
            ledger.broken("twice", f"submission {number} stored twice", str(number))
        numbers.add(number)
    for entry_id, (ref, number) in ledger.puts.items():
        try:
            entry = spool.get(entry_id)
        except SpoolError as exc:
            ledger.broken("lost", f"confirmed put {ref} ({entry_id}): {exc}", entry_id)
            continue
        if entry.local_ref != ref or entry.payload != payload(number):
            ledger.broken("changed", f"confirmed put {ref} came back as {entry.local_ref}",
                          entry_id)
        if entry_id in ledger.delivered and entry.state != EntryState.DELIVERED:
            ledger.broken("undone", f"the delivery of {ref} is {entry.state} again", entry_id)
    highest = max((int(entry.local_ref.rsplit("-", 1)[1]) for entry in entries), default=0)
    ceiling = RefCeiling(ceiling_path(image / DB)).value  # SpoolError if half-written
    if highest > ceiling:
        ledger.broken("damaged", f"reference ceiling {ceiling} below reference {highest}")


@dataclass
class Campaign:
    """`cuts` rounds from `seed` in `workdir`; each cuts the power before a change drawn
    from 1..`most_changes`, and draws from `keep` the chance that an unflushed write
    survives (0: the disk forgets them all)."""

    workdir: Path
    cuts: int
    seed: int
    keep: tuple[float, ...] = (0.0, 0.5)
    most_changes: int = 400
    ledger: Ledger = field(default_factory=Ledger)

    def run(self, clock: datetime) -> Ledger:
        rng = random.Random(self.seed)
        image, mount = self.workdir / "disk", self.workdir / "mnt"
        shutil.rmtree(image, ignore_errors=True)
        image.mkdir(parents=True)
        for round_no in range(self.cuts):
            report = self.workdir / f"report-{round_no}.txt"
            keep = rng.choice(self.keep)
            run_round(image, mount, report, cut_after=rng.randint(1, self.most_changes),
                      keep=keep, seed=rng.getrandbits(32), first=self.ledger.next_number)
            reported = _read_report(report, self.ledger)
            self.ledger.rounds += 1
            self.ledger.cut_at["before the first put returned" if not reported
                               else "among puts, claims and marks"] += 1
            self.ledger.cut_at[f"unflushed writes kept with chance {keep}"] += 1
            check_after_reboot(image, self.ledger, clock)
        return self.ledger
