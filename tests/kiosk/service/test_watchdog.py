"""The systemd notifications, received on a real datagram socket as systemd
would: ready, pings only while healthy and only when due, stopping."""

from __future__ import annotations

import os
import socket

import pytest

from kiosk.service.watchdog import SystemdNotifier


@pytest.fixture
def systemd(tmp_path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(5)
    yield sock
    sock.close()


def messages(sock: socket.socket) -> list[str]:
    sock.setblocking(False)
    found = []
    try:
        while True:
            found.append(sock.recv(256).decode())
    except BlockingIOError:
        return found
    finally:
        sock.setblocking(True)


def test_ready_pings_when_due_and_healthy_then_stopping(systemd, tmp_path) -> None:
    now = [100.0]
    env = {"NOTIFY_SOCKET": str(tmp_path / "notify"), "WATCHDOG_USEC": "30000000",
           "WATCHDOG_PID": str(os.getpid())}
    notifier = SystemdNotifier(env, clock=lambda: now[0])
    assert notifier.ping_every_s == 15
    notifier.ready()
    notifier.alive(True)
    now[0] += 5
    notifier.alive(True)  # not due yet
    now[0] += 11
    notifier.alive(False)  # due, but a worker is dead: no ping, systemd will restart
    notifier.alive(True)
    notifier.stopping()
    assert messages(systemd) == ["READY=1", "WATCHDOG=1", "WATCHDOG=1", "STOPPING=1"]


def test_outside_systemd_nothing_is_sent() -> None:
    notifier = SystemdNotifier({})
    assert not notifier.enabled and notifier.ping_every_s is None
    notifier.ready()
    notifier.alive(True)


def test_a_watchdog_meant_for_another_process_is_not_ours(tmp_path) -> None:
    env = {"NOTIFY_SOCKET": str(tmp_path / "n"), "WATCHDOG_USEC": "30000000",
           "WATCHDOG_PID": "1"}
    assert SystemdNotifier(env).ping_every_s is None
