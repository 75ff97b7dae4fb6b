"""The values the spool hands out: entries, summaries, listings, statistics, events.

They are plain frozen dataclasses so the core and the UI can hold them without
touching the database. Whatever may carry personal data (the payload, a
problem document) is excluded from `repr`, so a log line or a traceback that
prints an entry cannot leak a name or an ID number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class EntryState(StrEnum):
    """Life of an entry: pending → in_flight → delivered | dead (dead → pending by a technician)."""

    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    DELIVERED = "delivered"
    DEAD = "dead"


@dataclass(frozen=True)
class SpoolEntry:
    """One spooled submission, decrypted.

    `id` is the Idempotency-Key. `attempts` counts delivery attempts started
    (claim_due adds one); `faults` the central's answers that broke the contract.
    `payload` is None once retention purged it.
    """

    id: str
    local_ref: str
    item_code: str
    created_at: datetime
    state: EntryState
    attempts: int
    payload: dict[str, Any] | None = field(repr=False)
    case_no: str | None = None
    last_error: str | None = None
    case_status: str | None = None
    received_at: str | None = None
    next_attempt_at: datetime | None = None
    problem: dict[str, Any] | None = field(default=None, repr=False)
    faults: int = 0


@dataclass(frozen=True)
class Delivery:
    """The central's acceptance of one entry: its case number, status and time."""

    entry_id: str
    case_no: str
    status: str
    received_at: str


@dataclass(frozen=True)
class SpoolSummary:
    """What an offline progress query may show a citizen: no personal data."""

    local_ref: str
    item_code: str
    state: EntryState
    created_at: datetime
    case_no: str | None


@dataclass(frozen=True)
class SpoolListing:
    """One line of the technician's listing: enough to act on, no personal data."""

    id: str
    local_ref: str
    item_code: str
    state: EntryState
    created_at: datetime
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    case_no: str | None


@dataclass(frozen=True)
class SpoolStats:
    """Counts by state; `oldest_pending_at` is the creation time of the oldest undelivered entry
    (pending or in flight), None when there is none."""

    pending: int
    in_flight: int
    delivered: int
    dead: int
    oldest_pending_at: datetime | None


@dataclass(frozen=True)
class SpoolEvent:
    """Something a technician should hear about, e.g. a corrupt database moved aside.

    `code` is stable ("db_quarantined", "leases_recovered", "entry_unreadable",
    "key_rotation_recovered"); `detail` is for humans and has no personal data.
    """

    code: str
    detail: str


@dataclass(frozen=True)
class ImportResult:
    """How many entries an import added and how many it found already present."""

    added: int
    skipped: int
