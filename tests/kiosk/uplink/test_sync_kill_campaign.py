"""Power cuts while syncing: `kiosk sync --once` is killed with SIGKILL at random points of its
drain, again and again, then run until the spool is empty; every spooled submission must be at
the reference central exactly once, as one case, and delivered in the spool under that case.

The child logs a line after each delivery it has committed to the spool; the parent kills it
after a random number of those lines (sometimes before it has started), so the kills land in
start-up, in recovery of entries left in flight, while a single or a batch POST is on the wire,
after the central answered but before the spool heard, and between the marks of one batch.
No sleeps: the child's log pipe is the only synchronisation.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from sync_helpers import put

from kiosk.clock import local_now
from kiosk.core import open_spool
from kiosk.service.provisioning import client_for
from kiosk.uplink.credentials import load_credentials
from rig.campaign import DELIVERED, KIOSK, kill_after, kiosk_env, run_kiosk

# The suite's campaign; KIOSK_KILLS=300 (say) runs a longer one by hand, with enough
# submissions spooled that the drain cannot end before the last kill.
KILLS = int(os.environ.get("KIOSK_KILLS", "22"))
ENTRIES = max(150, KILLS * 10)
SEED = 20261123
# Each run drains either in small batches (many requests per run) or one entry at a time.
SYNC_SETTINGS = {"batches": {"batch_size": 6, "batch_threshold": 2},
                 "singles": {"batch_size": 6, "batch_threshold": 6}}


def _sync_and_kill(config: Path, deliveries: int) -> tuple[list[str], bool]:
    """Run `kiosk sync --once`, SIGKILL it once it has logged `deliveries` deliveries (0: at
    once); returns every log line it got out and whether it was killed before it ended."""
    run = kill_after([str(KIOSK), "sync", "--once"], deliveries, env=kiosk_env(config),
                     counts=DELIVERED, on_stderr=True)
    assert run.returncode in (0, -9), f"sync failed on its own:\n{''.join(run.lines)}"
    return run.lines, run.killed


@pytest.mark.slow
def test_sync_killed_at_random_points_delivers_every_submission_once(central,
                                                                     kiosk_config) -> None:
    configs = [kiosk_config(name, sync=sync) for name, sync in SYNC_SETTINGS.items()]
    with open_spool(central.settings, local_now) as spool:
        entries = [put(spool, central.device_id, n) for n in range(ENTRIES)]
    cases_before = central.counters()["cases"]
    rng = random.Random(SEED)
    reported: dict[str, str] = {}  # local_ref -> case number, as each run logged them
    kills = runs = 0

    while kills < KILLS:
        runs += 1
        deliveries = 0 if rng.random() < 0.15 else rng.randint(1, 9)
        lines, killed = _sync_and_kill(rng.choice(configs), deliveries)
        kills += killed
        for match in filter(None, map(DELIVERED.search, lines)):
            assert reported.setdefault(match[1], match[2]) == match[2], "a case changed"
        if not killed:
            break
    assert kills == KILLS, "the spool was drained before the campaign was over; spool more"
    final = run_kiosk(configs[0], "sync", "--once")

    assert final.returncode == 0, final.stderr
    last = json.loads(final.stdout)
    assert last["retried"] == last["dead"] == 0
    counters = central.counters()
    print(f"\nsync kill campaign: {ENTRIES} submissions, {kills} kills in {runs} runs, "
          f"{last['delivered']} left for the last run, "
          f"requests {counters['requests_by_operation']}, stored {counters['submissions']}, "
          f"distinct keys {counters['distinct_keys']}, "
          f"new cases {counters['cases'] - cases_before}")
    assert counters["submissions"] == counters["distinct_keys"] == ENTRIES
    assert counters["cases"] - cases_before == ENTRIES
    with open_spool(central.settings, local_now) as spool:
        stats = spool.stats()
        delivered = {e.local_ref: spool.get(e.id).case_no for e in entries}
    assert (stats.delivered, stats.pending, stats.in_flight, stats.dead) == (ENTRIES, 0, 0, 0)
    assert len(set(delivered.values())) == ENTRIES  # one case per submission
    assert {ref: delivered[ref] for ref in reported} == reported  # no logged delivery undone
    client = client_for(central.settings,
                        load_credentials(central.settings.device.state_dir).token)
    try:
        tokens = {e.local_ref: e.payload["lookup_token"] for e in entries}
        for local_ref, case_no in delivered.items():
            found = client.lookup_cases(local_ref=local_ref, lookup_token=tokens[local_ref])
            assert [c["case_no"] for c in found] == [case_no]
    finally:
        client.close()
