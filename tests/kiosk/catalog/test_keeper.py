"""The catalog refresh without a whole kiosk: a central that does not answer leaves the
kiosk with the catalog it has, and the next try comes sooner, so the item grid learns
soon that the central is back."""

from __future__ import annotations

from kiosk.audit.log import AuditLog
from kiosk.catalog.keeper import OFFLINE_PROBE_S, CatalogKeeper
from kiosk.catalog.store import CatalogStore
from kiosk.uplink.client import CentralClient
from kiosk.uplink.presence import CentralPresence

REFRESH_S = 900.0


def test_an_unanswered_refresh_keeps_the_catalog_and_tries_again_sooner(
        tmp_path, clock) -> None:
    heard: list[str] = []
    central = CentralPresence(AuditLog(tmp_path / "audit.jsonl", clock),
                              on_change=lambda: heard.append("central changed"),
                              on_refused=lambda: heard.append("refused"))
    catalogs = CatalogStore(tmp_path)
    before = catalogs.current().version
    nobody = CentralClient("http://127.0.0.1:9", token="t", connect_timeout=1.0)
    keeper = CatalogKeeper(catalogs, nobody, central, refresh_s=REFRESH_S,
                           on_changed=lambda: heard.append("catalog changed"))
    assert keeper.next_wait() == REFRESH_S

    keeper.refresh_once()  # nothing listens on the discard port

    assert (catalogs.current().version, catalogs.source) == (before, "bundled")
    assert heard == ["central changed"] and not central.online
    assert keeper.next_wait() == OFFLINE_PROBE_S
