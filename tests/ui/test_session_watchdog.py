"""The running app tells systemd it is ready and pings from its event loop,
and stops pinging when a worker it cannot do without has died."""

from __future__ import annotations

import os
import socket

import pytest

from ui.app import KioskSession


def test_the_session_pings_while_healthy(qtbot, rig, clock, tmp_path, monkeypatch) -> None:
    address = str(tmp_path / "notify")
    systemd = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    systemd.bind(address)
    systemd.settimeout(10)
    monkeypatch.setenv("NOTIFY_SOCKET", address)
    monkeypatch.setenv("WATCHDOG_USEC", "1000")  # a ping on every tick
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    session = KioskSession(rig.settings, clock)
    qtbot.addWidget(session.window)
    try:
        systemd.setblocking(False)
        with pytest.raises(BlockingIOError):  # not before the event loop has turned
            systemd.recv(64)
        systemd.setblocking(True)
        qtbot.wait(1)  # one turn of the loop
        assert systemd.recv(64) == b"READY=1"
        session.window.timer.timeout.emit()  # one turn of the window's tick
        assert systemd.recv(64) == b"WATCHDOG=1"
        session.core.sync.stop()  # the delivery worker is gone
        session.window.timer.timeout.emit()
        systemd.setblocking(False)
        with pytest.raises(BlockingIOError):  # nothing sent: systemd will restart the kiosk
            systemd.recv(64)
    finally:
        session.stop()
        systemd.setblocking(True)
        assert systemd.recv(64) == b"STOPPING=1"
        systemd.close()
