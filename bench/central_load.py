"""The fleet's reconnect storm: how hard kiosks hit the central when it comes back.

N simulated kiosks hold a backlog they could not deliver while the central
was down. Each is the kiosk's own sync code (kiosk.uplink.sync.SyncWorker with the
kiosk's requests-based CentralClient, one session and one thread per kiosk)
over an in-memory spool, against the reference central as a child process on
loopback. The outage is the central's fault injection: every submission is
answered 503 without Retry-After, so each kiosk's own retry policy decides
when it comes back; then the fault is cleared all at once.

Two retry policies, same fleet, same central, same run:
- baseline: a fixed interval (the kiosk's sync interval) without jitter;
- the kiosk's: full-jitter exponential backoff (kiosk.uplink.sync.backoff_delay).

Every kiosk finds the central gone at the same moment (it went down under a
working fleet). Time is compressed: the outage, the sync interval and the
backoff base and cap are divided by --time-scale, so a 10-minute outage takes
seconds; request rates of a spread-out fleet grow by the same factor, while
a fleet in lockstep hits at once whatever the scale. Prints figures and
ratios; never passes or fails on them.

    .venv/bin/python -m bench.central_load [--kiosks 200] [--backlog 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import threading
import time
import tomllib
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import requests

from config import bundled
from kiosk.settings.model import SyncSettings
from kiosk.uplink.client import CentralClient, CentralRetryLater
from kiosk.uplink.sync import SyncWorker
from offline_queue import Delivery
from rig.demo import CentralProcess

ITEM_CODE = "440106-MZJ-001"  # senior-citizen card: a spooled submission in the seeded catalog
APPLICANT = {"id_type": "resident_id", "id_number": "110101195603080020", "name": "王秀英",
             "source": "id_card_reader"}  # a demo citizen the seeded central knows
WINDOW_S = 0.1  # peak rates are counted in windows this long
POLL_S = 0.05
T = TypeVar("T")


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Entry:
    """What SyncWorker reads of a spooled entry (offline_queue.SpoolEntry's fields)."""

    id: str
    local_ref: str
    payload: dict[str, Any]
    created_at: datetime
    attempts: int = 0
    state: str = "pending"
    retry_at: datetime = field(default_factory=utc_now)


class MemorySpool:
    """The kiosk's SpoolPort in memory, so the bench measures the central and not a disk."""

    def __init__(self, entries: list[Entry]) -> None:
        self._entries = entries
        self._lock = threading.Lock()
        self.last_delivery = 0.0

    def claim_due(self, limit: int) -> list[Entry]:
        now = utc_now()
        with self._lock:
            due = [e for e in self._entries if e.state == "pending" and e.retry_at <= now][:limit]
            for entry in due:
                entry.state, entry.attempts = "in_flight", entry.attempts + 1
        return due

    def _settle(self, entry_id: str, state: str, retry_at: datetime | None = None) -> None:
        with self._lock:
            entry = next(e for e in self._entries if e.id == entry_id)
            entry.state = state
            entry.retry_at = retry_at or entry.retry_at

    def mark_delivered(self, entry_id: str, **_: str) -> None:
        self._settle(entry_id, "delivered")
        self.last_delivery = time.monotonic()

    def checkpoint(self) -> None:
        """Nothing to copy: this spool lives in memory."""

    def mark_delivered_many(self, deliveries: Sequence[Delivery]) -> None:
        for done in deliveries:
            self.mark_delivered(done.entry_id)

    def mark_retry(self, entry_id: str, *, error: str, retry_at: datetime) -> None:
        self._settle(entry_id, "pending", retry_at)

    def mark_dead(self, entry_id: str, *, problem: dict[str, Any]) -> None:
        self._settle(entry_id, "dead")

    def next_due_at(self) -> datetime | None:
        with self._lock:
            return min((e.retry_at for e in self._entries if e.state == "pending"), default=None)

    def purge(self, now: datetime) -> int:
        return 0

    def count(self, state: str) -> int:
        with self._lock:
            return sum(e.state == state for e in self._entries)


class Ledger:
    """Every delivery request the fleet sent: when it left, and how it ended."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: list[tuple[float, float]] = []  # (sent at, seconds to the answer)
        self.outcomes: Counter[str] = Counter()

    def record(self, call: Callable[[], T]) -> T:
        sent = time.monotonic()
        outcome = "ok"
        try:
            return call()
        except CentralRetryLater as exc:
            outcome = str(exc.status)
            raise
        except Exception as exc:
            outcome = type(exc).__name__
            raise
        finally:
            with self._lock:
                self.requests.append((sent, time.monotonic() - sent))
                self.outcomes[outcome] += 1


class LoggedClient(CentralClient):
    """The kiosk's client, writing each delivery request into the ledger."""

    def __init__(self, base_url: str, token: str, ledger: Ledger) -> None:
        super().__init__(base_url, token=token)
        self._ledger = ledger

    def submit(self, key: str, submission: dict[str, Any]) -> dict[str, Any]:
        return self._ledger.record(lambda: super(LoggedClient, self).submit(key, submission))

    def submit_batch(self, entries: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
        return self._ledger.record(lambda: super(LoggedClient, self).submit_batch(entries))


class Kiosk(NamedTuple):
    """A simulated kiosk as the central enrolled it."""

    device_id: str
    token: str


@dataclass(frozen=True)
class Policy:
    """A retry policy, as the kiosk's sync settings and random source express it."""

    name: str
    settings: SyncSettings
    jitter: bool

    def rng(self, kiosk: int) -> Callable[[], float]:
        """The kiosk's random source: seeded per kiosk, or a constant 1 for no jitter."""
        return random.Random(kiosk).random if self.jitter else (lambda: 1.0)


@dataclass(frozen=True)
class Outcome:
    """What one run recorded: the fleet's requests (monotonic times) and the central's counts."""

    requests: list[tuple[float, float]]
    outcomes: Counter[str]
    started: float
    recovered: float
    delivered: int
    last_delivery: float
    central_requests: int
    central_stored: int
    central_distinct: int


class Central:
    """The reference central as a child process, and its loopback admin operations."""

    def __init__(self, folder: Path) -> None:
        self._process = CentralProcess(folder / "central.sqlite3")
        self.api = self._process.start()
        self._admin = self._process.admin_url

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        answer = requests.request(method, self._admin + path, json=body, timeout=30)
        answer.raise_for_status()
        return answer.json() if answer.content else None

    def stop(self) -> None:
        self._process.stop()


def enroll_fleet(central: Central, count: int) -> list[Kiosk]:
    client = CentralClient(central.api)
    try:
        kiosks = []
        for n in range(count):
            code = central.admin("POST", "/enrollment-codes", {})["code"]
            body = client.enroll(code=code, serial_number=f"BENCH-{n:04d}", model="KS-2100",
                                 software_version="bench")
            kiosks.append(Kiosk(body["device_id"], body["device_token"]))
    finally:
        client.close()
    return kiosks


def item_version(central: Central, kiosk: Kiosk) -> int:
    client = CentralClient(central.api, token=kiosk.token)
    try:
        catalog, _ = client.catalog()
    finally:
        client.close()
    assert catalog is not None
    return next(item["version"] for item in catalog["items"] if item["code"] == ITEM_CODE)


def backlog(kiosk: Kiosk, n: int, version: int, size: int) -> list[Entry]:
    """`size` senior-card applications spooled at this kiosk while the central was down."""
    payload = {"item_code": ITEM_CODE, "item_version": version,
               "device_id": kiosk.device_id, "applicant": APPLICANT,
               "form": {"name": APPLICANT["name"], "id_number": APPLICANT["id_number"],
                        "phone": "13800138000", "consent": True}}
    created = utc_now() - timedelta(minutes=5)
    return [Entry(str(uuid.uuid4()), f"B{n:04d}-{created:%Y%m%d}-{k:04d}", payload, created)
            for k in range(size)]


def policies(time_scale: float) -> list[Policy]:
    kiosk = SyncSettings(**tomllib.loads(bundled("defaults.toml").read_text())["sync"])
    interval = kiosk.interval_s / time_scale
    scaled = kiosk.model_copy(update={"interval_s": interval,
                                      "backoff_base_s": kiosk.backoff_base_s / time_scale,
                                      "backoff_cap_s": kiosk.backoff_cap_s / time_scale})
    fixed = scaled.model_copy(update={"backoff_base_s": interval, "backoff_cap_s": interval})
    return [Policy(f"fixed {kiosk.interval_s:g} s, no jitter (baseline)", fixed, jitter=False),
            Policy(f"full jitter, exp {kiosk.backoff_base_s:g}-{kiosk.backoff_cap_s:g} s (kiosk)",
                   scaled, jitter=True)]


@contextmanager
def fleet_running(workers: list[SyncWorker]) -> Iterator[None]:
    for worker in workers:
        worker.start()
    try:
        yield
    finally:
        for worker in workers:
            worker.stop(timeout=10)


def run(central: Central, kiosks: list[Kiosk], policy: Policy, version: int,
        size: int, outage_s: float, deadline_s: float) -> Outcome:
    """One outage and recovery of the whole fleet under one retry policy."""
    central.admin("DELETE", "/counters")
    before = central.admin("GET", "/counters")
    for operation in ("submissions", "submissions_batch"):
        central.admin("POST", "/faults", {"operation": operation, "mode": "status_503"})
    ledger = Ledger()
    spools = [MemorySpool(backlog(k, n, version, size)) for n, k in enumerate(kiosks)]
    clients = [LoggedClient(central.api, k.token, ledger) for k in kiosks]
    workers = [SyncWorker(spool, client, policy.settings, clock=utc_now, rng=policy.rng(n))
               for n, (spool, client) in enumerate(zip(spools, clients, strict=True))]
    started = time.monotonic()
    with fleet_running(workers):
        time.sleep(outage_s)
        central.admin("DELETE", "/faults")
        recovered = time.monotonic()
        total = size * len(kiosks)
        while (sum(s.count("delivered") for s in spools) < total
               and time.monotonic() - recovered < deadline_s):
            time.sleep(POLL_S)
    for client in clients:
        client.close()
    after = central.admin("GET", "/counters")
    return Outcome(
        requests=sorted(ledger.requests), outcomes=ledger.outcomes, started=started,
        recovered=recovered, delivered=sum(s.count("delivered") for s in spools),
        last_delivery=max(s.last_delivery for s in spools),
        central_requests=sum(after["requests_by_operation"].values()),
        central_stored=after["submissions"] - before["submissions"],
        central_distinct=after["distinct_keys"] - before["distinct_keys"])


def peak_rate(times: list[float], start: float, end: float) -> float:
    """The highest rate in consecutive WINDOW_S windows from `start` to `end`, in requests/s."""
    windows = Counter(int((t - start) / WINDOW_S) for t in times if start <= t < end)
    return max(windows.values(), default=0) / WINDOW_S


@dataclass(frozen=True)
class Figures:
    """What the report prints of one run."""

    requests: int
    refused: int
    outage_peak: float
    return_peak: float
    mean: float
    return_p99_ms: float
    drained_s: float

    @classmethod
    def of(cls, outcome: Outcome) -> Figures:
        sent = [at for at, _ in outcome.requests]
        end = outcome.last_delivery
        waits = [wait for at, wait in outcome.requests if at >= outcome.recovered]
        return cls(
            requests=len(sent),
            refused=outcome.outcomes["503"] + outcome.outcomes["429"],
            outage_peak=peak_rate(sent, outcome.started, outcome.recovered),
            return_peak=peak_rate(sent, outcome.recovered, end + WINDOW_S),
            mean=len(sent) / max(end - outcome.started, WINDOW_S),
            return_p99_ms=statistics.quantiles(waits, n=100)[98] * 1000 if len(waits) > 1 else 0,
            drained_s=end - outcome.recovered)

    def cells(self) -> tuple[str, ...]:
        peak = max(self.outage_peak, self.return_peak)
        return (f"{self.requests}", f"{self.refused}", f"{self.outage_peak:.0f}",
                f"{self.return_peak:.0f}", f"{peak / self.mean:.1f}",
                f"{self.return_p99_ms:.0f}", f"{self.drained_s:.2f}")


def report(args: argparse.Namespace, runs: list[tuple[Policy, Outcome]]) -> None:
    print(f"{args.kiosks} kiosks x {args.backlog} spooled submissions; central answers 503 "
          f"(no Retry-After) for {args.outage_s:g} s, time compressed {args.time_scale:g}x "
          f"({args.outage_s / args.time_scale:g} s run)")
    header = ("requests", "503/429", "outage pk/s", "return pk/s", "peak/mean",
              "return p99ms", "drained s")
    print(f"{'':40}" + "".join(f"{h:>13}" for h in header))
    table = [(policy, Figures.of(outcome)) for policy, outcome in runs]
    for policy, figures in table:
        print(f"{policy.name:40}" + "".join(f"{c:>13}" for c in figures.cells()))
    (_, base), (_, kiosk) = table
    print(f"ratio kiosk/baseline: requests {kiosk.requests / base.requests:.2f}x, 503s "
          f"{kiosk.refused / max(base.refused, 1):.2f}x, return peak "
          f"{kiosk.return_peak / base.return_peak:.2f}x, return p99 "
          f"{kiosk.return_p99_ms / base.return_p99_ms:.2f}x, drain time "
          f"{kiosk.drained_s / base.drained_s:.1f}x")
    for policy, outcome in runs:
        others = {k: v for k, v in outcome.outcomes.items() if k not in ("ok", "503")}
        print(f"check {policy.name}: delivered {outcome.delivered}/{args.kiosks * args.backlog}, "
              f"central stored {outcome.central_stored} ({outcome.central_distinct} distinct "
              f"keys), counted {outcome.central_requests} requests of {len(outcome.requests)}"
              " sent" + (f", other failures {others}" if others else ""))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=200)
    parser.add_argument("--backlog", type=int, default=3, help="submissions spooled per kiosk")
    parser.add_argument("--outage-s", type=float, default=600.0, help="outage, real-time seconds")
    parser.add_argument("--time-scale", type=float, default=30.0,
                        help="divide the outage and the kiosk's retry timings by this")
    args = parser.parse_args(argv)
    if not 1 <= args.kiosks <= 500 or not 1 <= args.backlog <= 100 or args.time_scale < 1:
        parser.error("bounded on purpose: 1-500 kiosks, backlog 1-100, time scale >= 1")
    outage_s = args.outage_s / args.time_scale
    if outage_s > 60:
        parser.error("the compressed outage must stay under 60 s; raise --time-scale")
    with tempfile.TemporaryDirectory(prefix="bench-central-") as tmp:
        central = Central(Path(tmp))
        try:
            kiosks = enroll_fleet(central, args.kiosks)
            version = item_version(central, kiosks[0])
            runs = []
            for policy in policies(args.time_scale):
                deadline_s = 3 * policy.settings.backoff_cap_s + 15
                runs.append((policy, run(central, kiosks, policy, version, args.backlog,
                                         outage_s, deadline_s)))
        finally:
            central.stop()
    report(args, runs)


if __name__ == "__main__":
    main()
