"""Power cuts at scale: SIGKILL the kiosk's processes a thousand times while it spools and
delivers to a central that loses responses; afterwards nothing may be lost or doubled.

The suite's campaigns (tests/offline_queue/test_spool_crash.py,
tests/kiosk/uplink/test_sync_kill_campaign.py) kill a few dozen times; this one
kills as often as asked, across the whole life of a submission. Each round is
one child killed with SIGKILL: either a kiosk spooling submissions (killed
after a random number of committed puts, or at start-up), or `kiosk sync
--once` (killed at start-up, where it recovers entries left in flight and
claims, or after a random number of committed deliveries, at once or a few
milliseconds later: in the next claim, while a single or a batch POST is on
the wire, after the central answered but before the spool heard, between the
marks of one batch). The reference central drops the connection after it has
committed a share of the submissions it takes (drop_after), so the kiosk
never hears of cases the central has. Then faults end, one drain runs to the
end, and the report counts, against the submissions confirmed spooled: lost
(never a case), duplicated (more than one case or stored submission per key)
and not marked delivered though the central has them. Exits 1 if any is not
0; never passes or fails on time.

    .venv/bin/python -m bench.kill_campaign [--kills N] [--seed S] [--loss P]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from kiosk.clock import local_now
from kiosk.core import open_spool
from kiosk.service.provisioning import client_for
from kiosk.settings.model import Settings
from kiosk.uplink.credentials import load_credentials
from offline_queue import EntryState
from rig.campaign import DELIVERED, KIOSK, kill_after, kiosk_env, run_kiosk, settings_toml
from rig.demo import CentralProcess, enrolled_kiosk

# each `kiosk sync --once` drains either in small batches or one entry at a time; the
# backoff is a millisecond, so an entry whose response was lost is due again at once
SYNC = {"batches": {"batch_size": 6, "batch_threshold": 2},
        "singles": {"batch_size": 6, "batch_threshold": 6}}
BACKOFF = {"backoff_base_s": 0.001, "backoff_cap_s": 0.001}
LOW_BACKLOG = 30  # below this many undelivered (as far as the campaign knows), spool more
LINGER_S = 0.03  # a late kill lands up to this long after the delivery it waited for


@dataclass
class Tally:
    """What the campaign did and saw, as it goes."""

    kill_points: Counter[str] = field(default_factory=Counter)
    ended_alone: int = 0
    confirmed: dict[str, str] = field(default_factory=dict)  # local_ref -> entry id
    reported: dict[str, str] = field(default_factory=dict)  # local_ref -> case, as logged

    @property
    def kills(self) -> int:
        return sum(self.kill_points.values())


def _site_files(folder: Path, settings: Settings) -> dict[str, Path]:
    """One KIOSK_CONFIG file per way of draining, each the enrolled kiosk's settings."""
    files: dict[str, Path] = {}
    for name, sync in SYNC.items():
        sections = settings.model_dump(mode="json")
        sections["sync"].update(sync)
        files[name] = folder / f"{name}.toml"
        files[name].write_text(settings_toml(sections), encoding="utf-8")
    return files


def _spool_round(rng: random.Random, config: Path, tally: Tally) -> None:
    puts = 0 if rng.random() < 0.1 else rng.randint(1, 12)
    run = kill_after([sys.executable, "-m", "bench.spooling_child", str(len(tally.confirmed))],
                     puts, env=kiosk_env(config))
    if not run.killed:
        raise RuntimeError(f"the spooling child ended by itself: {run.lines[-3:]}")
    for line in run.lines:
        _, entry_id, local_ref = line.split()
        tally.confirmed[local_ref] = entry_id
    tally.kill_points["put: at start-up" if puts == 0 else "put: after 1-12 committed puts"] += 1


def _sync_round(rng: random.Random, configs: dict[str, Path], tally: Tally) -> None:
    deliveries = 0 if rng.random() < 0.15 else rng.randint(1, 9)
    linger = rng.uniform(0, LINGER_S) if deliveries and rng.random() < 0.5 else 0.0
    way = rng.choice(sorted(configs))
    run = kill_after([str(KIOSK), "sync", "--once"], deliveries, env=kiosk_env(configs[way]),
                     counts=DELIVERED, on_stderr=True, linger_s=linger)
    if run.returncode not in (0, -9):
        raise RuntimeError(f"sync failed on its own:\n{''.join(run.lines[-20:])}")
    for match in filter(None, map(DELIVERED.search, run.lines)):
        if tally.reported.setdefault(match[1], match[2]) != match[2]:
            raise RuntimeError(f"{match[1]} was logged delivered as two cases")
    if not run.killed:
        tally.ended_alone += 1
    elif deliveries == 0:
        tally.kill_points[f"sync ({way}): at start-up (recovery, first claim)"] += 1
    else:
        when = "0-30 ms after" if linger else "right after"
        tally.kill_points[f"sync ({way}): {when} its 1st-9th delivery"] += 1


def _kill(rng: random.Random, kills: int, configs: dict[str, Path]) -> Tally:
    tally = Tally()
    while tally.kills < kills:
        backlog = len(tally.confirmed) - len(tally.reported)
        if backlog < LOW_BACKLOG or rng.random() < 0.2:
            _spool_round(rng, configs["singles"], tally)
        else:
            _sync_round(rng, configs, tally)
    return tally


