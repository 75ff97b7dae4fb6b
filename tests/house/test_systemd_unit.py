"""kiosk.service as systemd reads it: valid, of the kind the app's watchdog
expects, closed to every device the kiosk does not use, stopped rather than
restarted for ever when it cannot start, and as exposed as docs/OPERATIONS.md says."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "kiosk.service"

needs_systemd = pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                                   reason="tools/setup.sh installs systemd")


def _section(name: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(UNIT)
    return parser[name]


def _service() -> configparser.SectionProxy:
    return _section("Service")


def _all(key: str) -> list[str]:
    """Every value of a key systemd lets a unit repeat (configparser keeps the last)."""
    return [line.split("=", 1)[1].strip() for line in UNIT.read_text().splitlines()
            if line.startswith(f"{key}=")]


@needs_systemd
def test_systemd_accepts_the_unit(tmp_path) -> None:
    unit = tmp_path / "kiosk.service"
    shutil.copy(UNIT, unit)
    done = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def test_the_unit_restarts_a_silent_or_dead_kiosk() -> None:
    service = _service()
    assert service["Type"] == "notify"
    assert service["NotifyAccess"] == "all"  # the app is cage's child
    assert int(service["WatchdogSec"]) >= 10
    assert service["Restart"] == "always"
    assert service["User"] == "kiosk"
    assert service["StateDirectory"] == "kiosk"
    assert service["ProtectSystem"] == "strict"


@needs_systemd
def test_the_documented_exposure_is_the_one_systemd_gives(tmp_path) -> None:
    unit = tmp_path / "kiosk.service"
    shutil.copy(UNIT, unit)
    done = subprocess.run(["systemd-analyze", "security", "--offline=true", str(unit)],
                          capture_output=True, text=True, timeout=60)
    level = re.search(r"Overall exposure level for \S+: (\d+\.\d+) (\w+)", done.stdout)
    assert level, done.stdout[-500:] + done.stderr
    documented = (ROOT / "docs" / "OPERATIONS.md").read_text(encoding="utf-8")
    assert f"**{level[1]} {level[2]}**" in documented, (
        f"systemd-analyze now says {level[1]} {level[2]}; update docs/OPERATIONS.md")


def _device_classes(example: dict) -> set[str]:
    """What the example settings' devices are to the kernel: the device class (or node)
    each one opens."""
    needed = set()
    scanner = example["scanner"]["port"]
    if scanner.startswith("/dev/ttyACM"):
        needed.add("char-ttyACM")
    if example["printer"]["url"].startswith("usb://"):
        needed.add("char-usb_device")  # libusb's /dev/bus/usb
    return needed


def test_the_unit_opens_only_the_devices_the_kiosk_uses() -> None:
    assert _service()["DevicePolicy"] == "closed"
    allowed = {entry.split()[0]: entry.split()[1] for entry in _all("DeviceAllow")}
    example = tomllib.loads((ROOT / "config" / "kiosk.example.toml").read_text())
    wanted = _device_classes(example) | {
        _service()["TTYPath"],  # cage's console
        "char-drm",  # the GPU, for cage and the app's EGL
        "char-input",  # touch, when cage opens it without logind
        "char-ttyUSB", "char-ttyACM",  # the ID-card reader behind its udev name
        "char-alsa",  # speech in elderly mode
    }
    assert wanted <= set(allowed), wanted - set(allowed)
    assert all(mode in ("r", "rw") for mode in allowed.values())  # never mknod ("m")
    assert "char-*" not in allowed and "block-*" not in allowed


def test_a_kiosk_that_cannot_start_is_stopped_not_restarted_for_ever() -> None:
    unit, service = _section("Unit"), _service()
    interval, burst = int(unit["StartLimitIntervalSec"]), int(unit["StartLimitBurst"])
    assert 1 < burst <= 10
    # restarts RestartSec apart must reach the burst inside the interval, or they never stop
    assert burst * float(service["RestartSec"]) < interval
