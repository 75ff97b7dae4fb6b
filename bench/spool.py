"""How much a durable, sealed spool put costs against a bare SQLite insert.

The citizen waits for put() before the receipt prints, so its latency is
what matters; the baseline is the cheapest thing with the same durability:
one sqlite3 INSERT per transaction with the same pragmas (WAL,
synchronous=FULL), same payload, same disk, same run. Prints figures and the
ratio; never passes or fails on time.

    .venv/bin/python -m bench.spool [--count N]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from offline_queue import GateLimits, Spool

PAYLOAD = {
    "item_code": "330100-JM-001", "item_version": 3, "device_id": "K0107",
    "applicant": {"id_type": "resident_id", "id_number": "11010519491231002X", "name": "张三"},
    "form": {"phone": "13800138000", "address": "浙江省杭州市西湖区文三路 100 号",
             "reason": "身份证有效期满换领", "copies": 1},
}


def _local_now() -> datetime:
    return datetime.now().astimezone()


def _timed(count: int, one: Callable[[int], object]) -> tuple[list[float], float]:
    latencies = []
    started = time.perf_counter()
    for n in range(count):
        before = time.perf_counter()
        one(n)
        latencies.append(time.perf_counter() - before)
    return latencies, time.perf_counter() - started


def bench_spool(folder: Path, count: int) -> tuple[list[float], float]:
    limits = GateLimits(max_backlog=count + 1)
    with Spool(folder / "spool.db", folder / "spool.key", device_prefix="K0107",
               clock=_local_now, limits=limits) as spool:
        return _timed(count, lambda n: spool.put(
            {**PAYLOAD, "n": n}, item_code="330100-JM-001", applicant_id="11010519491231002X"))


def bench_bare_sqlite(folder: Path, count: int) -> tuple[list[float], float]:
    conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE entries (id TEXT PRIMARY KEY, body BLOB NOT NULL)")

    def insert(n: int) -> None:
        body = json.dumps({**PAYLOAD, "n": n}, ensure_ascii=False).encode()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO entries VALUES (?, ?)", (str(uuid.uuid4()), body))
        conn.execute("COMMIT")

    try:
        return _timed(count, insert)
    finally:
        conn.close()


def _figures(latencies: list[float], total: float) -> tuple[float, float, float]:
    cuts = statistics.quantiles(latencies, n=100)
    return cuts[49] * 1000, cuts[98] * 1000, len(latencies) / total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="entries per contender")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-spool-") as tmp:
        folder = Path(tmp)
        bare = _figures(*bench_bare_sqlite(folder, args.count))
        spool = _figures(*bench_spool(folder, args.count))
    print(f"{args.count} durable puts each (WAL, synchronous=FULL), one transaction per put")
    print(f"{'':28}{'p50 ms':>10}{'p99 ms':>10}{'puts/s':>10}")
    for name, (p50, p99, rate) in (("bare sqlite3 insert", bare),
                                   ("offline_queue.Spool.put", spool)):
        print(f"{name:28}{p50:10.3f}{p99:10.3f}{rate:10.0f}")
    print(f"ratio spool/bare: p50 {spool[0] / bare[0]:.2f}x, p99 {spool[1] / bare[1]:.2f}x, "
          f"throughput {spool[2] / bare[2]:.2f}x")


if __name__ == "__main__":
    main()