def _drain_to_the_end(config: Path) -> int:
    """`kiosk sync --once` until a run leaves nothing to retry; returns the runs it took."""
    for runs in range(1, 11):
        done = run_kiosk(config, "sync", "--once")
        if done.returncode != 0:
            raise RuntimeError(f"the last drain failed:\n{done.stderr[-3000:]}")
        result = json.loads(done.stdout)
        if result["retried"] == result["dead"] == 0:
            return runs
    raise RuntimeError("ten drains without faults still left entries to retry")


def _count(settings: Settings, tally: Tally) -> dict[str, int]:
    """Lost, duplicated and unmarked submissions, against those confirmed spooled."""
    credentials = load_credentials(settings.device.state_dir)
    assert credentials is not None
    client = client_for(settings, credentials.token)
    with open_spool(settings, local_now, recover_in_flight=False) as spool:
        listing = {e.local_ref: e for e in spool.list_entries()}
        # a lookup by reference needs the token the receipt's QR code carries
        tokens = {ref: (spool.receipt_of(ref) or (None, None))[1] for ref in tally.confirmed}
    counts = Counter(lost=0, duplicated=0, unmarked=0, undone=0)
    try:
        for local_ref in tally.confirmed:
            if tokens[local_ref] is None:  # confirmed, and gone from the spool: lost
                counts["lost"] += 1
                continue
            cases = [c["case_no"] for c in client.lookup_cases(
                local_ref=local_ref, lookup_token=tokens[local_ref])]
            entry = listing.get(local_ref)
            counts["lost"] += not cases
            counts["duplicated"] += len(cases) > 1
            counts["unmarked"] += bool(cases) and (
                entry is None or entry.state != EntryState.DELIVERED
                or entry.case_no not in cases)
            counts["undone"] += local_ref in tally.reported and tally.reported[local_ref] != (
                entry.case_no if entry else None)
    finally:
        client.close()
    counts["spooled"] = len(listing)
    return dict(counts)


def _arm_losses(central: CentralProcess, loss: float, seed: int) -> None:
    for operation in ("submissions", "submissions_batch"):
        requests.post(central.admin_url + "/faults", timeout=10, json={
            "operation": operation, "mode": "drop_after", "probability": loss,
            "seed": seed}).raise_for_status()


def campaign(folder: Path, kills: int, seed: int, loss: float) -> tuple[Tally, dict[str, Any]]:
    """The whole campaign against a fresh reference central: the kills, then the drain
    without faults; returns the tally and the counts (with the central's counters)."""
    central = CentralProcess(folder / "central.sqlite3")
    url = central.start()
    try:
        settings, _ = enrolled_kiosk(folder / "state", url, "BENCH-KILLS", sync=BACKOFF,
                                     spool={"max_backlog": 1_000_000})
        configs = _site_files(folder, settings)
        _arm_losses(central, loss, seed)
        tally = _kill(random.Random(seed), kills, configs)
        requests.delete(central.admin_url + "/faults", timeout=10).raise_for_status()
        counts: dict[str, Any] = {"last drain runs": _drain_to_the_end(configs["batches"])}
        counts |= _count(settings, tally)
        central_counters = requests.get(central.admin_url + "/counters", timeout=10).json()
    finally:
        central.stop()
    counts["stored twice"] = central_counters["submissions"] - central_counters["distinct_keys"]
    counts["requests"] = {op: n for op, n in central_counters["requests_by_operation"].items()
                          if op.startswith("submissions")}
    return tally, counts


def report(tally: Tally, counts: dict[str, Any], seconds: float) -> list[str]:
    rows = [f"{tally.kills} SIGKILLs; kill points:"]
    rows += [f"  {point:58}{n:6}" for point, n in sorted(tally.kill_points.items())]
    rows += [
        f"sync runs that ended on their own (a lost response){tally.ended_alone:15}",
        f"submissions confirmed spooled{len(tally.confirmed):37}",
        f"entries in the spool (with puts killed before they said so){counts['spooled']:7}",
        f"deliveries logged before a kill{len(tally.reported):35}",
        f"requests to the central: {counts['requests']}",
        f"runs of the last drain, faults off{counts['last drain runs']:32}",
        f"lost (confirmed spooled, never a case){counts['lost']:28}",
        f"duplicated (more than one case per key){counts['duplicated']:27}",
        f"duplicated (a key stored twice at the central){counts['stored twice']:20}",
        f"not marked delivered though the central has them{counts['unmarked']:17}",
        f"logged delivered, later under another case{counts['undone']:23}",
        f"took {seconds:.1f} s",
    ]
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000, help="SIGKILLs to make")
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--loss", type=float, default=0.15,
                        help="share of submission responses the central loses")
    args = parser.parse_args(argv)
    print(f"kill campaign: seed {args.seed}, the central loses {args.loss:.0%} of its "
          "responses to POST /submissions and /submissions/batch", flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-kills-") as tmp:
        tally, counts = campaign(Path(tmp), args.kills, args.seed, args.loss)
    print("\n".join(report(tally, counts, time.perf_counter() - started)))
    bad = ("lost", "duplicated", "stored twice", "unmarked", "undone")
    return 1 if any(counts[name] for name in bad) else 0


if __name__ == "__main__":
    raise SystemExit(main())
