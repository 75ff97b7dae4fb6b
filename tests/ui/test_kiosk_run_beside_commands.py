"""`kiosk run` itself, offscreen, owning the spool while a technician's commands run
beside it: they read it, and refuse to deliver or re-queue what the kiosk holds."""

from __future__ import annotations

import signal
import socket
import subprocess
from pathlib import Path

from rig.campaign import KIOSK, kiosk_env, run_kiosk, settings_toml
from ui.offscreen import platform_spec

EX_TEMPFAIL = 75


def test_commands_beside_the_running_kiosk(rig, tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(settings_toml(rig.settings.model_dump(mode="json")), encoding="utf-8")
    config.chmod(0o600)
    systemd = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    systemd.bind(str(tmp_path / "notify"))
    systemd.settimeout(60)
    env = {**kiosk_env(config), "QT_QPA_PLATFORM": platform_spec("portrait"),
           "NOTIFY_SOCKET": str(tmp_path / "notify")}
    kiosk = subprocess.Popen([str(KIOSK), "run"], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert systemd.recv(64) == b"READY=1"  # its window is drawn: its core owns the spool
        status = run_kiosk(config, "spool", "status")
        sync = run_kiosk(config, "sync", "--once")
        assert status.returncode == 0 and "pending" in status.stdout, status.stderr
        assert sync.returncode == EX_TEMPFAIL and "running kiosk owns the spool" in sync.stderr
        assert kiosk.poll() is None  # and the kiosk runs on
    finally:
        kiosk.send_signal(signal.SIGTERM)
        _out, errors = kiosk.communicate(timeout=60)
        systemd.close()
    assert kiosk.returncode == 0, errors[-2000:]
