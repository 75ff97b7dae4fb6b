"""Fault injection: making this central misbehave on purpose, the ways real networks do.

The kiosk's spool must survive lost requests and lost responses without
duplicating a case. A drop before processing and a drop after the commit look
identical to the client; only a server that can do both on demand proves the
idempotency rules. Drops happen at the TCP level (the connection is reset), so
the client sees a connection error, never an HTTP status.
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, model_validator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central.problems import ProblemError

# The scope extension under which the server (central.server) hands the
# connection's transport to the app, so a fault can reset the connection.
TRANSPORT_EXTENSION = "central.transport"
API_PREFIX = "/kiosk/v1"

Operation = Literal[
    "enrollments", "catalog", "submissions", "submissions_batch", "cases_lookup", "queries",
    "appointments_slots", "appointments", "heartbeats", "applicants_profile", "payments",
    "payment", "payment_cancel", "help_requests",
]
Mode = Literal[
    "drop_before", "drop_after", "status_500", "status_503", "status_429", "status_401", "delay",
]
_OPERATIONS_BY_PATH = {
    "/enrollments": "enrollments", "/catalog": "catalog", "/submissions": "submissions",
    "/submissions/batch": "submissions_batch", "/cases/lookup": "cases_lookup",
    "/appointments/slots": "appointments_slots", "/appointments": "appointments",
    "/heartbeats": "heartbeats", "/applicants/profile": "applicants_profile",
    "/payments": "payments", "/help-requests": "help_requests",
}


class FaultSpec(BaseModel):
    """One armed fault, as posted to POST /admin/faults.

    Either `probability` (each request of the operation is hit with that chance)
    or `sequence` (the n-th request after arming is hit when sequence[n] is true;
    requests past the end are not hit). With neither, every request is hit.
    """

    operation: Operation | Literal["*"]
    mode: Mode
    probability: Annotated[float, Field(ge=0, le=1)] | None = None
    sequence: list[bool] | None = None
    retry_after: Annotated[int, Field(ge=0)] | None = None
    delay_ms: Annotated[int, Field(ge=0, le=60_000)] | None = None
    seed: int | None = None

    @model_validator(mode="after")
    def _one_trigger(self) -> FaultSpec:
        if self.probability is not None and self.sequence is not None:
            raise ValueError("give probability or sequence, not both")
        if self.mode == "delay" and self.delay_ms is None:
            raise ValueError("mode delay needs delay_ms")
        return self


def operation_of(path: str) -> str | None:
    """The contract operation a request path belongs to, or None for other paths."""
    if not path.startswith(API_PREFIX):
        return None
    rest = path[len(API_PREFIX):]
    if rest.startswith("/queries/") and len(rest) > len("/queries/"):
        return "queries"
    if rest.startswith("/payments/") and len(rest) > len("/payments/"):
        return "payment_cancel" if rest.endswith("/cancel") else "payment"
    return _OPERATIONS_BY_PATH.get(rest)


class _Armed:
    def __init__(self, spec: FaultSpec) -> None:
        self.spec = spec
        self.seen = 0
        self.random = random.Random(spec.seed)

    def hits(self) -> bool:
        index, self.seen = self.seen, self.seen + 1
        if self.spec.sequence is not None:
            return index < len(self.spec.sequence) and self.spec.sequence[index]
        if self.spec.probability is not None:
            return self.random.random() < self.spec.probability
        return True


class FaultPlan:
    """The armed faults and the count of requests per operation (faulted or not)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: dict[str, _Armed] = {}
        self._requests: Counter[str] = Counter()

    def arm(self, spec: FaultSpec) -> None:
        """Arm a fault, replacing any fault armed for the same operation."""
        with self._lock:
            self._armed[spec.operation] = _Armed(spec)

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()

    def armed(self) -> list[dict[str, Any]]:
        with self._lock:
            return [armed.spec.model_dump(exclude_none=True) for armed in self._armed.values()]

    def requests_by_operation(self) -> dict[str, int]:
        with self._lock:
            return dict(self._requests)

    def reset_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def decide(self, operation: str) -> FaultSpec | None:
        """Count one request of `operation` and say which fault, if any, hits it."""
        with self._lock:
            self._requests[operation] += 1
            armed = self._armed.get(operation) or self._armed.get("*")
            return armed.spec if armed is not None and armed.hits() else None


async def _discard(_: Message) -> None:
    """A `send` that loses the response, as a dropped connection would."""


async def _read_ahead(receive: Receive) -> Receive:
    """Read the whole body now and return a `receive` that replays it.

    A delayed request must still be processed if the client gives up waiting
    (that is what makes a slow server dangerous to a client that retries), and
    after a disconnect the server would no longer hand out the body.
    """
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    replay: list[Message] = [{"type": "http.request", "body": b"".join(chunks),
                              "more_body": False}]

    async def replaying_receive() -> Message:
        return replay.pop() if replay else await receive()

    return replaying_receive


async def _reset_connection(scope: Scope, receive: Receive) -> None:
    transport = scope.get("extensions", {}).get(TRANSPORT_EXTENSION)
    if transport is None:
        raise RuntimeError("connection drops need the server started by central.server")
    transport.abort()
    while (await receive())["type"] != "http.disconnect":
        pass


def _status_problem(spec: FaultSpec) -> ProblemError:
    status = int(spec.mode.removeprefix("status_"))
    headers = {"Retry-After": str(spec.retry_after)} if spec.retry_after is not None else {}
    return ProblemError(status, f"Injected fault ({spec.mode}).", kind="injected-fault",
                        headers=headers)


class FaultInjector:
    """ASGI middleware that applies the plan to each request of the contract's operations."""

    def __init__(self, app: ASGIApp, plan: FaultPlan) -> None:
        self.app = app
        self.plan = plan

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        operation = operation_of(scope["path"]) if scope["type"] == "http" else None
        spec = self.plan.decide(operation) if operation else None
        if spec is None:
            await self.app(scope, receive, send)
        elif spec.mode == "delay":
            replaying_receive = await _read_ahead(receive)
            await asyncio.sleep((spec.delay_ms or 0) / 1000)
            await self.app(scope, replaying_receive, send)
        elif spec.mode == "drop_before":
            await _reset_connection(scope, receive)
        elif spec.mode == "drop_after":
            await self.app(scope, receive, _discard)
            await _reset_connection(scope, receive)
        else:
            await _status_problem(spec).response()(scope, receive, send)
