"""Whether the central is there for this kiosk: reachable, and still taking its token.

Three parts of the kiosk find out (the catalog refresh, the delivery of the
spool and the questions a visit asks), and the screen must change once when
the central goes or comes back, not once per part. A refused token is the
other way the central can be gone: then the kiosk goes out of service until a
technician provisions it again, and nothing in the spool is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kiosk.audit.log import AuditEvent, AuditLog
from kiosk.uplink.sync import SyncState

log = logging.getLogger(__name__)


class CentralPresence:
    """What the kiosk last saw of the central (any thread)."""

    def __init__(self, audit: AuditLog, *, on_change: Callable[[], None],
                 on_refused: Callable[[], None]) -> None:
        """`on_change` hears the central go or come back; `on_refused` that it no longer
        takes this kiosk's token."""
        self._audit = audit
        self._on_change = on_change
        self._on_refused = on_refused
        self.online = True
        self._sync_state = SyncState.IDLE

    def seen(self, reachable_now: bool) -> None:
        if reachable_now != self.online:
            self.online = reachable_now
            log.info("central: %s", "reachable" if reachable_now else "unreachable")
            self._on_change()

    def sync_state(self, state: SyncState) -> None:
        """Delivering then idle means the central answered every entry it was sent."""
        if state == SyncState.REPROVISION:
            self.refused()
        elif state == SyncState.CENTRAL_UNREACHABLE:
            self.seen(False)
        elif state == SyncState.IDLE and self._sync_state == SyncState.DELIVERING:
            self.seen(True)
        self._sync_state = state

    def refused(self) -> None:
        """The central refused this kiosk's token."""
        self._audit.try_record(AuditEvent.DEVICE_STATUS_CHANGED, device="kiosk",
                               state="out_of_service", detail="token refused by the central")
        log.error("the central refused this kiosk's token: out of service until re-provisioned "
                  "(kiosk provision); nothing in the spool is deleted")
        self._on_refused()
