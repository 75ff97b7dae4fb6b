"""The reference central on loopback with this kiosk enrolled, and a flow over real
services talking to it, for the tests of fees paid at the kiosk."""

from __future__ import annotations

import pytest
from central_time import central_now
from flow_services import enrolled_central
from pay_helpers import admin, services_for

from kiosk.catalog.items import load_bundled_catalog
from kiosk.visit.flow import VisitFlow
from rig.demo import CentralProcess


class Central:
    def __init__(self, process: CentralProcess, token: str, device_id: str,
                 document_ca_pem: str | None) -> None:
        self.url, self.token, self.device_id = process.url, token, device_id
        self.admin_url = process.admin_url
        self.document_ca_pem = document_ca_pem  # what the kiosk verifies A4 documents by

    def admin(self, method: str, path: str, **kwargs):
        return admin(self.admin_url, method, path, **kwargs)

    def payments(self) -> dict[str, int]:
        return self.admin("GET", "/counters").json()["payments"]


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    with enrolled_central(tmp_path_factory.mktemp("central"), "TEST-PAY") as (process,
                                                                            credentials):
        yield Central(process, credentials.token, credentials.device_id,
                      credentials.document_ca_pem)


@pytest.fixture(autouse=True)
def no_faults(central):
    yield
    central.admin("DELETE", "/faults")


@pytest.fixture
def services(spool, central):
    made = services_for(spool, central.url, central.token, central.device_id)
    yield made
    made.online.stop()
    made.client.close()


@pytest.fixture
def flow(services, ui_settings, clock, central) -> VisitFlow:
    clock.now = central_now(central.admin_url)
    return VisitFlow(load_bundled_catalog, services, ui_settings, clock=clock)
