"""The catalog refresh without a whole kiosk: a central that does not answer leaves the
kiosk with the catalog it has, and the next try comes sooner, so the item grid learns
soon that the central is back."""

from __future__ import annotations

import json

import pytest
from flow_services import eventually
from hostile_central import answer, hostile_central, raw

from config import bundled
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


def _keeper_of(tmp_path, clock, url: str) -> tuple[CatalogKeeper, CatalogStore]:
    central = CentralPresence(AuditLog(tmp_path / "audit.jsonl", clock),
                              on_change=lambda: None, on_refused=lambda: None)
    catalogs = CatalogStore(tmp_path)
    client = CentralClient(url, token="t", connect_timeout=1.0, deadline=5.0)
    return CatalogKeeper(catalogs, client, central, refresh_s=REFRESH_S,
                         on_changed=lambda: None), catalogs


@pytest.mark.parametrize("body", [
    b"[" * 100_000 + b"]" * 100_000,  # deeper than any parser goes
    b"null",
    b'{"version": "x", "items": ' + b"[" * 5_000 + b"]" * 5_000 + b"}",
])
def test_no_answer_from_the_central_ends_the_catalogs_thread(tmp_path, clock, body) -> None:
    with hostile_central() as central:
        central.otherwise = raw(200, body)
        keeper, catalogs = _keeper_of(tmp_path, clock, central.url)
        keeper.start()
        try:
            keeper.refresh()
            eventually(lambda: len(central.received) >= 2)  # a second round: it lived on
            assert keeper.alive and catalogs.source == "bundled"
        finally:
            keeper.stop()


def test_a_catalog_that_cannot_be_kept_on_disk_keeps_the_one_in_use(tmp_path, clock) -> None:
    with hostile_central() as central:
        central.otherwise = answer(200, json.loads(bundled("catalog.json").read_text("utf-8")),
                                   {"ETag": '"v2"'})
        keeper, catalogs = _keeper_of(tmp_path, clock, central.url)
        (tmp_path / "catalog.json").mkdir()  # the cache's place is taken: replacing it fails
        keeper.refresh_once()
    assert catalogs.source == "bundled"


def test_a_catalog_larger_than_any_other_answer_is_taken_and_probed() -> None:
    big = {"version": "v9", "items": [], "note": "x" * 300_000}  # past the 256 KiB of others
    with hostile_central() as central:
        central.queue(answer(200, big, {"ETag": '"v9"'}), answer(200, big))
        client = CentralClient(central.url, token="t", connect_timeout=1.0, read_timeout=2.0)
        try:
            assert client.catalog() == (big, '"v9"')
            assert client.probe().body == big  # the kiosk doctor's request, same answer
        finally:
            client.close()
