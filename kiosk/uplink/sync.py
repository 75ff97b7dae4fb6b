"""Delivers the spool to the central: exactly once, whatever the network does.

Exactly-once rests on two things kept here: every attempt carries the entry's
UUID as Idempotency-Key (so a response lost after the central processed the
request ends as one case on the retry), and an entry leaves the spool's
pending state only on a final answer — a whole case receipt, or a rejection
the contract calls final (409/422). Everything else is retried with
full-jitter backoff, or after the central's Retry-After, capped.

The central is not trusted blindly. An answer that breaks the contract (a
redirect, a status /submissions does not have, a success without a case) is
never a delivery: the entry is retried, and after `max_faulty_answers` such
answers it becomes a dead letter that says why, so one entry the central
keeps mishandling cannot wait for ever. A network that does not answer never
counts towards that: a kiosk offline for a week keeps every entry pending.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from kiosk.settings.model import SyncSettings
from kiosk.uplink.client import (
    CentralClient,
    CentralError,
    CentralFault,
    CentralRejected,
    CentralRetryLater,
    CentralServerError,
    CentralUnauthorized,
    case_receipt_problem,
)
from kiosk.worker import Worker
from offline_queue import Delivery

log = logging.getLogger(__name__)

PURGE_EVERY = timedelta(hours=1)


class SpoolPort(Protocol):
    """What the worker needs of offline_queue.Spool."""

    def claim_due(self, limit: int) -> list[Any]: ...
    def mark_delivered(self, entry_id: str, *, case_no: str, status: str,
                       received_at: str) -> None: ...
    def mark_retry(self, entry_id: str, *, error: str, retry_at: datetime) -> None: ...
    def mark_dead(self, entry_id: str, *, problem: dict) -> None: ...
    def mark_delivered_many(self, deliveries: Sequence[Delivery]) -> None: ...
    def checkpoint(self) -> None: ...
    def next_due_at(self) -> datetime | None: ...
    def purge(self, now: datetime) -> int: ...


class SyncState(StrEnum):
    IDLE = "idle"
    DELIVERING = "delivering"
    CENTRAL_UNREACHABLE = "central_unreachable"
    REPROVISION = "reprovision"


@dataclass
class DrainResult:
    delivered: int = 0
    dead: int = 0
    retried: int = 0
    unauthorized: bool = False
    errors: list[str] = field(default_factory=list)

    def add(self, other: DrainResult) -> None:
        self.delivered += other.delivered
        self.dead += other.dead
        self.retried += other.retried
        self.unauthorized = self.unauthorized or other.unauthorized
        self.errors.extend(other.errors)


def submission_body(entry: Any) -> dict[str, Any]:
    """The Submission exactly as first sent: a retry must not change a byte of meaning."""
    return {**entry.payload, "local_ref": entry.local_ref,
            "created_at": entry.created_at.isoformat()}


# The contract's final answers to POST /submissions, alone or in a batch.
FINAL_STATUSES = (409, 422)
# Past this many doublings every wait is the cap; 2 ** 64 keeps the float finite.
_MAX_DOUBLINGS = 64


def backoff_delay(attempts: int, *, base: float, cap: float,
                  rng: Callable[[], float] = random.random) -> float:
    """Full jitter: a uniform wait up to the capped exponential, so a fleet spreads out."""
    return rng() * min(cap, base * 2.0 ** min(_MAX_DOUBLINGS, max(0, attempts)))


def longest_wait(settings: SyncSettings) -> float:
    """The furthest ahead, in seconds, this worker ever puts off an entry; an attempt time
    further ahead than that was set by a clock that ran ahead (Spool's longest_wait)."""
    return max(settings.backoff_cap_s, settings.max_central_wait_s, settings.interval_s)


class SyncWorker:
    """One thread; woken by a new entry, by the network's return, or by its timer."""

    def __init__(self, spool: SpoolPort, client: CentralClient, settings: SyncSettings, *,
                 clock: Callable[[], datetime],
                 rng: Callable[[], float] = random.random,
                 on_state: Callable[[SyncState], None] | None = None,
                 on_event: Callable[..., None] | None = None) -> None:
        """`on_event(name, **fields)` hears deliveries, dead letters and purges (the audit
        log); it is called on the worker's thread."""
        self._on_event = on_event or (lambda _name, **_fields: None)
        self._spool = spool
        self._client = client
        self._settings = settings
        self._clock = clock
        self._rng = rng
        self._on_state = on_state
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._worker = Worker(self._run, "sync")
        self._last_purge: datetime | None = None
        self.state = SyncState.IDLE

    # -- life cycle -------------------------------------------------------------------

    def start(self) -> None:
        self._worker.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._wake.set()
        self._worker.join(timeout)

    def notify(self) -> None:
        """Something may be due now: a new entry, or the network came back."""
        self._wake.set()

    @property
    def alive(self) -> bool:
        return self._worker.alive

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                result = self.drain()
            except Exception:  # the worker must outlive any one bad entry or bug
                log.exception("sync: drain failed; will try again")
                result = DrainResult(errors=["internal error"])
            try:
                self._purge_if_due()
                self._spool.checkpoint()  # here, not in a citizen's put
            except Exception:
                log.exception("sync: keeping the spool failed; will try again")
            if result.unauthorized:
                self._stopping.wait(self._settings.interval_s)
                continue
            self._wake.wait(self._sleep_seconds())
            self._wake.clear()

    def _purge_if_due(self) -> None:
        """Drop delivered entries' personal data once their retention is over."""
        now = self._clock()
        if self._last_purge is None or now - self._last_purge >= PURGE_EVERY:
            self._last_purge = now
            purged = self._spool.purge(now)
            if purged:
                log.info("spool: personal data of %d delivered entries purged", purged)
                self._on_event("personal_data_purged", entries=purged)

    def _sleep_seconds(self) -> float:
        try:
            due = self._spool.next_due_at()
        except Exception:  # reading the spool failed: the thread must not end on it
            log.exception("sync: the next due time is unknown; waiting the interval")
            return self._settings.interval_s
        if due is None:
            return self._settings.interval_s
        return min(self._settings.interval_s, max(0.0, (due - self._clock()).total_seconds()))

    def _set_state(self, state: SyncState) -> None:
        if state != self.state:
            self.state = state
            log.info("sync: %s", state.value)
            if self._on_state:
                self._on_state(state)

    # -- delivery ---------------------------------------------------------------------

    def drain(self) -> DrainResult:
        """Deliver everything due now; returns what happened. Used by `kiosk sync --once`."""
        total = DrainResult()
        while not self._stopping.is_set():
            due = self._spool.claim_due(self._settings.batch_size)
            if not due:
                break
            self._set_state(SyncState.DELIVERING)
            if len(due) > self._settings.batch_threshold:
                result = self._deliver_batch(due)
            else:
                result = self._deliver_each(due)
            total.add(result)
            if result.unauthorized:
                self._set_state(SyncState.REPROVISION)
                return total
            if result.retried:
                self._set_state(SyncState.CENTRAL_UNREACHABLE)
                return total
        if self.state != SyncState.REPROVISION or total.delivered:
            self._set_state(SyncState.IDLE)
        return total

    def _deliver_each(self, entries: list[Any]) -> DrainResult:
        """One request an entry. Failures are settled after the round: a 5xx while the
        central took other entries is this entry's, and counts (a poison entry)."""
        result, failed = DrainResult(), []
        for entry in entries:
            try:
                receipt = self._client.submit(entry.id, submission_body(entry))
            except CentralError as exc:
                failed.append((entry, exc))
                continue
            self._mark_delivered(entry, receipt)
            result.delivered += 1
        for entry, exc in failed:
            result.add(self._settle_failure(entry, exc, others_taken=result.delivered > 0))
        return result

    def _deliver_batch(self, entries: list[Any]) -> DrainResult:
        try:
            results = self._client.submit_batch([(e.id, submission_body(e)) for e in entries])
        except CentralRejected as exc:
            log.warning("sync: batch refused (%s); sending one by one", exc.status)
            return self._deliver_each(entries)
        except CentralError as exc:
            outcome = DrainResult()
            for entry in entries:
                outcome.add(self._settle_failure(entry, exc))
            return outcome
        by_key = {r["idempotency_key"]: r for r in results}
        outcome = DrainResult()
        accepted: list[tuple[Any, dict[str, Any]]] = []
        for entry in entries:
            result = by_key.get(entry.id)
            judged = _judge_result(result)
            if isinstance(judged, dict):
                accepted.append((entry, judged))
            else:
                outcome.add(self._settle_failure(entry, judged))
        # the whole batch's acceptances in one transaction: one fsync, not one per entry
        self._spool.mark_delivered_many([
            Delivery(entry.id, receipt["case_no"], receipt["status"], receipt["received_at"])
            for entry, receipt in accepted])
        for entry, receipt in accepted:
            self._delivered(entry, receipt)
        outcome.delivered += len(accepted)
        return outcome

    def _mark_delivered(self, entry: Any, receipt: dict[str, Any]) -> None:
        self._spool.mark_delivered(entry.id, case_no=receipt["case_no"],
                                   status=receipt["status"], received_at=receipt["received_at"])
        self._delivered(entry, receipt)

    def _delivered(self, entry: Any, receipt: dict[str, Any]) -> None:
        log.info("sync: %s delivered as %s", entry.local_ref, receipt["case_no"])
        self._on_event("submission_delivered", local_ref=entry.local_ref,
                       case_no=receipt["case_no"])

    def _dead(self, entry: Any, problem: dict[str, Any], status: int) -> None:
        """A final refusal: kept as a dead letter for a technician, never retried as is."""
        self._spool.mark_dead(entry.id, problem=problem)
        log.warning("sync: %s dead (%s)", entry.local_ref, status)
        self._on_event("submission_dead", local_ref=entry.local_ref, status=status)

    def _settle_failure(self, entry: Any, exc: CentralError, *,
                        others_taken: bool = False) -> DrainResult:
        now = self._clock()
        if isinstance(exc, CentralUnauthorized):
            self._spool.mark_retry(entry.id, error="401 unauthorized",
                                   retry_at=now + timedelta(seconds=self._settings.interval_s))
            return DrainResult(unauthorized=True, errors=[str(exc)])
        if isinstance(exc, CentralRejected) and exc.status in FINAL_STATUSES:
            self._dead(entry, exc.problem, exc.status)
            return DrainResult(dead=1)
        fault = _is_fault(exc) or (others_taken and isinstance(exc, CentralServerError))
        if fault and entry.faults + 1 >= self._settings.max_faulty_answers:
            self._dead(entry, {"title": "the central's answers broke the contract",
                               "detail": f"{entry.faults + 1} such answers; the last: "
                                         f"{str(exc)[:300]}"}, 0)
            return DrainResult(dead=1)
        self._spool.mark_retry(entry.id, error=str(exc)[:200] or type(exc).__name__,
                               retry_at=now + timedelta(seconds=self._wait_after(entry, exc)),
                               fault=fault)
        return DrainResult(retried=1, errors=[str(exc)])

    def _wait_after(self, entry: Any, exc: CentralError) -> float:
        """The central's Retry-After, cut to the longest wait it may ask for; else backoff."""
        if isinstance(exc, CentralRetryLater) and exc.retry_after is not None:
            return min(exc.retry_after, self._settings.max_central_wait_s)
        return backoff_delay(entry.attempts, base=self._settings.backoff_base_s,
                             cap=self._settings.backoff_cap_s, rng=self._rng)


def _is_fault(exc: CentralError) -> bool:
    """An answer that broke the contract: counted. No answer, a 5xx or a wait: not."""
    return isinstance(exc, CentralFault | CentralRejected)


def _judge_result(result: dict[str, Any] | None) -> dict[str, Any] | CentralError:
    """A batch result as the case receipt it carries, or what its failure means."""
    if result is None:
        return CentralFault("the batch's results leave this entry out")
    status = result["status"]
    if status in (200, 201):
        problem = case_receipt_problem(result.get("case"))
        return result["case"] if problem is None else CentralFault(
            f"batch result {status} without a case receipt ({problem})")
    if status in FINAL_STATUSES:
        problem = result.get("problem")
        return CentralRejected(status, problem if isinstance(problem, dict)
                               else {"title": "rejected", "status": status})
    return CentralFault(f"batch result with status {status}, which the contract does not have")
