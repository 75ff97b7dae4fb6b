"""The parts of one running central, wired together once and shared by every route.

Kept apart from the routes so tests and the CLI can build the same parts
(on a given database file and clock) without starting HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from central.appointments import Appointments
from central.casebook import Casebook
from central.catalog import CatalogBook
from central.clock import Clock
from central.db import Database
from central.devices import Device, DeviceRegistry
from central.document_certs import document_certs_in
from central.document_signing import DocumentSigner
from central.documents import Records
from central.faults import FaultPlan
from central.identity import Challenges
from central.intake import Intake
from central.renditions import Renditions


class NotSeededError(Exception):
    """The database has no site or catalog yet: run `python -m central seed` or pass --seed."""


@dataclass(frozen=True)
class ServerSettings:
    case_step_seconds: float = 120.0
    heartbeat_interval_s: int = 60


@dataclass
class Services:
    db: Database
    clock: Clock
    settings: ServerSettings
    site: dict[str, Any]
    catalog: CatalogBook
    devices: DeviceRegistry
    casebook: Casebook
    intake: Intake
    records: Records
    appointments: Appointments
    faults: FaultPlan
    challenges: Challenges

    def close(self) -> None:
        self.db.close()


def build_services(db_path: Path | str, clock: Clock, settings: ServerSettings,
                   document_certs: Path | None = None) -> Services:
    """Open the database and wire the parts; the database must have been seeded. A4
    documents are signed with the key in `document_certs` (`make-certs` writes it beside
    the TLS files); without one, with a key made once beside the database."""
    db = Database(db_path)
    site, catalog = db.get_setting("site"), db.get_setting("catalog")
    if site is None or catalog is None:
        db.close()
        raise NotSeededError(f"{db_path} holds no site or catalog; seed it first")
    book = CatalogBook(catalog)
    signer = DocumentSigner(document_certs_in(
        document_certs or Path(db_path).resolve().parent / "document-certs"))
    casebook = Casebook(db, book, site["region_code"], settings.case_step_seconds)
    return Services(
        db=db, clock=clock, settings=settings, site=site, catalog=book,
        devices=DeviceRegistry(db), casebook=casebook,
        intake=Intake(book, casebook, clock, db),
        records=Records(db, book, clock, Renditions(db, signer)),
        appointments=Appointments(db, book, clock, db.get_setting("appointment_plans") or {}),
        faults=FaultPlan(), challenges=Challenges(db),
    )


def services_of(request: Request) -> Services:
    return request.app.state.central


_bearer = HTTPBearer(auto_error=False, description="The device token received at enrollment.")


def current_device(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Device:
    """The kiosk making the request; a 401 problem when its token is missing, unknown or revoked."""
    token = credentials.credentials if credentials else None
    return services_of(request).devices.authenticate(token)
