"""The visit flow's services over real parts, for the core's tests."""

from __future__ import annotations

import gc
import queue
import threading
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.printing.a4 import A4Jobs
from kiosk.uplink.client import CentralClient, CentralError
from kiosk.uplink.credentials import Credentials
from kiosk.uplink.online import OnlineCalls
from kiosk.visit.availability import KioskStatus
from kiosk.visit.flow import Screen
from offline_queue import Spool
from rig.demo import CentralProcess, enrolled_kiosk

SITE = {"zh_CN": "天河区政务服务中心", "en": "Tianhe Service Centre"}


@dataclass
class FlowServices:
    """The visit flow's services: a real spool, a real client for the central when one is
    given, and a print log. Answers and print results come back through `posted`, which a
    test drains with `settle()`, as the GUI thread would run them."""

    spool: Spool
    client: CentralClient | None = None
    device_id: str = "DEV-TEST-1"
    site_name: dict[str, str] | str = field(default_factory=lambda: dict(SITE))
    kiosk: KioskStatus = field(default_factory=KioskStatus)
    printed: list[tuple[Any, Callable[[bool, str], None]]] = field(default_factory=list)
    posted: queue.Queue = field(default_factory=queue.Queue)
    online: OnlineCalls | None = None
    document_ca_pem: str | None = None
    a4_printed: list[tuple[Any, Callable[[Any], None]]] = field(default_factory=list)
    # payments whose visit ended unsettled, as the flow handed them over
    left: list[str] = field(default_factory=list)
    # a real A4 printer's jobs (their outcomes come through `posted`); None: only logged
    a4_jobs: A4Jobs | None = None

    def __post_init__(self) -> None:
        if self.client is not None:
            self.online = OnlineCalls(self.client, self.posted.put)

    def status(self) -> KioskStatus:
        verdict = self.spool.gate()
        gate = None if verdict.open else f"gate_{verdict.reason}"
        return KioskStatus(self.kiosk.central_online, self.kiosk.id_reader,
                           self.kiosk.printer, gate or self.kiosk.gate_reason,
                           self.kiosk.a4_reason)

    def spool_submission(self, payload, *, item_code, applicant_id, **payment_key):
        return self.spool.put(payload, item_code=item_code, applicant_id=applicant_id,
                              **payment_key)

    def keep_payment(self, key: str, request: dict) -> None:
        self.spool.keep_payment(key, request)

    def payment_answer(self, key: str, payment: dict | None) -> str:
        return self.spool.payment_answer(key, payment)

    def payment_delivered(self, key: str, document_no: str) -> None:
        self.spool.payment_delivered(key, document_no)

    def payment_left(self, key: str) -> None:
        self.spool.payment_visit_ended(key)
        self.left.append(key)

    def local_cases(self, applicant_id: str):
        return self.spool.find_by_applicant(applicant_id)

    def local_case(self, local_ref: str, lookup_token: str):
        return self.spool.find_by_local_ref(local_ref, lookup_token)

    def ask(self, question, reply) -> None:
        if self.online is None:
            self.posted.put(lambda: reply(None, CentralError("no central in this test")))
        else:
            self.online.ask(question, reply)

    def print(self, doc, done) -> None:
        self.printed.append((doc, done))

    def print_a4(self, document, done) -> None:
        self.a4_printed.append((document, done))
        if self.a4_jobs is not None:
            self.a4_jobs.submit(document, done)

    def settle(self, count: int = 1) -> None:
        """Run the next `count` answers on this (the flow's) thread, waiting for each."""
        for _ in range(count):
            self.posted.get(timeout=30)()



def doc_text(doc: Any) -> str:
    """Every printed word of a document, one block a line, to assert on."""
    lines = []
    for block in doc.blocks:
        for name in ("text", "label", "value", "data"):
            if hasattr(block, name):
                lines.append(str(getattr(block, name)))
    return "\n".join(lines)


def reachable_strings(root: object) -> set[str]:
    """Every string reachable from `root`, as a leak of personal data would be."""
    seen: set[int] = set()
    found: set[str] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            found.add(obj)
            continue
        if isinstance(obj, type | types.ModuleType):
            continue
        if isinstance(obj, types.FunctionType):  # its closure, not the module it lives in
            stack.extend(cell.cell_contents for cell in obj.__closure__ or ())
            continue
        stack.extend(gc.get_referents(obj))
    return found


def eventually(condition: Callable[[], bool], within_s: float = 20.0) -> None:
    """Poll for something another thread does; the limit is only reached on failure."""
    deadline = time.monotonic() + within_s
    while not condition():
        assert time.monotonic() < deadline, "it never happened"
        threading.Event().wait(0.05)


def card_and_form(turned: Any, place_card: Callable[[str], None], item_code: str,
                  **values: str) -> None:
    """On a turned core (tests/turned_core.py): a citizen's card placed once `item_code` is
    offered, the item chosen, its form filled in with `values` and sent on."""
    flow = turned.core.flow
    eventually(lambda: flow.unavailable_reason(flow.catalog.item(item_code)) is None)
    place_card("wang_xiuying")
    turned.turn_until(lambda: flow.screen == Screen.CHOOSE)
    flow.choose(item_code)
    for name, value in values.items():
        flow.set_value(name, value)
    flow.next()


@contextmanager
def enrolled_central(folder: Path, serial_number: str) -> Iterator[tuple[CentralProcess,
                                                                         Credentials]]:
    """The reference central as a process, with a kiosk enrolled there; stopped after."""
    process = CentralProcess(folder / "central.sqlite3")
    url = process.start()
    try:
        _settings, credentials = enrolled_kiosk(folder / "state", url, serial_number)
        yield process, credentials
    finally:
        process.stop()
