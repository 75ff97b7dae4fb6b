"""Carries out the central's commands, and only between visits.

A command can take the kiosk out of service or restart it; a citizen halfway
through a form must not lose it to an order from afar, so commands wait for
the attract screen. They arrive on the heartbeat's thread and are carried out
on the GUI thread, where the visit is; each is acknowledged in the next beat.
What a command does to the kiosk is handed in, since the visit, the printer
and the catalog all sit above the uplink.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.audit.log import AuditEvent, AuditLog
from kiosk.uplink.heartbeat import Command, CommandType, Heartbeat
from kiosk.uplink.online import Post

log = logging.getLogger(__name__)


# Commands carried out that the kiosk remembers, for the technician's screen.
COMMANDS_REMEMBERED = 20


@dataclass(frozen=True)
class Orders:
    """What the central's commands do to the kiosk (GUI thread)."""

    idle: Callable[[], bool]  # no visit in progress: the attract screen is up
    refresh_catalog: Callable[[], None]
    # a message code (None: in service again), and the command's `until` as it came
    set_out_of_service: Callable[[str | None, object], None]
    print_test_page: Callable[[str], None]
    restart: Callable[[], Callable[[], None] | None]  # how the app restarts, if it can


class CommandRunner:
    """Queues the heartbeat's commands and carries them out when the kiosk is idle."""

    def __init__(self, heartbeat: Heartbeat, orders: Orders, *, post: Post,
                 audit: AuditLog) -> None:
        self._heartbeat = heartbeat
        self._orders = orders
        self._post = post
        self._audit = audit
        self._waiting: deque[Command] = deque()
        self.done: deque[Command] = deque(maxlen=COMMANDS_REMEMBERED)

    @property
    def waiting(self) -> int:
        """Commands received and not yet carried out (they wait for the visit to end)."""
        return len(self._waiting)

    def received(self, commands: list[Command]) -> None:
        """The heartbeat's `on_commands` (heartbeat thread)."""
        self._post(lambda: self._queue(commands))

    def _queue(self, commands: list[Command]) -> None:
        self._waiting.extend(commands)
        self.run()

    def run(self) -> None:
        """Carry out the central's commands, only between visits (GUI thread)."""
        while self._waiting and self._orders.idle():
            command = self._waiting.popleft()
            log.info("command %s (%s): carrying out", command.type.value, command.id)
            then = self._execute(command)
            self.done.append(command)
            self._heartbeat.done(command.id, then)
            self._audit.try_record(AuditEvent.COMMAND_EXECUTED, command=command.type.value,
                                   id=command.id)

    def _execute(self, command: Command) -> Callable[[], None] | None:
        """Do `command`; returns what must wait until the central has its acknowledgement."""
        orders = self._orders
        match command.type:
            case CommandType.REFRESH_CATALOG:
                orders.refresh_catalog()
            case CommandType.OUT_OF_SERVICE:
                log.warning("out of service by the central's command: %s",
                            command.args.get("reason", "no reason given"))
                orders.set_out_of_service("out_of_service", command.args.get("until"))
            case CommandType.IN_SERVICE:
                orders.set_out_of_service(None, None)
            case CommandType.PRINT_TEST_PAGE:
                orders.print_test_page("command print_test_page")
            case CommandType.RESTART_APP:
                restart = orders.restart()
                return None if restart is None else lambda: self._post(restart)
            case CommandType.UPLOAD_DIAGNOSTICS:
                log.warning("command upload_diagnostics: the central contract has no endpoint "
                            "to upload to; diagnostics stay in this kiosk's journal")
        return None
