"""What the central's screen shows of this kiosk: the heartbeat's report.

Two technicians look after hundreds of kiosks from that screen, so the report
says what they would come out for: a device not working, a spool that does not
drain or is damaged, a kiosk out of service, an old catalog, a full disk. It
is built on the heartbeat's thread from what the other parts already know.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from drivers.status import DeviceState, DeviceStatus
from kiosk import __version__
from kiosk.devices.fitted import Devices
from offline_queue import Spool


class Visits(Protocol):
    """The visit flow, as far as the central's screen cares."""

    visits_started: int
    out_of_service: str | None


class Upkeep(Protocol):
    """The nightly upkeep, as far as the central's screen cares."""

    running: bool

    @property
    def spool_problem(self) -> str | None: ...


def peripheral(name: str, kind: str, status: DeviceStatus) -> dict[str, str]:
    """One device as the central's contract names it."""
    entry = {"name": name, "kind": kind, "status": status.state.value}
    if status.detail:
        entry["detail"] = status.detail
    return entry


def peripherals(devices: Devices, spool_problem: str | None) -> list[dict[str, str]]:
    """Every fitted device; a damaged spool database counts as one that failed."""
    found = [peripheral("id_card_reader", "id_card_reader", devices.reader.status),
             peripheral("receipt_printer", "receipt_printer", devices.printer)]
    if devices.a4_printer is not None:
        found.append(peripheral("a4_printer", "a4_printer", devices.a4_printer))
    if devices.scanner is not None:
        found.append(peripheral("scanner", "scanner", devices.scanner.status))
    if devices.badge_reader is not None:
        found.append(peripheral("badge_reader", "smart_card_reader", devices.badge_reader.status))
    if spool_problem is not None:
        found.append(peripheral("spool_database", "other", DeviceStatus(
            DeviceState.ERROR, spool_problem)))
    return found


class HeartbeatReport:
    """Builds each heartbeat's report; visits are counted since the last report."""

    def __init__(self, *, spool: Spool, visits: Visits, upkeep: Upkeep, devices: Devices,
                 catalog_version: Callable[[], str], state_dir: Path,
                 clock: Callable[[], datetime]) -> None:
        self._spool = spool
        self._visits = visits
        self._upkeep = upkeep
        self._devices = devices
        self._catalog_version = catalog_version
        self._state_dir = state_dir
        self._clock = clock
        self._started = time.monotonic()
        self._visits_reported = 0

    def __call__(self) -> dict[str, Any]:
        visits = self._visits.visits_started
        report = {
            "sent_at": self._clock().isoformat(),
            "software_version": __version__,
            "state": self._state(),
            "uptime_s": int(time.monotonic() - self._started),
            "catalog_version": self._catalog_version(),
            "peripherals": peripherals(self._devices, self._spool_problem()),
            "spool": self._spool_counts(),
            "disk_free_bytes": shutil.disk_usage(self._state_dir).free,
            "sessions_since_last": visits - self._visits_reported,
        }
        self._visits_reported = visits
        return report

    def _spool_problem(self) -> str | None:
        """Last night's failed check, else a damaged database set aside and not yet dealt
        with."""
        if self._upkeep.spool_problem is not None:
            return f"quick_check: {self._upkeep.spool_problem}"
        aside = self._spool.set_aside()
        return f"set aside: {aside[-1].name}" if aside else None

    def _state(self) -> str:
        if self._upkeep.running:
            return "maintenance"
        return "in_service" if self._visits.out_of_service is None else "out_of_service"

    def _spool_counts(self) -> dict[str, Any]:
        stats = self._spool.stats()
        spool: dict[str, Any] = {"pending": stats.pending + stats.in_flight, "dead": stats.dead}
        if stats.oldest_pending_at is not None:
            spool["oldest_pending_at"] = stats.oldest_pending_at.isoformat()
        return spool
