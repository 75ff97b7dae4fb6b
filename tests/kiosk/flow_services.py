"""The visit flow's services over real parts, for the core's tests."""

from __future__ import annotations

import gc
import queue
import threading
import time
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kiosk.uplink.client import CentralClient, CentralError
from kiosk.uplink.online import OnlineCalls
from kiosk.visit.availability import KioskStatus
from offline_queue import Spool

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

    def __post_init__(self) -> None:
        if self.client is not None:
            self.online = OnlineCalls(self.client, self.posted.put)

    def status(self) -> KioskStatus:
        verdict = self.spool.gate()
        gate = None if verdict.open else f"gate_{verdict.reason}"
        return KioskStatus(self.kiosk.central_online, self.kiosk.id_reader,
                           self.kiosk.printer, gate or self.kiosk.gate_reason,
                           self.kiosk.a4_reason)

    def spool_submission(self, payload, *, item_code, applicant_id):
        return self.spool.put(payload, item_code=item_code, applicant_id=applicant_id)

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
