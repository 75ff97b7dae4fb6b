"""The fees a citizen pays at the kiosk, kept until the money and what it paid for meet.

A payment is money the citizen has given (or may still give) the central, and
the kiosk's process may die at any moment of it: between the request that
opens it and its answer, or between "paid" and the spooling of the submission
it paid for. So the payment's Idempotency-Key and its request are written here
BEFORE the request is sent (a restart re-sends the same request and finds the
same payment, never a second one), its answers are recorded as they come, and
the spooling of the paid submission marks the payment spooled in the SAME
transaction as the put. A fee paid before a printout is settled when the
document has printed ("delivered"). What is left "opening", "pending" or
"paid" after a visit ended is what the technician is shown, until a person
has made it right with the citizen and clears it by hand ("cleared"). The
request names the applicant, so it is sealed like a payload and dropped once
the payment is settled.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from offline_queue.errors import SpoolIntegrityError
from offline_queue.sealing import Sealer

# opening: the request may have reached the central, its answer has not come back;
# pending: the central opened it and it is not final; paid: paid, what it paid for not yet
# given (its submission spooled, its document printed); spooled: paid and its submission
# spooled; delivered: paid and its document printed; cleared: paid, and settled by hand
# by the technician after its visit ended; closed: cancelled, expired or failed
UNSETTLED = ("opening", "pending", "paid")
SETTLED = ("spooled", "delivered", "cleared", "closed")
# what no answer of the central moves again
PAID_FOR_GOOD = ("paid", "spooled", "delivered", "cleared")
CENTRAL_FINAL = {"paid": "paid", "expired": "closed", "cancelled": "closed",
                 "failed": "closed"}


def payment_aad(key: str) -> bytes:
    return b"offline_queue/payment/" + key.encode()


@dataclass(frozen=True)
class PaymentRecord:
    """One payment as the kiosk keeps it; `request` (the applicant) is kept out of reprs."""

    key: str
    item_code: str
    amount_fen: int
    state: str
    created_at: str
    payment_id: str | None = None
    receipt_no: str | None = None
    local_ref: str | None = None
    visit_ended: bool = False
    request: dict[str, Any] | None = field(default=None, repr=False)


_COLUMNS = ("key, item_code, amount_fen, state, created_at, payment_id, receipt_no,"
            " local_ref, visit_ended, sealed_request")


def record_opening(conn: sqlite3.Connection, sealer: Sealer, key: str,
                   request: dict[str, Any], created_at: str) -> None:
    """Keep the key and the request of a payment about to be opened (the caller commits)."""
    conn.execute(
        "INSERT INTO payments (key, item_code, amount_fen, state, created_at, sealed_request)"
        " VALUES (?, ?, ?, 'opening', ?, ?)",
        (key, request["item_code"], request["amount_fen"], created_at,
         sealer.seal_json(payment_aad(key), request)))


def record_answer(conn: sqlite3.Connection, key: str, payment: dict[str, Any] | None) -> str:
    """Record what the central said of the payment (None: it refused to open it, for good);
    returns the state now kept. A paid or spooled payment never goes back: a late
    "pending" answer changes nothing."""
    row = conn.execute("SELECT state FROM payments WHERE key = ?", (key,)).fetchone()
    if row is None:
        raise KeyError(key)
    state = row[0]
    if state in PAID_FOR_GOOD:
        return state
    if payment is None:
        payment = {"status": "failed", "payment_id": None}
    state = CENTRAL_FINAL.get(payment["status"], "pending")
    conn.execute(
        "UPDATE payments SET state = ?, payment_id = ?, receipt_no = ?,"
        " sealed_request = CASE WHEN ? = 'closed' THEN NULL ELSE sealed_request END"
        " WHERE key = ?",
        (state, payment["payment_id"], payment.get("receipt_no"), state, key))
    return state


def record_spooled(conn: sqlite3.Connection, key: str, local_ref: str) -> None:
    """The paid payment's submission is in the spool: settled (inside the put)."""
    _settle_paid(conn, key, "spooled", local_ref,
                 "only a paid payment's submission is spooled with it")


def record_delivered(conn: sqlite3.Connection, key: str, document_no: str) -> None:
    """The paid payment's document has printed: settled, and its number kept."""
    _settle_paid(conn, key, "delivered", document_no, "only a paid payment's document "
                 "is delivered")


def record_cleared(conn: sqlite3.Connection, key: str) -> None:
    """The technician made a paid payment right with its citizen after the visit ended."""
    done = conn.execute(
        "UPDATE payments SET state = 'cleared', sealed_request = NULL"
        " WHERE key = ? AND state = 'paid' AND visit_ended = 1", (key,)).rowcount
    if done != 1:
        raise ValueError("only a paid payment whose visit ended is cleared by hand")


def _settle_paid(conn: sqlite3.Connection, key: str, state: str, local_ref: str,
                 refusal: str) -> None:
    done = conn.execute(
        "UPDATE payments SET state = ?, local_ref = ?, sealed_request = NULL"
        " WHERE key = ? AND state = 'paid'", (state, local_ref, key)).rowcount
    if done != 1:
        raise ValueError(refusal)


def record_visit_ended(conn: sqlite3.Connection, key: str) -> None:
    conn.execute("UPDATE payments SET visit_ended = 1 WHERE key = ?", (key,))


def _record(sealer: Sealer, row: sqlite3.Row) -> PaymentRecord:
    request = None
    if row["sealed_request"] is not None:
        try:
            request = sealer.unseal_json(payment_aad(row["key"]), row["sealed_request"])
        except SpoolIntegrityError:
            request = None  # shown to the technician by its key and amount alone
    return PaymentRecord(
        key=row["key"], item_code=row["item_code"], amount_fen=row["amount_fen"],
        state=row["state"], created_at=row["created_at"], payment_id=row["payment_id"],
        receipt_no=row["receipt_no"], local_ref=row["local_ref"],
        visit_ended=bool(row["visit_ended"]), request=request)


def unsettled(conn: sqlite3.Connection, sealer: Sealer) -> list[PaymentRecord]:
    """Payments not yet spooled or closed, oldest first."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM payments WHERE state IN"
                        " ('opening', 'pending', 'paid') ORDER BY created_at, key").fetchall()
    return [_record(sealer, row) for row in rows]


def one(conn: sqlite3.Connection, sealer: Sealer, key: str) -> PaymentRecord | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM payments WHERE key = ?", (key,)).fetchone()
    return None if row is None else _record(sealer, row)


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT state, COUNT(*) FROM payments GROUP BY state").fetchall())


def reseal(conn: sqlite3.Connection, old: Sealer, new: Sealer) -> None:
    """Key rotation: every kept request under the new key (in the rotation's transaction)."""
    for key, blob in conn.execute("SELECT key, sealed_request FROM payments"
                                  " WHERE sealed_request IS NOT NULL").fetchall():
        conn.execute("UPDATE payments SET sealed_request = ? WHERE key = ?",
                     (new.seal(payment_aad(key), old.unseal(payment_aad(key), blob)), key))
