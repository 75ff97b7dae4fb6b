"""What must wait until no visit is in progress: the central's commands, the nightly
upkeep, forgetting a device test the technician left behind, and asking again after the
fees a visit left unsettled.

It runs after every change of the visit flow, and now and then from a timer,
since at 03:30 an idle kiosk has no other reason to look at the clock.
"""

from __future__ import annotations

import threading

from kiosk.service.desk import ServiceDesk
from kiosk.service.maintenance import NightlyMaintenance
from kiosk.service.payments import LeftoverPayments
from kiosk.uplink.commands import CommandRunner
from kiosk.uplink.online import Post
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.worker import Worker

# How often (seconds) the kiosk asks itself whether the nightly upkeep is due; a visit's
# end asks as well.
MAINTENANCE_POLL_S = 60.0


def idle(flow: VisitFlow) -> bool:
    """No visit in progress and no technician at the screen: the attract screen is up."""
    return flow.screen == Screen.ATTRACT


class BetweenVisits:
    """Listens to the flow (GUI thread); its timer thread posts to the GUI thread."""

    def __init__(self, flow: VisitFlow, desk: ServiceDesk, commands: CommandRunner,
                 upkeep: NightlyMaintenance, *, post: Post,
                 payments: LeftoverPayments | None = None) -> None:
        self._flow = flow
        self._payments = payments
        self._desk = desk
        self._commands = commands
        self._upkeep = upkeep
        self._post = post
        self._stopping = threading.Event()
        self._worker = Worker(self._keep_asking, "maintenance")
        flow.subscribe(self.run)

    def run(self) -> None:
        if self._flow.screen != Screen.TECHNICIAN:
            self._desk.tests.reset()
        self._commands.run()
        self._upkeep.run_if_due(idle=idle(self._flow))
        if self._payments is not None and idle(self._flow):
            self._payments.retry_if_due(self._flow.now())

    def start(self) -> None:
        self._worker.start()

    @property
    def alive(self) -> bool:
        return self._worker.alive

    def stop(self) -> None:
        self._stopping.set()

    def _keep_asking(self) -> None:
        while not self._stopping.wait(MAINTENANCE_POLL_S):
            self._post(self.run)
