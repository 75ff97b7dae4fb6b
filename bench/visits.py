"""Thousands of visits through the core: is the kiosk as fast and as small after
the ten-thousandth citizen as after the first?

Each visit is one of five, in turn: a senior-card application whose phone
is prefilled from the platform's profile and confirmed with a tap (spooled
and "printed"), a social-insurance certificate (asked of the central), a
progress query (asked of the central), a replacement ID card whose fee is
paid by phone (a payment opened, paid through the central's admin API as the
phone would, asked after once the kiosk's clock has moved on, then spooled),
and a certified household record whose fee is paid the same way before the
document is asked for and "printed".
They run through the real VisitFlow against the reference central on
loopback, with the answers handed back on this thread as the GUI thread would
get them. The baseline is the same central questions asked with the bare
client in the same run, so the ratio is what the flow adds (spooled visits
ask nothing, so it includes their durable puts; the fee visit's bare
questions are its open, the phone's payment and one read, and the document
fee's the same and its query). For the
prefilled visits the time from the card placed to the form holding the
platform's values is reported beside the bare profile request's. Memory is
traced with tracemalloc over the second half of the run, sampled every
`--every` visits; the slope after the first sample is printed, never judged.

    .venv/bin/python -m bench.visits [--visits 10000] [--every 1000]
"""

from __future__ import annotations

import argparse
import queue
import statistics
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

from kiosk.catalog.items import load_bundled_catalog
from kiosk.clock import local_now
from kiosk.uplink.client import CentralClient
from kiosk.uplink.online import OnlineCalls
from kiosk.visit.availability import KioskStatus
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.person import Person
from offline_queue import GateLimits, Spool
from rig.demo import CentralProcess, enrolled_kiosk

# Demo citizens who hold a medical-insurance record at the reference central.
CITIZENS = [
    Person(id_type="resident_id", id_number=number, name=name, source="id_card_reader",
           address="广州市天河区天河路1号", birth_date=born, sex=sex)
    for number, name, born, sex in (
        ("110101195603080020", "王秀英", date(1956, 3, 8), "2"),
        ("440106198807210036", "李明", date(1988, 7, 21), "1"),
        ("370101194510090055", "张建国", date(1945, 10, 9), "1"))
]
SENIOR_CARD, CERTIFICATE, PROGRESS = "440106-MZJ-001", "440100-YBJ-001", "440106-ZWB-003"
CARD_FEE, CERTIFIED_RECORD = "440106-GAJ-002", "440106-GAJ-003"
KINDS = 5


class BenchClock:
    """The kiosk's time: the wall clock, moved on by the bench where the kiosk would wait
    (the next question about a payment)."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return local_now() + self.offset


class CoreServices:
    """The flow's services as the kiosk wires them, minus devices: printing succeeds."""

    device_id = "BENCH"
    site_name = "Bench"

    def __init__(self, spool: Spool, client: CentralClient, admin_url: str) -> None:
        self.spool = spool
        self.admin_url = admin_url
        self.answers: queue.Queue[Callable[[], None]] = queue.Queue()
        self.online = OnlineCalls(client, self.answers.put)

    def status(self) -> KioskStatus:
        return KioskStatus()

    def spool_submission(self, payload: dict[str, Any], *, item_code: str,
                         applicant_id: str | None, **payment_key: str) -> Any:
        return self.spool.put(payload, item_code=item_code, applicant_id=applicant_id,
                              **payment_key)

    def keep_payment(self, key: str, request: dict[str, Any]) -> None:
        self.spool.keep_payment(key, request)

    def payment_answer(self, key: str, payment: dict[str, Any] | None) -> str:
        return self.spool.payment_answer(key, payment)

    def payment_delivered(self, key: str, document_no: str) -> None:
        self.spool.payment_delivered(key, document_no)

    def payment_left(self, key: str) -> None:
        raise RuntimeError(f"a bench visit left its payment {key} unsettled")

    def pay_by_phone(self, payment_id: str) -> None:
        requests.post(f"{self.admin_url}/payments/{payment_id}/paid",
                      timeout=10).raise_for_status()

    def local_cases(self, applicant_id: str) -> list[Any]:
        return self.spool.find_by_applicant(applicant_id)

    def local_case(self, local_ref: str, lookup_token: str) -> Any:
        return self.spool.find_by_local_ref(local_ref, lookup_token)

    def ask(self, question: Any, reply: Any) -> None:
        self.online.ask(question, reply)

    def print(self, doc: Any, done: Callable[[bool, str], None]) -> None:
        done(True, "")

    def settle(self) -> None:
        self.answers.get(timeout=30)()


