"""The durable offline spool: the first half of "received means delivered exactly once".

A citizen's confirmed submission is written here in one durable SQLite
transaction, sealed at rest, under a UUID that is its Idempotency-Key for
ever; the sync worker in kiosk/ claims it from here and reports back. This
package imports nothing of kiosk/, ui/ or drivers/, and no Qt.
"""

from offline_queue.errors import (
    SpoolEntryNotFound,
    SpoolError,
    SpoolGateClosed,
    SpoolHeld,
    SpoolImportError,
    SpoolIntegrityError,
    SpoolKeyError,
    SpoolSchemaError,
    SpoolStateError,
    SpoolWriteFailed,
)
from offline_queue.gate import BACKLOG_FULL, DISK_LOW, OFFLINE_TOO_LONG, GateLimits, GateVerdict
from offline_queue.payments import PaymentRecord
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
from offline_queue.spool import Spool

__all__ = [
    "BACKLOG_FULL",
    "DISK_LOW",
    "OFFLINE_TOO_LONG",
    "Delivery",
    "EntryState",
    "GateLimits",
    "GateVerdict",
    "ImportResult",
    "PaymentRecord",
    "Spool",
    "SpoolEntry",
    "SpoolEntryNotFound",
    "SpoolError",
    "SpoolEvent",
    "SpoolGateClosed",
    "SpoolHeld",
    "SpoolImportError",
    "SpoolIntegrityError",
    "SpoolKeyError",
    "SpoolListing",
    "SpoolSchemaError",
    "SpoolStateError",
    "SpoolStats",
    "SpoolSummary",
    "SpoolWriteFailed",
]
