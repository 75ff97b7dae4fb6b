"""How much a durable, sealed spool put costs against a bare SQLite insert.

The citizen waits for put() before the receipt prints, so its latency is
what matters; the baseline is the cheapest thing with the same durability:
one sqlite3 INSERT per transaction with the same pragmas (WAL,
synchronous=FULL), same payload, same disk, same run. Beside it: the spool's
own schema written by bare SQL (what its indexes and triggers cost before
any of its code runs) and persist-queue's SQLiteAckQueue at the same
durability, when the `bench` extra is installed. The contenders take turns
of a few hundred puts, so a busy machine slows them alike. Prints figures and the
ratios; never passes or fails on time.

    .venv/bin/python -m bench.spool [--count N]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from datetime import datetime
from pathlib import Path

from offline_queue import GateLimits, Spool
from offline_queue.refs import format_ref
from offline_queue.schema import migrate

PAYLOAD = {
    "item_code": "330100-JM-001", "item_version": 3, "device_id": "K0107",
    "applicant": {"id_type": "resident_id", "id_number": "11010519491231002X", "name": "张三"},
    "form": {"phone": "13800138000", "address": "浙江省杭州市西湖区文三路 100 号",
             "reason": "身份证有效期满换领", "copies": 1},
}
Put = Callable[[int], object]


def _local_now() -> datetime:
    return datetime.now().astimezone()


def _body(n: int) -> bytes:
    return json.dumps({**PAYLOAD, "n": n}, ensure_ascii=False).encode()


@contextmanager
def _durable_transactions(path: Path, write: Callable[[sqlite3.Connection, int], object],
                          schema: Callable[[sqlite3.Connection], object]) -> Iterator[Put]:
    """One transaction per put on a connection with the spool's durability pragmas
    (WAL, synchronous=FULL) and nothing else of it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    schema(conn)

    def put(n: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        write(conn, n)
        conn.execute("COMMIT")

    try:
        yield put
    finally:
        conn.close()


def bare_sqlite(folder: Path, count: int) -> AbstractContextManager[Put]:
    return _durable_transactions(
        folder / "bare.db",
        lambda conn, n: conn.execute("INSERT INTO entries VALUES (?, ?)",
                                     (str(uuid.uuid4()), _body(n))),
        lambda conn: conn.execute("CREATE TABLE entries (id TEXT PRIMARY KEY, body BLOB)"))


def _schema_row(conn: sqlite3.Connection, n: int) -> None:
    conn.execute("""INSERT INTO entries (id, local_ref, item_code, created_at, created_us,
                        state, next_attempt_us, sealed_payload, applicant_digest)
                    VALUES (?, ?, 'A', '', ?, 'pending', ?, ?, ?)""",
                 (str(uuid.uuid4()), format_ref("K0107", "20261123", n + 1), n, n, _body(n),
                  os.urandom(32)))


def spool_schema(folder: Path, count: int) -> AbstractContextManager[Put]:
    """The spool's tables and indexes, one row per put (the day's number is kept in memory), with
    no sealing, gate or Python objects: the floor under Spool.put."""
    return _durable_transactions(folder / "schema.db", _schema_row,
                                 lambda conn: migrate(conn, "bench"))


@contextmanager
def persist_queue(folder: Path, count: int) -> Iterator[Put]:
    """SQLiteAckQueue.put with JSON items, at the spool's durability."""
    from persistqueue import SQLiteAckQueue
    from persistqueue.serializers import json as json_items

    queue = SQLiteAckQueue(str(folder / "persist-queue"), serializer=json_items,
                           auto_resume=False)
    # WAL is its own default; synchronous is not an option of its, so it is set on its
    # one connection (with multithreading=False it puts and gets through the same one).
    queue._putter.execute("PRAGMA synchronous=FULL")
    try:
        yield lambda n: queue.put({**PAYLOAD, "n": n})
    finally:
        queue.close()


@contextmanager
def spool(folder: Path, count: int) -> Iterator[Put]:
    limits = GateLimits(max_backlog=count + 1)
    with Spool(folder / "spool.db", folder / "spool.key", device_prefix="K0107",
               clock=_local_now, limits=limits) as opened:
        def put(n: int) -> None:
            opened.put({**PAYLOAD, "n": n}, item_code="330100-JM-001",
                       applicant_id="11010519491231002X")

        # the kiosk's sync worker checkpoints between drains, never inside a put
        put.between_turns = opened.checkpoint  # type: ignore[attr-defined]
        yield put


CONTENDERS: dict[str, Callable[[Path, int], AbstractContextManager[Put]]] = {
    "bare sqlite3 insert": bare_sqlite,
    "spool schema, bare SQL": spool_schema,
    "persist-queue SQLiteAckQueue": persist_queue,
    "offline_queue.Spool.put": spool,
}
BASELINE = "bare sqlite3 insert"


def in_turns(puts: dict[str, Put], count: int, block: int) -> dict[str, list[float]]:
    """Latencies of `count` puts per contender, taking turns `block` puts at a time, so a busy
    neighbour or a slow disk moment hits every contender alike. Blocks rather than single
    puts: each commit's fsync should not also flush another contender's file."""
    latencies: dict[str, list[float]] = {name: [] for name in puts}
    for start in range(0, count, block):
        for name, put in puts.items():
            for n in range(start, min(start + block, count)):
                before = time.perf_counter()
                put(n)
                latencies[name].append(time.perf_counter() - before)
            housekeeping = getattr(put, "between_turns", None)
            if housekeeping is not None:  # untimed, as it runs on another thread in the kiosk
                housekeeping()
    return latencies


def _figures(latencies: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(latencies, n=100)
    return cuts[49] * 1000, cuts[98] * 1000, len(latencies) / sum(latencies)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="entries per contender")
    parser.add_argument("--block", type=int, default=250, help="puts per turn")
    args = parser.parse_args(argv)
    contenders = dict(CONTENDERS)
    if importlib.util.find_spec("persistqueue") is None:
        del contenders["persist-queue SQLiteAckQueue"]
        print("persist-queue is not installed (bash tools/setup.sh installs it); left out")
    with tempfile.TemporaryDirectory(prefix="bench-spool-") as tmp, ExitStack() as stack:
        puts = {name: stack.enter_context(opener(Path(tmp), args.count))
                for name, opener in contenders.items()}
        latencies = in_turns(puts, args.count, args.block)
    print(f"{args.count} durable puts each (WAL, synchronous=FULL), one transaction per put, "
          f"contenders taking turns of {args.block}")
    print(f"{'':30}{'p50 ms':>9}{'p99 ms':>9}{'puts/s':>9}   ratio to bare: p50, p99, puts/s")
    bare = _figures(latencies[BASELINE])
    for name, measured in latencies.items():
        p50, p99, rate = _figures(measured)
        print(f"{name:30}{p50:9.3f}{p99:9.3f}{rate:9.0f}   "
              f"{p50 / bare[0]:.2f}x, {p99 / bare[1]:.2f}x, {rate / bare[2]:.2f}x")


if __name__ == "__main__":
    main()
