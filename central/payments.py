"""Fees paid at the kiosk: a payment per fee, paid by the citizen's phone, final once.

The kiosk may lose any answer and ask again, so opening a payment is
idempotent by key like a submission, and a payment that was paid stays paid
whatever comes after it (a cancel, an expiry): the citizen's money is never
forgotten. The payment provider is played by the admin API's "mark paid",
which the demo dock's "pay with phone" button and the tests call.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime, timedelta
from typing import Any

from central.catalog import CatalogBook
from central.clock import Clock, parse_rfc3339, rfc3339
from central.db import Database
from central.idempotency import body_fingerprint, key_reused
from central.identifiers import applicant_id_problem
from central.models import Payment, PaymentRequest
from central.problems import FieldError, ProblemError, validation_problem

PAYMENT_TTL = timedelta(minutes=15)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS payments (
    payment_id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    body_sha256 TEXT NOT NULL,
    device_id TEXT NOT NULL,
    item_code TEXT NOT NULL,
    applicant_id_number TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    reference TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    paid_at TEXT,
    receipt_no TEXT
)
"""


def _unknown() -> ProblemError:
    return ProblemError(404, "This device opened no such payment.", kind="unknown-payment")


def _request_errors(request: PaymentRequest, item: dict[str, Any] | None,
                    now: datetime) -> list[FieldError]:
    fee = (item or {}).get("fee")
    if fee is None:
        return [FieldError("item_code", "names no item with a fee")]
    errors = []
    if request.amount_fen != fee["amount_fen"]:
        errors.append(FieldError("amount_fen", f"must be the item's fee, {fee['amount_fen']}"))
    if fee.get("needs_reference") and not (request.reference or "").strip():
        errors.append(FieldError("reference", "is required: the bill number for this fee"))
    problem = applicant_id_problem(request.applicant.id_type, request.applicant.id_number,
                                   now.date())
    if problem:
        errors.append(FieldError("applicant.id_number", problem))
    return errors


class Payments:
    def __init__(self, db: Database, catalog: CatalogBook, clock: Clock) -> None:
        self._db = db
        self._catalog = catalog
        self._clock = clock
        with db.transaction() as conn:
            conn.execute(_SCHEMA)

    def open(self, key: str, raw: Any, request: PaymentRequest,
             device_id: str) -> tuple[int, Payment]:
        """Open a payment (201), or the one already opened under `key` (200)."""
        now = self._clock.now()
        fingerprint = body_fingerprint(raw)
        with self._db.transaction() as conn:
            seen = conn.execute("SELECT * FROM payments WHERE idempotency_key = ?",
                                (key,)).fetchone()
            if seen is not None:
                if seen["body_sha256"] != fingerprint or seen["device_id"] != device_id:
                    raise key_reused()
                return 200, self._settled(conn, seen, now)
            errors = _request_errors(request, self._catalog.item(request.item_code), now)
            if errors:
                raise validation_problem(errors, "This payment can never be opened.")
            payment_id = "PAY" + uuid.uuid4().hex[:20].upper()
            conn.execute(
                "INSERT INTO payments (payment_id, idempotency_key, body_sha256, device_id,"
                " item_code, applicant_id_number, amount_fen, reference, status, created_at,"
                " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
                (payment_id, key, fingerprint, device_id, request.item_code,
                 request.applicant.id_number, request.amount_fen, request.reference,
                 rfc3339(now), rfc3339(now + PAYMENT_TTL)))
            return 201, self._settled(conn, self._row(conn, payment_id), now)

    def read(self, payment_id: str, device_id: str) -> Payment:
        """The payment as it stands now (a pending one past its time has expired)."""
        now = self._clock.now()
        with self._db.transaction() as conn:
            return self._settled(conn, self._owned(conn, payment_id, device_id), now)

    def cancel(self, payment_id: str, device_id: str) -> Payment:
        """Cancel a pending payment; a final one (paid above all) comes back as it is."""
        now = self._clock.now()
        with self._db.transaction() as conn:
            row = self._owned(conn, payment_id, device_id)
            if self._settled(conn, row, now).status == "pending":
                conn.execute("UPDATE payments SET status = 'cancelled' WHERE payment_id = ?",
                             (payment_id,))
            return self._settled(conn, self._row(conn, payment_id), now)

    def mark_paid(self, payment_id: str) -> Payment:
        """The citizen paid with a phone (the admin API plays the payment provider)."""
        now = self._clock.now()
        with self._db.transaction() as conn:
            row = self._row(conn, payment_id)
            if row is None:
                raise _unknown()
            status = self._settled(conn, row, now).status
            if status not in ("pending", "paid"):
                raise ProblemError(409, f"This payment is {status} and can no longer be paid.",
                                   kind="payment-final")
            if status == "pending":
                seq = conn.execute("SELECT COUNT(*) FROM payments WHERE receipt_no IS NOT NULL"
                                   ).fetchone()[0] + 1
                conn.execute("UPDATE payments SET status = 'paid', paid_at = ?, receipt_no = ?"
                             " WHERE payment_id = ?",
                             (rfc3339(now), f"4401{now:%Y}-{seq:08d}", payment_id))
            return self._settled(conn, self._row(conn, payment_id), now)

    def paid_for(self, conn: sqlite3.Connection, payment_id: str | None, device_id: str,
                 item_code: str, id_number: str | None) -> bool:
        """Whether `payment_id` is a paid payment this device opened for this item and
        applicant: what a fee-bearing submission must carry."""
        row = conn.execute(
            "SELECT 1 FROM payments WHERE payment_id = ? AND status = 'paid' AND device_id = ?"
            " AND item_code = ? AND applicant_id_number = ?",
            (payment_id or "", device_id, item_code, id_number or "")).fetchone()
        return row is not None

    def counts(self) -> dict[str, int]:
        """Payments by status, for the admin counters."""
        with self._db.transaction() as conn:
            rows = conn.execute("SELECT status, COUNT(*) FROM payments GROUP BY status")
            return {status: count for status, count in rows}

    @staticmethod
    def _row(conn: sqlite3.Connection, payment_id: str) -> Any:
        return conn.execute("SELECT * FROM payments WHERE payment_id = ?",
                            (payment_id,)).fetchone()

    def _owned(self, conn: sqlite3.Connection, payment_id: str, device_id: str) -> Any:
        row = self._row(conn, payment_id)
        if row is None or row["device_id"] != device_id:
            raise _unknown()
        return row

    @staticmethod
    def _settled(conn: sqlite3.Connection, row: Any, now: datetime) -> Payment:
        """The payment of `row`, expired (and stored so) when pending past its time."""
        status = row["status"]
        if status == "pending" and now >= parse_rfc3339(row["expires_at"]):
            status = "expired"
            conn.execute("UPDATE payments SET status = 'expired' WHERE payment_id = ?",
                         (row["payment_id"],))
        return Payment(
            payment_id=row["payment_id"], status=status, amount_fen=row["amount_fen"],
            pay_code=f"https://pay.central.invalid/p/{row['payment_id']}",
            expires_at=parse_rfc3339(row["expires_at"]),
            paid_at=parse_rfc3339(row["paid_at"]) if row["paid_at"] else None,
            receipt_no=row["receipt_no"])
