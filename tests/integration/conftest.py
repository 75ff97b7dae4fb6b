"""The reference central on loopback with an enrolled kiosk's settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.demo_rig import DEMO_ENROLLMENT_CODE, CentralProcess
from kiosk.provisioning import enroll
from kiosk.settings import Settings, load_settings


@dataclass
class Central:
    process: CentralProcess
    settings: Settings

    def admin(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        reply = requests.request(method, self.process.admin_url + path, timeout=5, **kwargs)
        reply.raise_for_status()
        return reply

    def fault(self, **spec: Any) -> None:
        self.admin("POST", "/faults", json=spec)

    def counters(self) -> dict[str, Any]:
        return self.admin("GET", "/counters").json()


@pytest.fixture
def central(tmp_path: Path):
    process = CentralProcess(tmp_path / "central.sqlite3")
    url = process.start()
    try:
        settings = load_settings(overrides={
            "device": {"serial_number": "TEST-0001", "ref_prefix": "K0107",
                       "state_dir": str(tmp_path / "state")},
            "central": {"url": url, "connect_timeout_s": 2.0, "read_timeout_s": 2.0},
        })
        enroll(settings, DEMO_ENROLLMENT_CODE)
        yield Central(process, settings)
    finally:
        process.stop()
