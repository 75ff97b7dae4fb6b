"""Where the devices' events go: a card or a code to the technician's test if one waits
for it, else to the visit; every change of a device's state to the audit log.

The devices report on their own threads; whatever touches the visit is posted
to the GUI thread. A card's name is added to the log masking at once, on the
reader's thread, before any log line could carry it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from drivers.idcard import CardRead, IdentityDocument, StatusChanged
from drivers.scanner import CodeScanned, ScannerEvent
from drivers.status import DeviceStatus
from kiosk.audit.log import AuditEvent, AuditLog
from kiosk.audit.masking import VISIT_NAMES
from kiosk.service.desk import ServiceDesk
from kiosk.uplink.online import Post
from kiosk.visit.flow import VisitFlow
from kiosk.visit.identify import person_from_id_card
from kiosk.visit.person import Person

log = logging.getLogger(__name__)


class DeviceEvents:
    """A `DeviceListener`: routes each device's events (device threads)."""

    def __init__(self, audit: AuditLog, *, post: Post, clock: Callable[[], datetime]) -> None:
        self._audit = audit
        self._post = post
        self._clock = clock
        self._flow: VisitFlow | None = None
        self._desk: ServiceDesk | None = None

    def connect(self, flow: VisitFlow, desk: ServiceDesk) -> None:
        """Where cards and codes go; the devices are opened before the flow that needs
        them exists, and start only after this."""
        self._flow, self._desk = flow, desk

    @property
    def flow(self) -> VisitFlow:
        assert self._flow is not None, "devices started before DeviceEvents.connect"
        return self._flow

    @property
    def desk(self) -> ServiceDesk:
        assert self._desk is not None, "devices started before DeviceEvents.connect"
        return self._desk

    def on_idcard(self, event: Any) -> None:
        if isinstance(event, CardRead):
            person = person_from_id_card(event.document, self._clock().date())
            VISIT_NAMES.add(event.document.name)  # masked in any log line from now on
            self._post(lambda: self._card_read(person, event.document))
        elif isinstance(event, StatusChanged):
            self._device_changed("id_card_reader", event.status)
            self._post(self.flow.status_changed)
        else:  # a card being read, or given up on: the flow tells the citizen
            self._post(lambda: self.flow.card_progress(event))

    def _card_read(self, person: Person, document: IdentityDocument) -> None:
        if not self.desk.took_card(document):
            self.flow.card_read(person)

    def on_printer_status(self, status: DeviceStatus) -> None:
        log.info("printer: %s %s", status.state.value, status.detail)
        self._device_changed("receipt_printer", status)
        self._post(self.flow.status_changed)

    def on_a4_status(self, status: DeviceStatus) -> None:
        log.info("A4 printer: %s %s", status.state.value, status.detail)
        self._device_changed("a4_printer", status)
        self._post(self.flow.status_changed)

    def on_scanner(self, event: ScannerEvent) -> None:
        if isinstance(event, CodeScanned):
            self._post(lambda: self._code_scanned(event.text))
        else:
            log.info("scanner: %s %s", event.status.state.value, event.status.detail)
            self._device_changed("scanner", event.status)

    def _code_scanned(self, text: str) -> None:
        if not self.desk.took_code(text):
            self.flow.code_scanned(text)

    def on_badge_reader(self, event: Any) -> None:
        """Badges go to the flow, which takes them on the PIN pad only; a citizen's card
        laid on this reader (a social security card too) is nobody's business here."""
        from drivers.smartcard import BadgeRead
        from drivers.smartcard import StatusChanged as ReaderStatusChanged

        if isinstance(event, BadgeRead):
            self._post(lambda: self.flow.badge_read(event.uid))
        elif isinstance(event, ReaderStatusChanged):
            log.info("badge reader: %s %s", event.status.state.value, event.status.detail)
            self._device_changed("badge_reader", event.status)

    def _device_changed(self, device: str, status: DeviceStatus) -> None:
        self._audit.try_record(AuditEvent.DEVICE_STATUS_CHANGED, device=device,
                               state=status.state.value, detail=status.detail)
