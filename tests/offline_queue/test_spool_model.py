"""The spool against a plain-Python model, driven by Hypothesis with an injected clock.

Random sequences of put / claim / deliver / retry / dead / technician retry /
purge / reopen / clock jumps must leave the spool agreeing with the model on
every entry's state, attempts, payload and reference, and on stats, the gate's
backlog and next_due_at. Puts and technician retries sometimes come through a
second connection to the same file, as from another process: the counts, and
the daily sequence the spool keeps in memory, must follow them.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from spool_helpers import FakeClock

from offline_queue import EntryState, GateLimits, Spool, SpoolHeld, SpoolStateError, SpoolStats

LEASE = timedelta(minutes=5)
LIMITS = GateLimits(max_backlog=10**6, max_offline=timedelta(days=10**4),
                    retention=timedelta(days=2))
payloads = st.dictionaries(st.sampled_from(["name", "id_number", "note"]),
                           st.text(max_size=8), max_size=3)


@dataclass
class Model:
    local_ref: str
    created_at: datetime
    payload: dict[str, Any]
    state: EntryState = EntryState.PENDING
    attempts: int = 0
    next_attempt: datetime | None = None
    lease_until: datetime | None = None
    delivered_at: datetime | None = None
    purged: bool = False


class SpoolMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="spool-model-"))
        self.clock = FakeClock()
        self.spool = self._open()
        self.model: dict[str, Model] = {}
        self.order: list[str] = []
        self.per_day: dict[str, int] = {}

    def _open(self, **options: Any) -> Spool:
        return Spool(self.folder / "spool.db", self.folder / "spool.key", device_prefix="K0107",
                     clock=self.clock, limits=LIMITS, disk_free=lambda: 2**40, lease=LEASE,
                     **options)

    @contextmanager
    def _guest(self) -> Iterator[Spool]:
        """A second spool on the same files, as a technician's command opens it while the
        kiosk runs: a guest, which reads and may not write."""
        with self._open(recover_in_flight=False) as other:
            assert other.guest
            yield other

    def teardown(self) -> None:
        self.spool.close()
        shutil.rmtree(self.folder)

    def _in(self, state: EntryState) -> list[str]:
        return [i for i in self.order if self.model[i].state == state]

    @rule(payload=payloads, applicant=st.sampled_from([None, "11010519491231002X"]),
          other_process=st.booleans())
    def put(self, payload: dict[str, Any], applicant: str | None, other_process: bool) -> None:
        if other_process:  # only the process that owns the spool writes to it
            with self._guest() as guest, pytest.raises(SpoolHeld):
                guest.put(payload, item_code="A", applicant_id=applicant)
            return
        entry = self.spool.put(payload, item_code="A", applicant_id=applicant)
        day = self.clock.now.strftime("%Y%m%d")
        self.per_day[day] = self.per_day.get(day, 0) + 1
        assert entry.local_ref == f"K0107-{day}-{self.per_day[day]:04d}"
        self.model[entry.id] = Model(entry.local_ref, self.clock.now, payload,
                                     next_attempt=self.clock.now)
        self.order.append(entry.id)

    @rule(seconds=st.one_of(st.sampled_from([0, 1, LEASE.seconds, LIMITS.retention.days * 86400]),
                            st.integers(0, 600), st.integers(0, 3 * 86400)))
    def advance(self, seconds: int) -> None:
        self.clock.advance(seconds=seconds)

    @rule(limit=st.integers(1, 4))
    def claim(self, limit: int) -> None:
        now = self.clock.now
        for model in self.model.values():
            if model.state == EntryState.IN_FLIGHT and model.lease_until <= now:
                model.state = EntryState.PENDING
        due = [i for i in self._in(EntryState.PENDING) if self.model[i].next_attempt <= now]
        expected = sorted(due, key=lambda i: self.model[i].created_at)[:limit]

        claimed = self.spool.claim_due(limit)

        assert [e.id for e in claimed] == expected
        for entry in claimed:
            model = self.model[entry.id]
            model.state, model.attempts = EntryState.IN_FLIGHT, model.attempts + 1
            model.lease_until = now + LEASE
            assert entry.payload == model.payload and entry.attempts == model.attempts

    @precondition(lambda self: self._in(EntryState.IN_FLIGHT))
    @rule(data=st.data())
    def deliver(self, data: st.DataObject) -> None:
        entry_id = data.draw(st.sampled_from(self._in(EntryState.IN_FLIGHT)))
        self.spool.mark_delivered(entry_id, case_no=f"C-{entry_id[:8]}", status="received",
                                  received_at=self.clock.now.isoformat())
        model = self.model[entry_id]
        model.state, model.delivered_at = EntryState.DELIVERED, self.clock.now

    @precondition(lambda self: self._in(EntryState.IN_FLIGHT))
    @rule(data=st.data(), delay=st.integers(0, 7200))
    def retry_later(self, data: st.DataObject, delay: int) -> None:
        entry_id = data.draw(st.sampled_from(self._in(EntryState.IN_FLIGHT)))
        retry_at = self.clock.now + timedelta(seconds=delay)
        self.spool.mark_retry(entry_id, error="HTTP 503", retry_at=retry_at)
        model = self.model[entry_id]
        model.state, model.next_attempt = EntryState.PENDING, retry_at

    @precondition(lambda self: self._in(EntryState.IN_FLIGHT))
    @rule(data=st.data())
    def bury(self, data: st.DataObject) -> None:
        entry_id = data.draw(st.sampled_from(self._in(EntryState.IN_FLIGHT)))
        self.spool.mark_dead(entry_id, problem={"title": "Unprocessable", "status": 422})
        self.model[entry_id].state = EntryState.DEAD

    @precondition(lambda self: self._in(EntryState.DELIVERED))
    @rule(data=st.data())
    def late_failure_is_refused(self, data: st.DataObject) -> None:
        entry_id = data.draw(st.sampled_from(self._in(EntryState.DELIVERED)))
        with pytest.raises(SpoolStateError):
            self.spool.mark_retry(entry_id, error="late", retry_at=self.clock.now)

    @precondition(lambda self: self._in(EntryState.DEAD))
    @rule(data=st.data(), other_process=st.booleans())
    def technician_retry(self, data: st.DataObject, other_process: bool) -> None:
        entry_id = data.draw(st.sampled_from(self._in(EntryState.DEAD)))
        if other_process:  # a technician's command while the kiosk runs: refused, unchanged
            with self._guest() as guest, pytest.raises(SpoolHeld):
                guest.retry(entry_id)
            return
        self.spool.retry(entry_id)
        model = self.model[entry_id]
        model.state, model.next_attempt = EntryState.PENDING, self.clock.now

    @rule()
    def purge(self) -> None:
        cutoff = self.clock.now - LIMITS.retention
        expected = [m for m in self.model.values() if m.state == EntryState.DELIVERED
                    and not m.purged and m.delivered_at < cutoff]
        assert self.spool.purge(self.clock.now) == len(expected)
        for model in expected:
            model.purged = True

    @rule()
    def reopen(self) -> None:
        self.spool.close()
        self.spool = self._open()
        for model in self.model.values():
            if model.state == EntryState.IN_FLIGHT:
                model.state = EntryState.PENDING

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def entry_matches(self, data: st.DataObject) -> None:
        entry_id = data.draw(st.sampled_from(self.order))
        entry, model = self.spool.get(entry_id), self.model[entry_id]
        assert (entry.state, entry.attempts, entry.local_ref, entry.created_at) == (
            model.state, model.attempts, model.local_ref, model.created_at)
        assert entry.payload == (None if model.purged else model.payload)

    @invariant()
    def stats_match(self) -> None:
        backlog = self._in(EntryState.PENDING) + self._in(EntryState.IN_FLIGHT)
        oldest = min((self.model[i].created_at for i in backlog), default=None)
        assert self.spool.stats() == SpoolStats(
            pending=len(self._in(EntryState.PENDING)),
            in_flight=len(self._in(EntryState.IN_FLIGHT)),
            delivered=len(self._in(EntryState.DELIVERED)),
            dead=len(self._in(EntryState.DEAD)), oldest_pending_at=oldest)
        assert self.spool.gate().detail.startswith(f"{len(backlog)} undelivered,")

    @invariant()
    def next_due_matches(self) -> None:
        times = [self.model[i].next_attempt for i in self._in(EntryState.PENDING)]
        times += [self.model[i].lease_until for i in self._in(EntryState.IN_FLIGHT)]
        assert self.spool.next_due_at() == min(times, default=None)


SpoolMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=30, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow])
test_spool_agrees_with_the_model = SpoolMachine.TestCase
