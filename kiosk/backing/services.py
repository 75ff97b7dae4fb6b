"""The services a visit asks of the kiosk (VisitFlow's `Services`).

A visit must not know where a submission is kept, how the central is asked or
which printer prints; it asks here, on the GUI thread, and the slow parts
(delivery, the central's answers, printing) report back on that thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drivers.printer import PrintDocument
from kiosk.audit.log import AuditEvent, AuditLog
from kiosk.devices.fitted import Devices
from kiosk.printing.a4 import A4Jobs, A4Outcome
from kiosk.printing.queue import PrintQueue
from kiosk.service.payments import LeftoverPayments
from kiosk.uplink.documents import VerifiedDocument
from kiosk.uplink.online import OnlineCalls, Question, Reply
from kiosk.uplink.presence import CentralPresence
from kiosk.uplink.sync import SyncWorker
from kiosk.visit.availability import KioskStatus
from offline_queue import Spool, SpoolSummary


class VisitServices:
    """The kiosk as a visit sees it (GUI thread)."""

    def __init__(self, *, device_id: str, site_name: dict[str, str] | str, spool: Spool,
                 sync: SyncWorker, online: OnlineCalls, prints: PrintQueue,
                 central: CentralPresence, devices: Devices, audit: AuditLog, a4: A4Jobs,
                 document_ca_pem: str | None, leftovers: LeftoverPayments) -> None:
        self.device_id = device_id
        self.site_name = site_name
        self.document_ca_pem = document_ca_pem
        self._a4 = a4
        self._spool = spool
        self._sync = sync
        self._online = online
        self._prints = prints
        self._central = central
        self._devices = devices
        self._audit = audit
        self._leftovers = leftovers

    def status(self) -> KioskStatus:
        verdict = self._spool.gate()
        return KioskStatus(central_online=self._central.online,
                           id_reader=self._devices.reader.status.usable,
                           printer=self._devices.printer.usable,
                           gate_reason=None if verdict.open else f"gate_{verdict.reason}",
                           a4_reason=self._a4_reason())

    def _a4_reason(self) -> str | None:
        """Why A4 documents cannot be printed now: a kiosk enrolled before documents were
        signed cannot verify one, and an A4 printer may be missing or not ready."""
        if not self.document_ca_pem:
            return "a4_no_document_ca"
        return self._a4.output.not_ready()

    def spool_submission(self, payload: dict[str, Any], *, item_code: str,
                         applicant_id: str | None, **payment_key: str) -> Any:
        entry = self._spool.put(payload, item_code=item_code, applicant_id=applicant_id,
                                **payment_key)
        self._audit.try_record(AuditEvent.SUBMISSION_SPOOLED, local_ref=entry.local_ref,
                               item_code=item_code)
        self._sync.notify()
        return entry

    def keep_payment(self, key: str, request: dict[str, Any]) -> None:
        self._spool.keep_payment(key, request)

    def payment_answer(self, key: str, payment: dict[str, Any] | None) -> str:
        return self._spool.payment_answer(key, payment)

    def payment_delivered(self, key: str, document_no: str) -> None:
        self._spool.payment_delivered(key, document_no)

    def payment_left(self, key: str) -> None:
        self._leftovers.left(key)

    def local_cases(self, applicant_id: str) -> list[SpoolSummary]:
        return self._spool.find_by_applicant(applicant_id)

    def local_case(self, local_ref: str, lookup_token: str) -> SpoolSummary | None:
        return self._spool.find_by_local_ref(local_ref, lookup_token)

    def ask(self, question: Question, reply: Reply) -> None:
        self._online.ask(question, reply)

    def print(self, doc: PrintDocument, done: Callable[[bool, str], None]) -> None:
        self._prints.submit(doc, done)

    def print_a4(self, document: VerifiedDocument, done: Callable[[A4Outcome], None]) -> None:
        self._a4.submit(document, done)
