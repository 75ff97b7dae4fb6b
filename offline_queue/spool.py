"""The Spool: put a confirmed submission durably, hand it to the sync worker, track its fate.

This is the object the visit flow and the sync worker share. Every state
change is one SQLite transaction, so a power cut leaves each entry either
wholly before or wholly after a change; a submission whose put() returned is
on disk, sealed, under the id the central will see as Idempotency-Key.

Threads: the Spool owns ONE connection and serialises every call on a lock.
The UI thread's put() and the sync thread's claim_due()/mark_*() are short,
so a lock is simpler than per-thread connections and keeps the sequence of
local references strictly ordered. Another process (the technician CLI) may
open the same file; SQLite's locking and the busy timeout arbitrate.
"""

from __future__ import annotations

import hmac
import logging
import os
import re
import sqlite3
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from offline_queue import keyring, payments, rows, transfer
from offline_queue.database import open_database, open_for_reading, set_aside, write_transaction
from offline_queue.errors import (
    SpoolEntryNotFound,
    SpoolGateClosed,
    SpoolHeld,
    SpoolIntegrityError,
    SpoolStateError,
)
from offline_queue.gate import GateLimits, GateVerdict, judge
from offline_queue.owner import OwnerLock, owner_lock_path
from offline_queue.records import (
    Delivery,
    EntryState,
    ImportResult,
    SpoolEntry,
    SpoolEvent,
    SpoolListing,
    SpoolStats,
    SpoolSummary,
)
from offline_queue.refs import DailySequence, RefCeiling, ceiling_path, format_ref, settle_floor
from offline_queue.schema import migrate, require_current
from offline_queue.sealing import applicant_digest
from offline_queue.times import from_micros, require_aware, to_micros

log = logging.getLogger(__name__)
_PREFIX = re.compile(r"[A-Z][A-Z0-9]{1,7}")
# The Submission's field that holds the token a receipt's QR code carries (contract 1.1.0).
LOOKUP_TOKEN = "lookup_token"
_ACTIVE = (EntryState.PENDING, EntryState.IN_FLIGHT)
DEFAULT_LEASE = timedelta(minutes=5)
# The longest a delivery is put off unless the kiosk's settings say otherwise.
DEFAULT_LONGEST_WAIT = timedelta(days=1)
DEFAULT_LIMITS = GateLimits()
# The number of entries is max(rowid) less the rowids v1 left unused by removing entries,
# kept under this name among the counts by state (schema v2).
_UNUSED_ROWIDS = "removed_before_v2"
_LAST_ROWID = "SELECT coalesce(max(rowid), 0) FROM entries"
# What the gate needs in one read: the undelivered count (all entries less the settled ones,
# which triggers count) and the creation time of the oldest undelivered entry, one index
# probe per state (min() over "state IN (...)" takes twice as long).
_GATE_FIGURES = f"""SELECT ({_LAST_ROWID}) - (SELECT sum(n) FROM state_counts WHERE state IN
                                             ('delivered', 'dead', '{_UNUSED_ROWIDS}')),
                           (SELECT min(created_us) FROM (
                               SELECT min(created_us) AS created_us FROM entries
                               WHERE state = 'pending'
                               UNION ALL SELECT min(created_us) FROM entries
                               WHERE state = 'in_flight'))"""


def _age_from_now_if_ahead(conn: sqlite3.Connection, now_us: int) -> None:
    """An undelivered entry made while the clock ran ahead has a negative age once the
    clock is right, and the gate, which judges the oldest entry's age, would let the
    kiosk take work for as long as the clock was wrong by. Such an entry is aged from
    now on instead: its created_us (order and the gate's age; the created_at it was
    submitted with is kept unchanged) becomes now. An age below zero is zero for the
    technician's display alone."""
    conn.execute("""UPDATE entries SET created_us = ?
                    WHERE state IN ('pending', 'in_flight') AND created_us > ?""",
                 (now_us, now_us))


