"""The watchdog's health check covers every worker: one that stops is a restart by
systemd, not a kiosk that quietly stops delivering, refreshing or printing."""

from __future__ import annotations

import pytest
from flow_services import eventually
from turned_core import TurnedCore

WORKERS = ("sync", "heartbeat", "catalog_keeper", "prints", "between_visits")


@pytest.mark.parametrize("worker", WORKERS)
def test_a_stopped_worker_makes_the_kiosk_unhealthy(rig, clock, worker: str) -> None:
    core = TurnedCore(rig.settings, clock).core
    try:
        assert core.healthy()
        getattr(core, worker).stop()
        eventually(lambda: not getattr(core, worker).alive)
        assert not core.healthy()
    finally:
        core.stop()
