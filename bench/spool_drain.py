"""How fast a kiosk back online drains its backlog to the central: in batches, and one by one.

After a night offline the spool may hold thousands of submissions, and each
one waits for its case number until the drain reaches it. The sync worker
posts to /submissions/batch when more than `batch_threshold` entries are
due; the baseline is the same worker posting every entry alone. Both drain
the same number of entries spooled the same way, each to a fresh reference
central on loopback (started as the demo starts it), in the same run. Prints
entries/s and the ratio; never passes or fails on time.

    .venv/bin/python -m bench.spool_drain [--count N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from kiosk.clock import local_now
from kiosk.core import open_spool, open_sync
from rig.campaign import SENIOR_CARD, SENIOR_ID_NUMBER, senior_card_payload
from rig.demo import CentralProcess, enrolled_kiosk

BATCHES = "batches of 100 (POST /submissions/batch)"
ONE_BY_ONE = "one by one (POST /submissions)"
WAYS = {  # [sync] settings of each contender; batch_size is the contract's batch limit
    BATCHES: {"batch_size": 100, "batch_threshold": 5},
    ONE_BY_ONE: {"batch_size": 100, "batch_threshold": 100},
}


def drain_once(folder: Path, count: int, sync: dict[str, int]) -> tuple[float, dict[str, Any]]:
    """Spool `count` entries for a fresh central, then time one drain of them all; returns
    the seconds and the central's counters afterwards."""
    central = CentralProcess(folder / "central.sqlite3")
    url = central.start()
    try:
        settings, credentials = enrolled_kiosk(folder / "state", url, "BENCH-0001", sync=sync,
                                               spool={"max_backlog": count + 1})
        device_id = credentials.device_id
        with open_spool(settings, local_now) as spool:
            for n in range(count):
                spool.put(senior_card_payload(device_id, n), item_code=SENIOR_CARD,
                          applicant_id=SENIOR_ID_NUMBER)
            worker = open_sync(settings, spool, local_now)
            started = time.perf_counter()
            result = worker.drain()
            seconds = time.perf_counter() - started
        counters = requests.get(central.admin_url + "/counters", timeout=10).json()
        if (result.delivered, result.dead, counters["distinct_keys"]) != (count, 0, count):
            raise RuntimeError(f"the drain did not deliver everything once: {result}, "
                               f"{counters['distinct_keys']} at the central")
        return seconds, counters
    finally:
        central.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="entries to drain per way")
    args = parser.parse_args(argv)
    rates: dict[str, float] = {}
    print(f"drain of {args.count} spooled entries to the reference central on loopback")
    print(f"{'':44}{'seconds':>9}{'entries/s':>11}   requests")
    for name, sync in WAYS.items():
        with tempfile.TemporaryDirectory(prefix="bench-drain-") as tmp:
            seconds, counters = drain_once(Path(tmp), args.count, sync)
        rates[name] = args.count / seconds
        requests_made = {op: n for op, n in counters["requests_by_operation"].items()
                         if op.startswith("submissions")}
        print(f"{name:44}{seconds:9.2f}{rates[name]:11.0f}   {requests_made}")
    print(f"ratio batches / one by one: {rates[BATCHES] / rates[ONE_BY_ONE]:.2f}x")


if __name__ == "__main__":
    main()
