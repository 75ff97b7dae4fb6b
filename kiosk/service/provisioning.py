"""Bringing a kiosk into service: trade a technician's one-time code for a token,
then prove the kiosk works before walking away from it.

Re-provisioning gives the kiosk a new identity; what its spool still holds
was taken under the old one, so it is refused until those entries have been
delivered or exported (`kiosk spool export`), and the spool is never emptied
here. The CA bundle given at provisioning is copied into the state directory
and used from then on, so a later change of the system's trust store cannot
redirect the kiosk.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from drivers.printer import PrinterError
from kiosk import __version__
from kiosk.audit.log import AuditEvent, AuditLog, audit_path
from kiosk.catalog.items import CatalogError
from kiosk.catalog.store import CatalogStore
from kiosk.clock import local_now
from kiosk.printing.printer import open_printer, test_page
from kiosk.service.technician import clear_lockout
from kiosk.settings.model import Settings
from kiosk.uplink.client import CentralClient, CentralError
from kiosk.uplink.credentials import Credentials, load_credentials, save_credentials
from kiosk.uplink.documents import DocumentRefused, document_ca_names
from offline_queue import EntryState, Spool

log = logging.getLogger(__name__)

PINNED_CA = "central-ca.pem"
PUBLIC_STORE = "the public CA store, not a pinned CA"
UNDELIVERED = (EntryState.PENDING, EntryState.IN_FLIGHT, EntryState.DEAD)


class ProvisioningRefused(Exception):
    """Provisioning would strand what the spool holds; the message says what to run first."""


@dataclass
class Provisioned:
    credentials: Credentials
    catalog: str = ""
    checks: list[tuple[str, bool, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(passed for _name, passed, _detail in self.checks)


def pinned_ca(settings: Settings) -> str:
    """The CA bundle to trust: the one pinned at provisioning, else the configured one."""
    pinned = settings.device.state_dir / PINNED_CA
    return str(pinned) if pinned.exists() else settings.central.ca_bundle


def client_for(settings: Settings, token: str | None = None) -> CentralClient:
    return CentralClient(settings.central.url, token=token, ca_bundle=pinned_ca(settings),
                         connect_timeout=settings.central.connect_timeout_s,
                         read_timeout=settings.central.read_timeout_s,
                         deadline=settings.central.deadline_s)


def trusted(settings: Settings) -> str:
    """What the kiosk verifies the central against, as a technician and an auditor read it."""
    if not settings.central.url.startswith("https://"):
        return "plain http on loopback (nothing to verify)"
    if (settings.device.state_dir / PINNED_CA).exists():
        return f"the CA pinned at provisioning ({PINNED_CA})"
    if settings.central.ca_bundle:
        return f"the CA bundle of the settings ({settings.central.ca_bundle})"
    return PUBLIC_STORE


def enroll(settings: Settings, code: str, *, ca: Path | None = None) -> Credentials:
    """Enroll with the central named in the settings and store the credentials (0600).
    Without a CA to pin, the kiosk trusts the public CA store, and says so loudly: any
    CA of that store could then stand in for the central."""
    state = settings.device.state_dir
    state.mkdir(parents=True, exist_ok=True)
    if ca is not None:
        tmp = state / (PINNED_CA + ".tmp")
        shutil.copyfile(ca, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, state / PINNED_CA)
    trust = trusted(settings)
    if trust == PUBLIC_STORE:
        log.warning("provisioning without --ca: the central is verified against %s; pin "
                    "the province's CA with --ca FILE", PUBLIC_STORE)
    client = client_for(settings)
    try:
        enrollment = client.enroll(code=code, serial_number=settings.device.serial_number,
                                   model=settings.device.model, software_version=__version__)
    finally:
        client.close()
    credentials = save_credentials(state, enrollment)
    clear_lockout(state)
    with AuditLog(audit_path(state), local_now) as audit:
        audit.record(AuditEvent.PROVISIONED, device_id=credentials.device_id, trusts=trust)
    return credentials


def check_spool_handed_over(spool: Spool, exported: list[Path]) -> None:
    """Refuse while undelivered entries exist that no export file accounts for."""
    waiting = {entry.id for state in UNDELIVERED for entry in spool.list_entries(state)}
    for path in exported:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                waiting.discard(json.loads(line).get("id"))
    if waiting:
        raise ProvisioningRefused(
            f"the spool holds {len(waiting)} entries the central has not taken; deliver them "
            "(kiosk sync --once) or export them (kiosk spool export --state pending --out FILE, "
            "and --state dead) and pass each file with --exported FILE")


def provision(settings: Settings, code: str, *, spool: Spool, clock: Callable[[], datetime],
              ca: Path | None = None, exported: list[Path] | None = None) -> Provisioned:
    """Enroll, fetch the catalog, check the printer and print the provisioning slip."""
    if load_credentials(settings.device.state_dir) is not None:
        check_spool_handed_over(spool, exported or [])
    done = Provisioned(enroll(settings, code, ca=ca))
    done.checks.append(_document_ca(done.credentials, a4_fitted=bool(settings.a4_printer.queue)))
    client = client_for(settings, done.credentials.token)
    try:
        store = CatalogStore(settings.device.state_dir)
        store.refresh(client)
        done.catalog = store.current().version
        done.checks.append(("catalog", True, f"version {done.catalog}"))
    except (CentralError, CatalogError) as exc:
        done.checks.append(("catalog", False, str(exc)))
    finally:
        client.close()
    done.checks.append(_print_slip(settings, done.credentials, clock))
    return done


def _document_ca(credentials: Credentials, *, a4_fitted: bool) -> tuple[str, bool, str]:
    """Whether the enrollment brought the CA that signs A4 documents: without it the kiosk
    offers none, which is a fault only where an A4 printer is fitted."""
    if not credentials.document_ca_pem:
        where = "; an A4 printer is fitted and will stay unused" if a4_fitted else ""
        return ("document CA", not a4_fitted,
                f"none came with the enrollment: A4 documents are not offered{where}")
    try:
        names = document_ca_names(credentials.document_ca_pem)
    except DocumentRefused as exc:
        return ("document CA", not a4_fitted, f"unusable ({exc.detail}): A4 documents are "
                                              "not offered")
    return ("document CA", True, "A4 documents verified against " + "; ".join(names))


def _print_slip(settings: Settings, credentials: Credentials,
                clock: Callable[[], datetime]) -> tuple[str, bool, str]:
    """The slip a technician leaves in the kiosk: device id, site, time, printer settings."""
    try:
        with open_printer(settings) as printer:
            printer.print(test_page(settings, credentials, printer, clock()))
    except PrinterError as exc:
        return ("provisioning slip", False, f"not printed: {exc}")
    return ("provisioning slip", True, "printed")