def fee_visit(flow: VisitFlow, services: CoreServices, clock: BenchClock) -> None:
    flow.choose(CARD_FEE)
    flow.set_value("reason", "lost")
    flow.set_value("phone", "13800138000")
    flow.set_value("consent", "yes")
    flow.next()
    flow.confirm()
    paid_by_phone(flow, services, clock)  # and spooled


def document_fee_visit(flow: VisitFlow, services: CoreServices, clock: BenchClock) -> None:
    flow.choose(CERTIFIED_RECORD)
    flow.set_value("purpose", "school")
    flow.next()
    paid_by_phone(flow, services, clock)
    services.settle()  # the document, asked for once paid, and printed


def paid_by_phone(flow: VisitFlow, services: CoreServices, clock: BenchClock) -> None:
    """The pay code's answer, the citizen's phone paying, and the kiosk's next question."""
    services.settle()  # the pay code
    pay = flow.visit.pay
    if pay is None or pay.payment is None:
        raise RuntimeError(f"no payment opened: {flow.visit.notice}")
    services.pay_by_phone(pay.payment["payment_id"])
    clock.offset += timedelta(seconds=2)
    flow.tick()
    services.settle()  # paid


def one_visit(flow: VisitFlow, services: CoreServices, n: int, clock: BenchClock,
              to_prefilled: list[float]) -> None:
    """One visit of the five; a prefilled one adds its card-to-prefilled-form seconds."""
    kind = n % KINDS
    placed = time.perf_counter()
    flow.card_read(CITIZENS[n // KINDS % len(CITIZENS)])
    if kind == 0:
        flow.choose(SENIOR_CARD)
        services.settle()  # the platform's profile, on the form already open
        to_prefilled.append(time.perf_counter() - placed)
        form = flow.visit.form
        if form is not None and "phone" in form.from_profile:
            flow.confirm_prefill("phone")
        else:  # the platform holds no phone for this citizen: typed
            flow.set_value("phone", "13800138000")
        flow.set_value("consent", "yes")
        flow.next()
        flow.confirm()
    elif kind == 1:
        flow.choose(CERTIFICATE)
        services.settle()
    elif kind == 2:
        flow.choose(PROGRESS)
        flow.next()
        services.settle()
    elif kind == 3:
        fee_visit(flow, services, clock)
    else:
        document_fee_visit(flow, services, clock)
    if flow.screen != Screen.RESULT:
        raise RuntimeError(f"visit {n} ended on {flow.screen.value}: {flow.visit.notice}")
    flow.finish()


def bare_questions(client: CentralClient, services: CoreServices, count: int,
                   profile_requests: list[float]) -> float:
    """The same central questions without the flow: seconds for `count` visits' worth; each
    profile request's own seconds go to `profile_requests`."""
    started = time.perf_counter()
    for n in range(count):
        applicant = CITIZENS[n // KINDS % len(CITIZENS)].applicant()
        if n % KINDS == 0:
            asked = time.perf_counter()
            client.profile(applicant)
            profile_requests.append(time.perf_counter() - asked)
        elif n % KINDS == 1:
            client.query(CERTIFICATE, applicant)
        elif n % KINDS == 2:
            client.lookup_cases(applicant=applicant)
        else:
            item, fen = (CARD_FEE, 2000) if n % KINDS == 3 else (CERTIFIED_RECORD, 1000)
            opened = client.open_payment(str(uuid.uuid4()), item, applicant, fen)
            services.pay_by_phone(opened["payment_id"])
            client.payment(opened["payment_id"])
            if item == CERTIFIED_RECORD:
                client.query(item, applicant, {"purpose": "school"})
    return time.perf_counter() - started


def run(visits: int, every: int, folder: Path) -> None:
    central = CentralProcess(folder / "central.sqlite3")
    # one kiosk asks for a profile every fifth visit, far past a hall's hourly limit
    url = central.start("--profile-hourly-limit", str(visits + 1))
    try:
        settings, credentials = enrolled_kiosk(folder / "state", url, "BENCH")
        token = credentials.token
        client = CentralClient(url, token=token)
        spool = Spool(folder / "spool.sqlite3", folder / "spool.key", device_prefix="K0107",
                      clock=local_now, limits=GateLimits(max_backlog=visits + 1))
        services = CoreServices(spool, client, central.admin_url)
        catalog = load_bundled_catalog()
        clock = BenchClock()
        flow = VisitFlow(lambda: catalog, services, settings.ui, clock=clock)
        timed = visits // 2
        prefill = PrefillTimes()
        started = time.perf_counter()
        for n in range(timed):
            one_visit(flow, services, n, clock, prefill.flow)
        elapsed = time.perf_counter() - started
        bare = bare_questions(client, services, timed, prefill.bare)
        # memory: traced on the second half only, tracing slows Python several times over
        tracemalloc.start()
        samples: list[tuple[int, int]] = []
        for n in range(timed, visits):
            one_visit(flow, services, n, clock, [])
            if (n + 1 - timed) % every == 0:
                samples.append((n + 1, tracemalloc.get_traced_memory()[0]))
        tracemalloc.stop()
        services.online.stop()
        spool.close()
        client.close()
    finally:
        central.stop()
    report(timed, elapsed, bare, samples)
    prefill.report()


@dataclass
class PrefillTimes:
    """Seconds from the card placed to the prefilled form, and of the bare profile request."""

    flow: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)

    def report(self) -> None:
        if not self.flow or not self.bare:
            return
        flow, bare = statistics.median(self.flow), statistics.median(self.bare)
        print(f"card placed to prefilled form: median {flow * 1000:.1f} ms, "
              f"p95 {_p95(self.flow) * 1000:.1f} ms ({len(self.flow)} visits)")
        print(f"bare profile request: median {bare * 1000:.1f} ms, "
              f"p95 {_p95(self.bare) * 1000:.1f} ms — ratio {flow / bare:.2f}×")


def _p95(seconds: list[float]) -> float:
    ordered = sorted(seconds)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def report(count: int, elapsed: float, bare: float, samples: list[tuple[int, int]]) -> None:
    print(f"visits through the flow: {count} in {elapsed:.1f} s = {count / elapsed:.0f} visits/s")
    print(f"bare client, same questions: {bare:.1f} s "
          f"(spooled visits ask only the profile) — ratio flow/bare {elapsed / bare:.2f}×")
    print("traced memory, second half of the run (visits, KiB):")
    for n, size in samples:
        print(f"  {n:>6}  {size / 1024:9.1f}")
    steady = samples[1:]  # the first sample holds the caches that tracing starts with
    if len(steady) >= 2:
        xs = [float(n) for n, _ in steady]
        ys = [float(size) for _, size in steady]
        slope = statistics.linear_regression(xs, ys).slope
        print(f"slope: {slope:.1f} bytes per visit "
              f"({slope * 10_000 / 1024:.1f} KiB per 10,000 visits)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-visits-") as folder:
        run(args.visits, args.every, Path(folder))


if __name__ == "__main__":
    main()
