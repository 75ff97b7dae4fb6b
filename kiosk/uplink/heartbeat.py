"""The kiosk's pulse to the central, and the central's orders back.

Two technicians look after hundreds of kiosks from a screen at the central;
what they see there is what each kiosk last reported. The heartbeat also
carries remote commands back: a command arrives on every beat until it is
acknowledged, so it is handed to the kiosk once (by id), and acknowledged
only after the kiosk has carried it out, in the beat after that.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.uplink.client import CentralClient, CentralError, CentralUnauthorized
from kiosk.worker import Worker

log = logging.getLogger(__name__)

# The central may ask for a slower or faster pulse, within reason.
MIN_INTERVAL_S, MAX_INTERVAL_S = 10, 3600


class CommandType(StrEnum):
    REFRESH_CATALOG = "refresh_catalog"
    OUT_OF_SERVICE = "out_of_service"
    IN_SERVICE = "in_service"
    RESTART_APP = "restart_app"
    PRINT_TEST_PAGE = "print_test_page"
    UPLOAD_DIAGNOSTICS = "upload_diagnostics"


@dataclass(frozen=True)
class Command:
    id: str
    type: CommandType
    args: dict[str, Any] = field(default_factory=dict)


def parse_commands(body: Any) -> list[Command]:
    """The commands of a heartbeat reply; an unknown or malformed one is logged and skipped,
    so one bad command cannot block the others."""
    found = []
    for raw in (body or {}).get("commands", []) if isinstance(body, dict) else []:
        try:
            found.append(Command(id=str(raw["id"]), type=CommandType(raw["type"]),
                                 args=dict(raw.get("args") or {})))
        except (KeyError, TypeError, ValueError):
            log.warning("heartbeat: ignoring a command the kiosk does not understand: %r", raw)
    return found


class Heartbeat:
    """Sends `report()` every interval from its own thread; new commands go to `on_commands`."""

    def __init__(self, client: CentralClient, report: Callable[[], dict[str, Any]],
                 on_commands: Callable[[list[Command]], None], *, interval_s: float,
                 on_unauthorized: Callable[[], None] | None = None) -> None:
        self._client = client
        self._report = report
        self._on_commands = on_commands
        self._on_unauthorized = on_unauthorized
        self.interval_s = interval_s
        self._lock = threading.Lock()
        self._done: list[str] = []  # carried out, to acknowledge in the next beat
        self._after_ack: dict[str, Callable[[], None]] = {}
        self._seen: set[str] = set()  # handed over already; not again while unacknowledged
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._worker = Worker(self._run, "heartbeat")

    def done(self, command_id: str, then: Callable[[], None] | None = None) -> None:
        """The kiosk carried out `command_id`; say so in the next beat, which comes now.

        `then` runs once the central has the acknowledgement: a restart must not come
        before it, or the restarted kiosk would be told to restart again."""
        with self._lock:
            self._done.append(command_id)
            if then is not None:
                self._after_ack[command_id] = then
        self.beat_now()

    def beat_now(self) -> None:
        """Send the next heartbeat without waiting out the interval."""
        self._wake.set()

    def beat_once(self) -> bool:
        """Send one heartbeat; True when the central answered."""
        with self._lock:
            acked = list(self._done)
        report = {**self._report(), "acked_command_ids": acked}
        try:
            reply = self._client.heartbeat(report)
        except CentralUnauthorized:
            log.error("heartbeat: the central no longer knows this kiosk's token")
            if self._on_unauthorized is not None:
                self._on_unauthorized()
            return False
        except CentralError as exc:
            log.warning("heartbeat: not delivered (%s)", exc)
            return False
        with self._lock:
            self._done = [c for c in self._done if c not in acked]
            self._seen -= set(acked)
            follow_ups = [self._after_ack.pop(c) for c in acked if c in self._after_ack]
        for follow_up in follow_ups:
            follow_up()
        wanted = reply.get("heartbeat_interval_s") if isinstance(reply, dict) else None
        if isinstance(wanted, int):
            self.interval_s = min(MAX_INTERVAL_S, max(MIN_INTERVAL_S, wanted))
        with self._lock:
            fresh = [c for c in parse_commands(reply) if c.id not in self._seen]
            self._seen |= {c.id for c in fresh}
        if fresh:
            log.info("heartbeat: commands received: %s",
                     ", ".join(f"{c.type.value} ({c.id})" for c in fresh))
            self._on_commands(fresh)
        return True

    @property
    def alive(self) -> bool:
        return self._worker.alive

    def start(self) -> None:
        self._worker.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.beat_once()
            except Exception:  # the pulse must outlive a bug in one report
                log.exception("heartbeat: report failed")
            self._wake.wait(self.interval_s)
            self._wake.clear()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        self._worker.join(timeout)
