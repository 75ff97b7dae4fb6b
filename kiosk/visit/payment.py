"""A fee paid by phone before its item is spooled or printed: open, show, ask until final,
go on.

The citizen's money is the one thing a kiosk must never lose track of, and any
answer may be lost on the way. So a payment's key and request are kept in the
spool before the request leaves (offline_queue.payments), every answer the
central gives is recorded as it comes, and a question that fails is asked
again with the same key: a lost answer finds the same payment, never opens a
second one. The central is asked by the kiosk's clock (a question every
POLL_EVERY), never by sleeping. Cancelling is asking too: the central's answer
to a cancel may be "paid", and then the visit goes on as if it had been paid
all along. What a visit leaves behind unsettled is handed to the technician's
side (kiosk.service.payments) when the visit ends. A fee is paid once in a visit: a
citizen who comes back to the same item after "paid" (the document could not be
fetched or printed) goes on without paying again.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from kiosk.catalog.items import Item
from kiosk.uplink.client import CentralError, CentralRejected
from kiosk.uplink.online import Question, Reply
from kiosk.visit.state import FINAL_NOT_PAID, PayState, Visit
from kiosk.visit.transitions import Screen

POLL_EVERY = timedelta(seconds=2)
# A bill or penalty number: letters, digits and dashes, as printed on the notice.
REFERENCE = re.compile(r"^[A-Za-z0-9-]{6,32}$")


class PaymentServices(Protocol):
    """What paying needs of the kiosk (the flow's Services)."""

    def keep_payment(self, key: str, request: dict[str, Any]) -> None:
        """Durably keep a payment's key and request before the request is sent."""

    def payment_answer(self, key: str, payment: dict[str, Any] | None) -> str:
        """Record the central's Payment (None: refused for good); the state now kept."""

    def ask(self, question: Question, reply: Reply) -> None:
        """Ask the central off the flow's thread; `reply` comes on the flow's thread."""


@dataclass(frozen=True)
class PayContext:
    visit: Callable[[], Visit]
    now: Callable[[], datetime]
    services: PaymentServices
    # run a handler for an answer as the flow's ANSWER event on the pay screen
    answered: Callable[[Callable[[], Screen]], None]
    # go on with what was paid for: spool the submission, or ask for the document and print it
    paid: Callable[[], Screen]
    notice: Callable[[str], Screen]
    # where a citizen who gives up paying goes back to (the review, the form, the grid)
    back: Callable[[], Screen]


class PayStep:
    def __init__(self, context: PayContext) -> None:
        self._c = context

    def _pay(self) -> PayState:
        pay = self._c.visit().pay
        assert pay is not None
        return pay

    def begin(self, item: Item) -> Screen:
        """The fee of `item`: ask for its bill number first where it needs one; nothing
        when this visit has paid it already and still owes the citizen what it paid for."""
        assert item.fee is not None
        kept = self._c.visit().pay
        if kept is not None and kept.item_code == item.code and kept.owed:
            return self._c.paid()
        self._c.visit().pay = PayState(key=str(uuid.uuid4()), fee=item.fee,
                                       item_code=item.code)
        return Screen.PAY if item.fee.needs_reference else self.open()

    def set_reference(self, text: str) -> None:
        pay = self._c.visit().pay
        if pay is not None and not pay.opened:
            pay.reference = text.strip().upper()[:32]

    def scanned(self, code: str) -> None:
        """A bill's barcode read by the scanner: its number, shown in the field."""
        pay = self._c.visit().pay
        if pay is not None and not pay.opened:
            self.set_reference(code)
            pay.scans += 1

    def _request(self, pay: PayState) -> dict[str, Any]:
        person = self._c.visit().person
        assert person is not None
        request: dict[str, Any] = {"item_code": pay.item_code, "applicant": person.applicant(),
                                   "amount_fen": pay.fee.amount_fen}
        if pay.fee.needs_reference:
            request["reference"] = pay.reference
        return request

    def open(self) -> Screen:
        """Keep the payment durably, then ask the central to open it."""
        pay = self._pay()
        if pay.opened:
            return Screen.PAY
        if pay.fee.needs_reference and not REFERENCE.match(pay.reference):
            pay.problem = "pay_reference_bad"
            return Screen.PAY
        pay.problem = ""
        request = self._request(pay)
        try:
            self._c.services.keep_payment(pay.key, request)
        except Exception:
            return self._c.notice("spool_write_failed")
        pay.opened = True
        self._send(pay, lambda client: client.open_payment(pay.key, **request))
        return Screen.PAY

    def tick(self) -> bool:
        """Ask again when the time has come; True when a question went out."""
        pay = self._c.visit().pay
        if pay is None or not pay.unsettled or pay.asking is not None \
                or pay.next_ask is None or self._c.now() < pay.next_ask:
            return False
        self._send(pay, self._question(pay))
        return True

    def _question(self, pay: PayState) -> Question:
        if pay.payment is None:  # the open's answer was lost: the same key finds it again
            request = self._request(pay)
            opened: Question = lambda client: client.open_payment(pay.key, **request)  # noqa: E731
            return opened if not pay.cancelling else lambda client: client.cancel_payment(
                opened(client)["payment_id"])
        payment_id = pay.payment["payment_id"]
        if pay.cancelling:
            return lambda client: client.cancel_payment(payment_id)
        return lambda client: client.payment(payment_id)

    def cancel(self) -> Screen:
        """The citizen gives up: back to the review, once the central has cancelled."""
        pay = self._pay()
        if not pay.opened:
            self._c.visit().pay = None
            return self._c.back()
        pay.cancelling, pay.problem = True, ""
        self._send(pay, self._question(pay))
        return Screen.PAY

    def _send(self, pay: PayState, question: Question) -> None:
        token = object()
        pay.asking, pay.next_ask = token, None
        visit = self._c.visit()

        def reply(answer: Any, error: CentralError | None) -> None:
            if self._c.visit() is not visit or pay.asking is not token:
                return
            self._c.answered(lambda: self._heard(pay, answer, error))
        self._c.services.ask(question, reply)

    def _heard(self, pay: PayState, answer: Any, error: CentralError | None) -> Screen:
        pay.asking = None
        if isinstance(error, CentralRejected) and pay.payment is None:
            self._c.services.payment_answer(pay.key, None)  # can never be opened
            self._c.visit().pay = None
            return self._c.notice("pay_refused")
        if error is not None:
            pay.next_ask = self._c.now() + POLL_EVERY
            pay.problem = "pay_asking_again"
            return Screen.PAY
        kept = self._c.services.payment_answer(pay.key, answer)
        pay.payment, pay.problem = answer, ""
        if kept == "paid":
            pay.payment = {**answer, "status": "paid"}
            return self._c.paid()
        if pay.status in FINAL_NOT_PAID:
            return self._final(pay)
        pay.next_ask = self._c.now() + POLL_EVERY
        return Screen.PAY

    def _final(self, pay: PayState) -> Screen:
        """Cancelled, expired or failed: nothing was paid."""
        cancelled_by_citizen = pay.cancelling
        self._c.visit().pay = None
        if cancelled_by_citizen:
            return self._c.back()
        return self._c.notice(f"pay_{pay.status}")
