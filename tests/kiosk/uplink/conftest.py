"""The reference central on loopback with an enrolled kiosk's settings."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.settings.model import Settings
from kiosk.uplink.credentials import load_credentials
from rig.campaign import settings_toml
from rig.demo import CentralProcess, enrolled_kiosk


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

    @property
    def device_id(self) -> str:
        credentials = load_credentials(self.settings.device.state_dir)
        assert credentials is not None
        return credentials.device_id


@pytest.fixture
def central(tmp_path: Path):
    process = CentralProcess(tmp_path / "central.sqlite3")
    url = process.start()
    try:
        settings, _credentials = enrolled_kiosk(
            tmp_path / "state", url, "TEST-0001",
            central={"url": url, "connect_timeout_s": 2.0, "read_timeout_s": 2.0})
        yield Central(process, settings)
    finally:
        process.stop()


@pytest.fixture
def kiosk_config(central: Central, tmp_path: Path) -> Callable[..., Path]:
    """Writes the site file `name`.toml of the enrolled kiosk, plus any `sections` given, and
    returns its path: a `kiosk` command run as a child finds its settings through
    KIOSK_CONFIG, as a kiosk finds /etc/kiosk/kiosk.toml."""

    def write(name: str = "kiosk", **sections: dict[str, Any]) -> Path:
        settings = central.settings
        wiring: dict[str, dict[str, Any]] = {
            "device": {"serial_number": settings.device.serial_number,
                       "ref_prefix": settings.device.ref_prefix,
                       "state_dir": str(settings.device.state_dir)},
            "central": {"url": settings.central.url,
                        "connect_timeout_s": settings.central.connect_timeout_s,
                        "read_timeout_s": settings.central.read_timeout_s},
        }
        for section, values in sections.items():
            wiring.setdefault(section, {}).update(values)
        path = tmp_path / f"{name}.toml"
        path.write_text(settings_toml(wiring), encoding="utf-8")
        return path

    return write


@pytest.fixture
def released() -> Iterator[threading.Event]:
    """Lets a hostile central's held answer (hostile_central.hold) go once the test has its
    outcome, or at its end."""
    event = threading.Event()
    yield event
    event.set()
