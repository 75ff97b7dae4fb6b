"""kiosk.service as systemd reads it: valid, of the kind the app's watchdog
expects, and as exposed as docs/OPERATIONS.md says."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "kiosk.service"

needs_systemd = pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                                   reason="tools/setup.sh installs systemd")


def _service() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(UNIT)
    return parser["Service"]


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
