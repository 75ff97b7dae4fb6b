"""Keeps the catalog fresh: fetched at start, then on an interval, and at once when asked.

The catalog is the one thing of the central's that the kiosk can show without
it, so a failed refresh keeps what the kiosk has. While the central is
unreachable the catalog is asked for more often: the conditional GET is cheap,
and its answer is how the item grid learns that the central is back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kiosk.catalog.items import CatalogError
from kiosk.catalog.store import CatalogStore
from kiosk.uplink.client import CentralClient, CentralError
from kiosk.uplink.online import reachable
from kiosk.uplink.presence import CentralPresence
from kiosk.worker import Worker

log = logging.getLogger(__name__)

# While the central is unreachable, the catalog is asked for this often (seconds).
OFFLINE_PROBE_S = 60.0


class CatalogKeeper:
    """Refreshes `catalogs` from its own thread; `on_changed` hears of a new catalog."""

    def __init__(self, catalogs: CatalogStore, client: CentralClient, central: CentralPresence,
                 *, refresh_s: float, on_changed: Callable[[], None]) -> None:
        self._catalogs = catalogs
        self._client = client
        self._central = central
        self._refresh_s = refresh_s
        self._on_changed = on_changed
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._worker = Worker(self._keep, "catalog")

    def start(self) -> None:
        self._worker.start()

    @property
    def alive(self) -> bool:
        return self._worker.alive

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    def refresh(self) -> None:
        """Fetch the catalog now (the central's refresh_catalog command, the technician's
        button, the nightly upkeep)."""
        self._wake.set()

    def refresh_once(self) -> None:
        """One refresh, and what it tells of the central."""
        try:
            changed = self._catalogs.refresh(self._client)
            self._central.seen(True)
            if changed:
                self._on_changed()
        except CentralError as exc:
            log.warning("catalog: refresh failed (%s); keeping %s", exc, self._catalogs.source)
            self._central.seen(reachable(exc))
        except CatalogError as exc:
            log.error("catalog: the central's catalog was refused whole (%s); "
                      "keeping %s", exc, self._catalogs.source)
        except OSError as exc:
            log.error("catalog: the new catalog could not be kept on disk (%s); keeping %s",
                      exc, self._catalogs.source)

    def next_wait(self) -> float:
        """Seconds until the next refresh: sooner while the central is away."""
        if self._central.online:
            return self._refresh_s
        return min(OFFLINE_PROBE_S, self._refresh_s)

    def _keep(self) -> None:
        """The thread also notices the central coming back, so no one answer may end it."""
        while not self._stopping.is_set():
            try:
                self.refresh_once()
            except Exception:
                log.exception("catalog: refresh failed unexpectedly; will try again")
            self._wake.wait(self.next_wait())
            self._wake.clear()
