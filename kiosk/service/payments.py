"""Payments a visit left behind, settled without the citizen and shown to the technician.

A visit may end while its fee is still open: the citizen walked away, the
screen timed out, the kiosk was killed between "paid" and the spooling of the
submission. The money must not be forgotten: each such payment is cancelled
if it is still pending (the central answers "paid" if the citizen paid in the
meantime), and a payment that turns out paid with no submission spooled for
it is recorded in the audit log and listed on the technician's desk, so a
person can make it right with the citizen. Nothing here pays or opens anew:
a payment whose opening answer was lost is asked again under its own key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kiosk.audit.log import AuditEvent, AuditLog
from kiosk.service.report_words import Phrase
from kiosk.uplink.client import CentralClient, CentralError, CentralRejected
from kiosk.uplink.online import Question, Reply
from offline_queue import PaymentRecord, Spool

log = logging.getLogger(__name__)
Ask = Callable[[Question, Reply], None]


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

    def _settle(self, record: PaymentRecord) -> None:
        if record.state == "paid":
            self._paid(record.key)
            return

        def reply(answer: Any, error: CentralError | None) -> None:
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

    def lines(self) -> list[Phrase]:
        """For the technician: each payment paid whose visit ended without its submission,
        and each still being settled."""
        found = []
        for record in self._spool.unsettled_payments():
            which = (record.payment_id or record.key, record.item_code,
                     f"{record.amount_fen / 100:.2f}", record.receipt_no or "-")
            found.append(Phrase("payment_paid", which) if record.state == "paid"
                         else Phrase("payment_settling", (*which, record.state)))
        return found
