"""The reference central's fixtures for the tests of central/: seeded centrals on
127.0.0.1, shared per module, and an enrolled kiosk; what they make is in central_parts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from central_parts import MONDAY_10AM, Central, Kiosk, StartCentral

from central.clock import ManualClock
from central.seed import seed
from central.server import ServerThread, TlsFiles
from central.services import ServerSettings, build_services


@pytest.fixture(scope="module")
def start_central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StartCentral]:
    """Start seeded centrals for this module; all are stopped when the module ends."""
    running: list[tuple[ServerThread, Central]] = []

    def start(step_seconds: float = 120.0, tls: TlsFiles | None = None,
              db: Path | None = None) -> Central:
        clock = ManualClock(MONDAY_10AM)
        db_path = db or tmp_path_factory.mktemp("central") / "central.sqlite3"
        seed(db_path, clock.now())
        services = build_services(db_path, clock, ServerSettings(case_step_seconds=step_seconds))
        thread = ServerThread(services, tls=tls).__enter__()
        central = Central(thread.url, clock, services)
        running.append((thread, central))
        return central

    yield start
    for thread, central in running:
        for kiosk in central.kiosks:
            kiosk.session.close()
        thread.stop()
        central.services.close()


@pytest.fixture(scope="module")
def central(start_central: StartCentral) -> Central:
    return start_central()


@pytest.fixture
def kiosk(central: Central) -> Iterator[Kiosk]:
    """A freshly enrolled kiosk on the module's central, with no fault armed."""
    yield central.enroll()
    central.admin("DELETE", "/faults")
