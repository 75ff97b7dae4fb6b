"""Telling systemd the kiosk is up, still alive, and stopping.

A kiosk that hangs at night with its screen frozen is worse than one that
restarts: under `Type=notify` with `WatchdogSec`, systemd restarts the app
when the pings stop. The pings come from the GUI thread's timer and only
while the core says its workers are alive, so a stuck event loop and a dead
delivery thread both end in a restart. The protocol is one datagram per
message to the socket named in NOTIFY_SOCKET; outside systemd it does nothing.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class SystemdNotifier:
    def __init__(self, environ: dict[str, str] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET", "")
        # an abstract socket is written with a leading "@", sent with a leading NUL
        self._address = "\0" + address[1:] if address.startswith("@") else address
        self._clock = clock
        self._last_ping: float | None = None
        self.ping_every_s = _ping_interval(env)

    @property
    def enabled(self) -> bool:
        return bool(self._address)

    def notify(self, message: str) -> None:
        if not self._address:
            return
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.sendto(message.encode(), self._address)
        except OSError as exc:
            log.warning("systemd notify %r failed: %s", message, exc)

    def ready(self) -> None:
        self.notify("READY=1")

    def stopping(self) -> None:
        self.notify("STOPPING=1")

    def alive(self, healthy: bool) -> None:
        """Called every tick of the GUI thread: ping when due, and only when healthy."""
        if self.ping_every_s is None or not healthy:
            return
        now = self._clock()
        if self._last_ping is None or now - self._last_ping >= self.ping_every_s:
            self._last_ping = now
            self.notify("WATCHDOG=1")


def _ping_interval(env: dict[str, str] | os._Environ[str]) -> float | None:
    """Half the watchdog timeout systemd set for this process, or None without one."""
    usec = env.get("WATCHDOG_USEC", "")
    pid = env.get("WATCHDOG_PID", "")
    if not usec.isdigit() or (pid and pid != str(os.getpid())):
        return None
    return int(usec) / 2_000_000
