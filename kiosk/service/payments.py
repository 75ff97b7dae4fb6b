"""Payments a visit left behind, settled without the citizen and shown to the technician.

A visit may end while its fee is still open: the citizen walked away, the
screen timed out, the kiosk was killed between "paid" and the spooling of the
submission. The money must not be forgotten: each such payment is cancelled
if it is still pending (the central answers "paid" if the citizen paid in the
meantime), and a payment that turns out paid with nothing delivered for it
(no submission spooled, no document printed) is recorded in the audit log and
listed on the technician's desk, so a person can make it right with the
citizen. Nothing here pays or opens anew:
a payment whose opening answer was lost is asked again under its own key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from kiosk.audit.log import AuditEvent, AuditLog
from kiosk.printing.texts import yuan
from kiosk.service.report_words import Phrase
from kiosk.uplink.client import CentralClient, CentralError, CentralRejected
from kiosk.uplink.online import Question, Reply
from offline_queue import PaymentRecord, Spool

log = logging.getLogger(__name__)
Ask = Callable[[Question, Reply], None]
# How a technician made a paid payment right with its citizen: the money given back at
# the counter, or what it paid for given by hand (the application taken, the document
# printed at the counter).
CLEARED_HOW = ("refunded", "delivered_by_hand")
# How often, between visits, a payment still being settled is asked after again: a central
# that was down when its visit ended is asked when it is back, not only at the next restart.
RETRY_EVERY = timedelta(minutes=1)


def settle(client: CentralClient, record: PaymentRecord) -> dict[str, Any]:
    """The payment as it ends without its visit: found again under its key if its opening
    answer was lost, and cancelled if still pending (a paid one comes back paid)."""
    if record.payment_id is None:
        if record.request is None:
            raise CentralRejected(404, {"title": "the kept request cannot be read"})
        payment = client.open_payment(record.key, **record.request)
    else:
        payment = client.payment(record.payment_id)
    if payment["status"] == "pending":
        payment = client.cancel_payment(payment["payment_id"])
    return payment


class LeftoverPayments:
    """The kiosk's side of payments whose visit ended unsettled (GUI thread)."""

    def __init__(self, spool: Spool, ask: Ask, audit: AuditLog) -> None:
        self._spool, self._ask, self._audit = spool, ask, audit
        self._asking: set[str] = set()  # keys whose question has not been answered yet
        self._tried_at: datetime | None = None

    def left(self, key: str) -> None:
        """A visit ended with the payment kept under `key` unsettled."""
        self._spool.payment_visit_ended(key)
        record = self._spool.payment(key)
        if record is not None:
            self._settle(record)

    def sweep(self) -> None:
        """At start (no visit runs, so every unsettled payment's visit has ended), and
        whenever the technician looks: settle what can be settled."""
        for record in self._spool.unsettled_payments():
            if not record.visit_ended:
                self._spool.payment_visit_ended(record.key)
            self._settle(record)

    def retry_if_due(self, now: datetime) -> bool:
        """Between visits (`now` by the kiosk's clock): every RETRY_EVERY, ask again after
        each payment whose visit ended while it was still being settled. A paid one needs
        no question, and one asked already waits for its answer. True when it was due."""
        if self._tried_at is not None and now < self._tried_at + RETRY_EVERY:
            return False
        self._tried_at = now
        for record in self._spool.unsettled_payments():
            if record.visit_ended and record.state != "paid":
                self._settle(record)
        return True

    def _settle(self, record: PaymentRecord) -> None:
        if record.state == "paid":
            self._paid(record.key)
            return
        if record.key in self._asking:
            return
        self._asking.add(record.key)

        def reply(answer: Any, error: CentralError | None) -> None:
            self._asking.discard(record.key)
            if isinstance(error, CentralRejected):
                log.warning("payments: %s refused for good: %s", record.key, error)
                self._spool.payment_answer(record.key, None)
            elif error is None and self._spool.payment_answer(record.key, answer) == "paid":
                self._paid(record.key)
        self._ask(lambda client: settle(client, record), reply)

    def _paid(self, key: str) -> None:
        record = self._spool.payment(key)
        if record is None or record.state != "paid":
            return
        self._audit.try_record(AuditEvent.PAYMENT_PAID_VISIT_ENDED,
                               payment_id=record.payment_id or "", item_code=record.item_code,
                               amount_fen=record.amount_fen)

    def to_clear(self) -> list[PaymentRecord]:
        return to_clear(self._spool)

    def clear(self, payment_id: str, how: str) -> Phrase:
        return clear_paid(self._spool, self._audit, payment_id, how)

    def lines(self) -> list[Phrase]:
        """For the technician: each payment paid whose visit ended with nothing delivered,
        and each still being settled."""
        return [payment_phrase(record) for record in self._spool.unsettled_payments()]


def to_clear(spool: Spool) -> list[PaymentRecord]:
    """Paid payments whose visit ended with nothing delivered: a person must make each right
    with its citizen, then clear it (clear_paid)."""
    return [r for r in spool.unsettled_payments()
            if r.state == "paid" and r.visit_ended and r.payment_id]


class NotCleared(ValueError):
    """There is no such payment to clear; `said` says why, for the CLI and the screen."""

    def __init__(self, said: Phrase) -> None:
        super().__init__(str(said))
        self.said = said


def clear_paid(spool: Spool, audit: AuditLog, payment_id: str, how: str) -> Phrase:
    """The technician made the paid payment `payment_id` right with its citizen (`how`, one
    of CLEARED_HOW): it leaves the desk, and the audit log says what was done, by payment
    and fiscal receipt number; a line saying so. NotCleared when there is no such payment
    to clear (the kiosk's own screen and the CLI both say why)."""
    if how not in CLEARED_HOW:
        raise NotCleared(Phrase("payment_how_unknown", (", ".join(CLEARED_HOW),)))
    record = next((r for r in to_clear(spool) if r.payment_id == payment_id), None)
    if record is None:
        raise NotCleared(Phrase("payment_not_to_clear", (payment_id,)))
    spool.payment_cleared(record.key)
    audit.try_record(AuditEvent.PAYMENT_CLEARED, payment_id=payment_id,
                     item_code=record.item_code, amount_fen=record.amount_fen,
                     receipt_no=record.receipt_no or "", how=how)
    return Phrase(f"payment_cleared_{how}", (payment_id, yuan(record.amount_fen)))


def payment_phrase(record: PaymentRecord) -> Phrase:
    """One unsettled payment as the technician's desk shows it, in the kiosk's language."""
    which = (record.payment_id or record.key, record.item_code,
             yuan(record.amount_fen), record.receipt_no or "-")
    return Phrase("payment_paid", which) if record.state == "paid" \
        else Phrase("payment_settling", (*which, Phrase(f"pay_state_{record.state}")))


def payment_line(record: PaymentRecord) -> str:
    """The same in English, for the CLI and the log."""
    return str(payment_phrase(record))
