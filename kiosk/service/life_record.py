"""The audit log's record of the app's life: each start, with its version and the
settings changed since the last start, and each stop.

An auditor reads a kiosk's history from the audit log alone; a gap between a
stop and the next start, or a start with no stop before it, is itself worth
seeing, and so is a changed central or PIN (by key name only, see
kiosk.settings.changes).
"""

from __future__ import annotations

import logging

from kiosk import __version__
from kiosk.audit.log import AuditEvent, AuditLog
from kiosk.settings.changes import changed_keys
from kiosk.settings.model import Settings

log = logging.getLogger(__name__)


def record_start(audit: AuditLog, settings: Settings, device_id: str) -> None:
    audit.try_record(AuditEvent.APP_STARTED, version=__version__, device_id=device_id)
    try:
        changed = changed_keys(settings, settings.device.state_dir)
    except OSError as exc:
        log.error("settings: changes since the last start not known: %s", exc)
        return
    if changed:
        log.info("settings changed since the last start: %s", ", ".join(changed))
        audit.try_record(AuditEvent.CONFIG_CHANGED, keys=",".join(changed), count=len(changed))


def record_stop(audit: AuditLog) -> None:
    audit.try_record(AuditEvent.APP_STOPPED)