class Spool:
    """The durable, encrypted store-and-forward queue of one kiosk.

    `clock` returns aware datetimes in the kiosk's local time: the daily
    sequence of local references follows the date it shows. `disk_free`
    returns free bytes (default: free space of the database's folder).
    `lease` is how long a claimed entry may stay in flight before it is
    offered again. `longest_wait` is the furthest ahead the sync worker ever
    puts off an entry: an attempt time or a lease end further ahead than that
    was set while the clock ran ahead, and counts as now, so a clock set right
    again cannot park entries for the months it was wrong by.
    `recover_in_flight=False` lets a second process (the technician CLI) open
    the spool without requeueing the sync worker's in-flight entries.

    One process owns the spool (offline_queue.owner): with `exclusive` (`kiosk
    run`) the spool is owned or not opened at all (SpoolHeld); without it, it
    is owned when no other process owns it, and otherwise opened as a guest
    (`guest` is True): read-only, never repaired, every write refused with
    SpoolHeld.
    """

    def __init__(self, path: Path, key_path: Path, *, device_prefix: str,
                 clock: Callable[[], datetime], limits: GateLimits = DEFAULT_LIMITS,
                 disk_free: Callable[[], int] | None = None,
                 on_event: Callable[[SpoolEvent], None] | None = None,
                 lease: timedelta = DEFAULT_LEASE, longest_wait: timedelta = DEFAULT_LONGEST_WAIT,
                 recover_in_flight: bool = True, exclusive: bool = False) -> None:
        if not _PREFIX.fullmatch(device_prefix):
            raise ValueError(f"device_prefix {device_prefix!r} must look like K0107")
        self._path = Path(path)
        self._key_path = Path(key_path)
        self._prefix = device_prefix
        self._clock = clock
        self.limits = limits
        self._folder = str(self._path.parent)
        self._disk_free = disk_free or self._free_bytes
        self._on_event = on_event
        self._lease = lease
        self._longest_wait = longest_wait
        self._lock = threading.RLock()
        self._owner = OwnerLock(owner_lock_path(self._path))
        self.guest = not self._owner.take()
        try:
            if self.guest and exclusive:
                raise SpoolHeld("another kiosk process holds it: is the kiosk running twice?")
            self._conn = self._open_owned(recover_in_flight) if not self.guest \
                else self._open_as_guest()
        except BaseException:
            self._owner.release()
            raise

    def _open_owned(self, recover_in_flight: bool) -> sqlite3.Connection:
        now = self._now()
        conn = open_database(self._path, now.strftime("%Y%m%dT%H%M%S"), self._quarantined)
        conn.row_factory = sqlite3.Row
        try:
            migrate(conn, now.isoformat())
            self._keys = keyring.unlock(conn, self._key_path, self._report)
            self._ceiling = RefCeiling(ceiling_path(self._path))
            with write_transaction(conn):
                floor = settle_floor(conn, self._ceiling, self._prefix)
                _age_from_now_if_ahead(conn, to_micros(now))
            self._sequence = DailySequence(self._prefix, floor)
            self._conn = conn
            if recover_in_flight:
                self._recover_in_flight()
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_as_guest(self) -> sqlite3.Connection:
        """Read-only: no migration, no key created or rotation finished, nothing set aside."""
        conn = open_for_reading(self._path)
        conn.row_factory = sqlite3.Row
        try:
            require_current(conn)
            self._keys = keyring.open_for_reading(conn, self._key_path)
        except BaseException:
            conn.close()
            raise
        return conn

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            self._owner.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Spool({str(self._path)!r}, device_prefix={self._prefix!r})"

    def _free_bytes(self) -> int:
        """What shutil.disk_usage(folder).free says, without the objects it builds around it:
        every put asks."""
        measured = os.statvfs(self._folder)
        return measured.f_bavail * measured.f_frsize

    def _now(self) -> datetime:
        return require_aware(self._clock(), "the spool clock's time")

    def _report(self, event: SpoolEvent) -> None:
        log.warning("spool %s: %s", event.code, event.detail)
        if self._on_event is not None:
            self._on_event(event)

    def _quarantined(self, moved_to: Path, reason: str) -> None:
        self._report(SpoolEvent("db_quarantined",
                                f"corrupt spool database moved to {moved_to} ({reason}); "
                                "a new empty one is in use"))

    def _recover_in_flight(self) -> None:
        with write_transaction(self._conn):
            count = self._conn.execute(
                "UPDATE entries SET state = 'pending', lease_until_us = NULL "
                "WHERE state = 'in_flight'").rowcount
        if count:
            self._report(SpoolEvent("leases_recovered",
                                    f"{count} entries in flight at the last stop are pending"))

    # -- putting ---------------------------------------------------------------------------

    def put(self, payload: dict[str, Any], *, item_code: str,
            applicant_id: str | None = None, payment_key: str | None = None) -> SpoolEntry:
        """Durably spool a confirmed submission; once this returns, the receipt may say "received".

        Raises SpoolGateClosed (nothing written) or SpoolWriteFailed (nothing written).
        The citizen waits for this call and the commit's fsync is already most of
        it, so the sealing is done before the write lock is taken, and inside the
        transaction there are only the gate's one read, the day's number (read
        from the entries once a day, see refs), rarely a new reference ceiling,
        and the insert, which writes no counter and touches the table and three
        indexes (schema v2). With `payment_key`, the paid payment kept under it is marked
        spooled in the same transaction (ValueError, nothing written, if it is not paid).
        """
        if not item_code:
            raise ValueError("item_code must not be empty")
        if self.guest:
            raise SpoolHeld("only the kiosk spools submissions")
        entry_id = str(uuid.uuid4())
        with self._lock:
            now = self._now()
            now_us = to_micros(now)
            sealed = rows.seal_envelope(self._keys, entry_id, payload, applicant_id)
            digest = None if applicant_id is None else applicant_digest(self._keys.mac_key,
                                                                        applicant_id)
            created_at = now.isoformat()
            day = created_at[:10].replace("-", "")  # YYYYMMDD; a strftime costs more
            with write_transaction(self._conn):
                verdict = self._judge(now)
                if not verdict.open:
                    raise SpoolGateClosed(verdict)
                number = self._sequence.next(self._conn, day)
                self._ceiling.cover(number)
                local_ref = format_ref(self._prefix, day, number)
                self._conn.execute(
                    """INSERT INTO entries (id, local_ref, item_code, created_at, created_us,
                           state, next_attempt_us, sealed_payload, applicant_digest)
                       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)""",
                    (entry_id, local_ref, item_code, created_at, now_us, now_us, sealed,
                     digest))
                if payment_key is not None:
                    payments.record_spooled(self._conn, payment_key, local_ref)
            self._sequence.taken(number)
        return SpoolEntry(id=entry_id, local_ref=local_ref, item_code=item_code, created_at=now,
                          state=EntryState.PENDING, attempts=0, payload=payload,
                          next_attempt_at=from_micros(now_us))

    # -- fees paid at the kiosk (offline_queue.payments) -----------------------------------

    def keep_payment(self, key: str, request: dict[str, Any]) -> None:
        """Durably keep a payment's key and request before the request is sent."""
        if self.guest:
            raise SpoolHeld("only the kiosk opens payments")
        with self._lock, write_transaction(self._conn):
            payments.record_opening(self._conn, self._keys.sealer, key, request,
                                    self._now().isoformat())

    def payment_answer(self, key: str, payment: dict[str, Any] | None) -> str:
        """Record the central's Payment for the payment kept under `key` (None: refused for
        good); the state now kept."""
        if self.guest:
            raise SpoolHeld("only the kiosk records payments")
        with self._lock, write_transaction(self._conn):
            return payments.record_answer(self._conn, key, payment)

    def payment_visit_ended(self, key: str) -> None:
        """The visit of this payment ended before its submission was spooled."""
        if self.guest:
            raise SpoolHeld("only the kiosk records payments")
        with self._lock, write_transaction(self._conn):
            payments.record_visit_ended(self._conn, key)

    def payment_delivered(self, key: str, document_no: str) -> None:
        """The document a paid payment paid for has printed (ValueError: it is not paid)."""
        if self.guest:
            raise SpoolHeld("only the kiosk records payments")
        with self._lock, write_transaction(self._conn):
            payments.record_delivered(self._conn, key, document_no)

    def payment_cleared(self, key: str) -> None:
        """The technician settled by hand a paid payment whose visit ended (ValueError:
        it is not one)."""
        if self.guest:
            raise SpoolHeld("only the kiosk records payments")
        with self._lock, write_transaction(self._conn):
            payments.record_cleared(self._conn, key)

    def payment(self, key: str) -> payments.PaymentRecord | None:
        with self._lock:
            return payments.one(self._conn, self._keys.sealer, key)

    def unsettled_payments(self) -> list[payments.PaymentRecord]:
        """Payments neither spooled nor closed: what a restart and the technician look at."""
        with self._lock:
            return payments.unsettled(self._conn, self._keys.sealer)

    def payment_counts(self) -> dict[str, int]:
        with self._lock:
            return payments.counts(self._conn)

    # -- delivering ------------------------------------------------------------------------

    def claim_due(self, limit: int) -> list[SpoolEntry]:
        """Mark up to `limit` due pending entries in flight and return them, oldest first.

        Entries whose lease expired are offered again. An entry whose payload is
        unreadable (tampered) or no longer held is moved to dead instead of
        blocking the queue, and reported as an "entry_unreadable" event.
        """
        if limit < 1:
            raise ValueError("limit must be at least 1")
        claimed: list[SpoolEntry] = []
        unreadable: list[str] = []
        with self._lock, write_transaction(self._conn):
            now_us = to_micros(self._now())
            lease_us = self._lease // timedelta(microseconds=1)
            self._conn.execute(
                """UPDATE entries SET state = 'pending', lease_until_us = NULL
                   WHERE state = 'in_flight' AND (lease_until_us <= ? OR lease_until_us > ?)""",
                (now_us, now_us + lease_us))
            _age_from_now_if_ahead(self._conn, now_us)
            due = self._conn.execute(
                f"""SELECT {rows.ENTRY_COLUMNS} FROM entries
                    WHERE state = 'pending' AND (next_attempt_us <= ? OR next_attempt_us > ?)
                    ORDER BY created_us, rowid LIMIT ?""",
                (now_us, now_us + self._longest_wait_us, limit)).fetchall()
            lease_until = now_us + lease_us
            for row in due:
                try:
                    entry = rows.entry_from_row(self._keys, row)
                    if entry.payload is None:
                        raise SpoolIntegrityError("payload no longer held")
                except SpoolIntegrityError as exc:
                    self._bury(row["id"], {"title": "spooled payload cannot be read",
                                           "detail": str(exc)})
                    unreadable.append(row["local_ref"])
                    continue
                self._conn.execute("""UPDATE entries SET state = 'in_flight',
                                      attempts = attempts + 1, lease_until_us = ? WHERE id = ?""",
                                   (lease_until, entry.id))
                claimed.append(replace(entry, state=EntryState.IN_FLIGHT,
                                     attempts=entry.attempts + 1))
        for local_ref in unreadable:
            self._report(SpoolEvent("entry_unreadable",
                                    f"entry {local_ref} failed authentication; moved to dead"))
        return claimed

    def _bury(self, entry_id: str, problem: dict[str, Any]) -> None:
        self._conn.execute(
            """UPDATE entries SET state = 'dead', lease_until_us = NULL, sealed_problem = ?,
                   last_error = ? WHERE id = ?""",
            (rows.seal_problem(self._keys, entry_id, problem),
             str(problem.get("title", "dead letter"))[:200], entry_id))

    def _state_of(self, entry_id: str) -> sqlite3.Row:
        row = self._conn.execute("SELECT state, case_no FROM entries WHERE id = ?",
                                 (entry_id,)).fetchone()
        if row is None:
            raise SpoolEntryNotFound(entry_id)
        return row

    def _require_active(self, entry_id: str, action: str) -> None:
        state = self._state_of(entry_id)["state"]
        if state not in _ACTIVE:
            raise SpoolStateError(f"cannot {action} entry {entry_id}: it is {state}")

    def mark_delivered(self, entry_id: str, *, case_no: str, status: str,
                       received_at: str) -> None:
        """The central accepted the entry. Repeating it with the same case is a no-op."""
        self.mark_delivered_many([Delivery(entry_id, case_no, status, received_at)])

    def mark_delivered_many(self, deliveries: Sequence[Delivery]) -> None:
        """Several acceptances in one transaction (a batch's answer), each as mark_delivered
        would take it; one that cannot be taken refuses them all, and a later drain sends
        them again under the same keys, which the central answers with the same cases."""
        with self._lock, write_transaction(self._conn):
            now_us = to_micros(self._now())
            for done in deliveries:
                row = self._state_of(done.entry_id)
                if row["state"] == EntryState.DELIVERED and row["case_no"] == done.case_no:
                    continue
                if row["state"] not in _ACTIVE:
                    raise SpoolStateError(
                        f"cannot deliver entry {done.entry_id}: it is {row['state']}")
                self._conn.execute(
                    """UPDATE entries SET state = 'delivered', lease_until_us = NULL,
                           next_attempt_us = NULL, case_no = ?, case_status = ?,
                           received_at = ?, delivered_us = ? WHERE id = ?""",
                    (done.case_no, done.status, done.received_at, now_us, done.entry_id))

    def mark_retry(self, entry_id: str, *, error: str, retry_at: datetime,
                   fault: bool = False) -> None:
        """Delivery failed for now; offer the entry again at `retry_at`. `fault`: the
        central's answer broke the contract, and the entry's count of such answers grows.

        Refused (SpoolStateError) for an entry already delivered or dead, so a
        late failure report can never undo a delivery.
        """
        require_aware(retry_at, "retry_at")
        with self._lock, write_transaction(self._conn):
            self._require_active(entry_id, "retry")
            self._conn.execute(
                """UPDATE entries SET state = 'pending', lease_until_us = NULL,
                       next_attempt_us = ?, last_error = ?, faults = faults + ? WHERE id = ?""",
                (to_micros(retry_at), error[:500], int(fault), entry_id))

    def mark_dead(self, entry_id: str, *, problem: dict[str, Any]) -> None:
        """The central will never accept the entry (409/422); keep it, with the problem document,
        for a technician."""
        with self._lock, write_transaction(self._conn):
            self._require_active(entry_id, "bury")
            self._bury(entry_id, problem)

    def next_due_at(self) -> datetime | None:
        """When claim_due will next have something: the earliest retry time of a pending entry
        or lease end of an in-flight one; None when nothing waits."""
        with self._lock:
            now_us = to_micros(self._now())
            due = self._conn.execute(
                """SELECT min(CASE WHEN state = 'pending' AND next_attempt_us > :wait THEN :now
                                   WHEN state = 'pending' THEN next_attempt_us
                                   WHEN lease_until_us > :lease THEN :now
                                   ELSE lease_until_us END)
                   FROM entries WHERE state IN ('pending', 'in_flight')""",
                {"now": now_us, "wait": now_us + self._longest_wait_us,
                 "lease": now_us + self._lease // timedelta(microseconds=1)}).fetchone()[0]
        return None if due is None else from_micros(due)

    @property
    def _longest_wait_us(self) -> int:
        return self._longest_wait // timedelta(microseconds=1)

    # -- looking -----------------------------------------------------------------------------

    def stats(self) -> SpoolStats:
        with self._lock:
            counts = dict(self._conn.execute("SELECT state, n FROM state_counts").fetchall())
            last_rowid = self._conn.execute(_LAST_ROWID).fetchone()[0]
            oldest = self._oldest_undelivered()
        return SpoolStats(
            pending=last_rowid - sum(counts.values()), in_flight=counts[EntryState.IN_FLIGHT],
            delivered=counts[EntryState.DELIVERED], dead=counts[EntryState.DEAD],
            oldest_pending_at=None if oldest is None else datetime.fromisoformat(oldest[1]))

    def _oldest_undelivered(self) -> tuple[int, str] | None:
        """(created_us, created_at) of the oldest pending or in-flight entry; one index probe
        per state."""
        heads = [self._conn.execute(
            """SELECT created_us, created_at FROM entries WHERE state = ?
               ORDER BY created_us LIMIT 1""", (state,)).fetchone() for state in _ACTIVE]
        return min((tuple(head) for head in heads if head is not None), default=None)

    def gate(self) -> GateVerdict:
        """Whether put() would accept a submission now, and if not, why."""
        with self._lock:
            return self._judge(self._now())

    def _judge(self, now: datetime) -> GateVerdict:
        try:
            free = self._disk_free()
        except OSError:
            free = 0
        backlog, oldest_us = self._conn.execute(_GATE_FIGURES).fetchone()
        return judge(self.limits, backlog=backlog, free_bytes=free, now=now,
                     oldest=None if oldest_us is None else from_micros(oldest_us))

    def get(self, entry_id: str) -> SpoolEntry:
        """One entry, decrypted; SpoolIntegrityError if its sealed data was altered."""
        with self._lock:
            row = self._conn.execute(f"SELECT {rows.ENTRY_COLUMNS} FROM entries WHERE id = ?",
                                     (entry_id,)).fetchone()
            if row is None:
                raise SpoolEntryNotFound(entry_id)
            return rows.entry_from_row(self._keys, row)

    def find_by_local_ref(self, local_ref: str, lookup_token: str) -> SpoolSummary | None:
        """The entry a receipt's QR code names, when its token is the one sealed in the entry's
        payload (compared in constant time); None for a wrong token, an entry spooled before
        tokens, or one whose payload retention purged. A reference alone, which anyone can
        count to, finds nothing."""
        found = self._receipt(local_ref)
        if found is None or found[1] is None or not hmac.compare_digest(
                found[1].encode(), lookup_token.encode()):
            return None
        return found[0]

    def receipt_of(self, local_ref: str) -> tuple[SpoolSummary, str | None] | None:
        """For a technician's reprint: the entry with this reference and the lookup token its
        receipt's QR code carries (None before tokens, or once the payload is purged)."""
        return self._receipt(local_ref)

    def _receipt(self, local_ref: str) -> tuple[SpoolSummary, str | None] | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT {rows.SUMMARY_COLUMNS}, id, sealed_payload FROM entries"
                " WHERE local_ref = ?", (local_ref,)).fetchone()
            if row is None:
                return None
            try:
                envelope = rows.open_envelope(self._keys, row)
            except SpoolIntegrityError:
                envelope = None  # altered: it vouches for no token
        token = None if envelope is None else envelope["payload"].get(LOOKUP_TOKEN)
        return rows.summary_from_row(row), token if isinstance(token, str) and token else None

    def find_by_applicant(self, applicant_id: str) -> list[SpoolSummary]:
        """What this kiosk holds for an applicant, newest first, found by keyed digest.

        Only settled entries are in the digest's index, so a put does not write to
        it; the undelivered ones, at most the gate's backlog, are looked through.
        """
        digest = applicant_digest(self._keys.mac_key, applicant_id)
        with self._lock:
            found = self._conn.execute(
                f"""SELECT {rows.SUMMARY_COLUMNS}, created_us FROM entries
                    WHERE applicant_digest = :digest AND state IN ('delivered', 'dead')
                    UNION ALL
                    SELECT {rows.SUMMARY_COLUMNS}, created_us FROM entries
                    WHERE state IN ('pending', 'in_flight') AND applicant_digest = :digest
                    ORDER BY created_us DESC""", {"digest": digest}).fetchall()
        return [rows.summary_from_row(row) for row in found]

    # -- keeping -----------------------------------------------------------------------------

    def purge(self, now: datetime) -> int:
        """Drop the sealed payload of entries delivered more than `limits.retention` before `now`;
        their reference, item, state and case number stay for progress queries. Returns how
        many were purged. Dead entries are kept until a technician resolves them."""
        cutoff = to_micros(now - self.limits.retention)
        with self._lock, write_transaction(self._conn):
            return self._conn.execute(
                """UPDATE entries SET sealed_payload = NULL WHERE state = 'delivered'
                   AND sealed_payload IS NOT NULL AND delivered_us < ?""", (cutoff,)).rowcount

    def set_aside(self) -> list[Path]:
        """Damaged databases this spool's owners moved aside, still there; see database."""
        return set_aside(self._path)

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database, off the put path: puts never
        checkpoint (wal_autocheckpoint=0), so the sync worker calls this between drains.
        PASSIVE: it takes what no reader holds and never waits for one."""
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def rotate_key(self) -> None:
        """Re-seal every row under a fresh key in one transaction (see keyring)."""
        with self._lock:
            self._keys = keyring.rotate(self._conn, self._key_path, self._keys)

    # -- technician ------------------------------------------------------------------------

    def list_entries(self, state: EntryState | str | None = None) -> list[SpoolListing]:
        """Entries oldest first, optionally of one state; no personal data."""
        where, params = ("WHERE state = ?", (EntryState(state).value,)) if state else ("", ())
        with self._lock:
            found = self._conn.execute(
                f"SELECT {rows.LISTING_COLUMNS} FROM entries {where} ORDER BY created_us, rowid",
                params).fetchall()
        return [rows.listing_from_row(row) for row in found]

    def retry(self, entry_id: str) -> None:
        """Offer a dead (or waiting) entry for delivery now, under the same id."""
        with self._lock, write_transaction(self._conn):
            state = self._state_of(entry_id)["state"]
            if state not in (EntryState.DEAD, EntryState.PENDING):
                raise SpoolStateError(f"cannot retry entry {entry_id}: it is {state}")
            self._requeue("id = ?", (entry_id,))

    def retry_dead(self) -> int:
        """Offer every dead entry for delivery now; returns how many."""
        with self._lock, write_transaction(self._conn):
            return self._requeue("state = 'dead'", ())

    def _requeue(self, where: str, params: tuple[str, ...]) -> int:
        return self._conn.execute(
            f"""UPDATE entries SET state = 'pending', next_attempt_us = ?, sealed_problem = NULL
                WHERE {where}""", (to_micros(self._now()), *params)).rowcount

    def export(self, out: Path, *, state: EntryState | str = EntryState.DEAD) -> int:
        """Write the entries in `state`, decrypted, as JSON lines to a new file with mode 0600
        (FileExistsError if `out` exists); what cannot be decrypted is written as null.
        Returns how many entries were written."""
        with self._lock:
            found = self._conn.execute(
                f"""SELECT {rows.ENTRY_COLUMNS} FROM entries WHERE state = ?
                    ORDER BY created_us, rowid""", (EntryState(state).value,)).fetchall()
            records = [transfer.record_from_row(self._keys, row) for row in found]
        transfer.write_export(out, records)
        return len(records)

    def import_file(self, path: Path) -> ImportResult:
        """Add the entries of an export file, all or nothing; entries whose id is already here
        are skipped, so importing a file twice adds nothing. In-flight entries arrive pending."""
        records = transfer.read_import(path)
        with self._lock:
            self._sequence.forget()  # the file may hold this device's own later references
            with write_transaction(self._conn):
                now_us = to_micros(self._now())
                added = sum(transfer.adopt(self._conn, self._keys, record, now_us=now_us)
                            for record in records)
        return ImportResult(added=added, skipped=len(records) - added)
