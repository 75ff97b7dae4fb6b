"""Heartbeats and the central's commands, end to end: the real core with its
devices on emulators, the reference central on loopback, and its operators'
admin endpoint queueing each command."""

from __future__ import annotations

import pytest
import requests
from flow_services import eventually
from turned_core import TurnedCore

from kiosk.service.desk import recent_events
from kiosk.service.report_words import in_english
from kiosk.uplink.heartbeat import parse_commands
from kiosk.visit.flow import Screen
from kiosk.visit.messages import say


class Kiosk(TurnedCore):
    """A started core, and the reference central's operators' side to command it."""

    def __init__(self, rig, clock) -> None:
        super().__init__(rig.settings, clock)
        self.rig = rig

    def admin(self, method: str, path: str, **kwargs) -> dict:
        reply = requests.request(method, self.rig.central.admin_url + path, timeout=5, **kwargs)
        reply.raise_for_status()
        return reply.json() if reply.content else {}

    def command(self, kind: str, **args) -> str:
        body = {"device_id": self.core.device_id, "type": kind, "args": args or None}
        return self.admin("POST", "/commands", json=body)["id"]

    def last_heartbeat(self) -> dict:
        [device] = [d for d in self.admin("GET", "/devices")["devices"]
                    if d["device_id"] == self.core.device_id]
        return device["last_heartbeat"] or {}


@pytest.fixture
def kiosk(rig, clock):
    made = Kiosk(rig, clock)
    yield made
    made.core.stop()


def pending_commands(kiosk: Kiosk) -> list[str]:
    """What the central still waits to hear back about (a heartbeat's reply, asked directly)."""
    reply = kiosk.core.heartbeat._client.heartbeat(kiosk.core.heartbeat_report())
    return [c.id for c in parse_commands(reply)]


def test_the_report_tells_the_central_what_the_kiosk_is_doing(kiosk) -> None:
    kiosk.core.heartbeat.stop()  # this test beats by hand, so the counts are its own
    kiosk.core.flow.start()
    kiosk.core.flow.back()
    assert kiosk.core.heartbeat.beat_once()
    beat = kiosk.last_heartbeat()
    assert beat["state"] == "in_service"
    assert beat["sessions_since_last"] == 1
    assert beat["spool"] == {"pending": 0, "dead": 0}
    assert {p["kind"] for p in beat["peripherals"]} == {"id_card_reader", "receipt_printer",
                                                       "scanner"}
    assert beat["catalog_version"] and beat["disk_free_bytes"] > 0
    assert kiosk.core.heartbeat.beat_once()
    assert kiosk.last_heartbeat()["sessions_since_last"] == 0


def deliver(kiosk: Kiosk, kind: str, **args) -> str:
    """Queue `kind` at the central, let a heartbeat fetch it and the kiosk carry it out."""
    command_id = kiosk.command(kind, **args)
    assert kiosk.core.heartbeat.beat_once()
    kiosk.turn_until(lambda: command_id in {c.id for c in kiosk.core.commands.done})
    return command_id


def test_out_of_service_then_in_service_by_the_centrals_command(kiosk) -> None:
    flow = kiosk.core.flow
    first = deliver(kiosk, "out_of_service", reason="screen replacement")
    assert flow.out_of_service is not None
    flow.start()
    assert flow.screen == Screen.ATTRACT  # no new visit while out of service
    assert kiosk.core.heartbeat.beat_once()  # carries the acknowledgement
    assert kiosk.last_heartbeat()["state"] == "out_of_service"
    assert first not in pending_commands(kiosk)
    deliver(kiosk, "in_service")
    assert flow.out_of_service is None
    flow.start()
    assert flow.screen == Screen.CHOOSE


def test_the_centrals_maintenance_end_is_the_time_the_page_says(kiosk, clock) -> None:
    """`until` is the kiosk's reading of the command's free-form args: when the central's
    own maintenance ends, said on the site's clock."""
    flow = kiosk.core.flow
    deliver(kiosk, "out_of_service", reason="central upgrade", until="2026-11-22T22:15:00Z")
    assert flow.out_of_service_notice().endswith("\n预计今天 06:15 恢复服务。")
    deliver(kiosk, "out_of_service", until="tomorrow morning")
    assert flow.out_of_service_notice() == say("out_of_service", "zh_CN")


def test_a_command_waits_for_the_visit_in_progress_to_end(kiosk) -> None:
    flow = kiosk.core.flow
    flow.start()
    command_id = kiosk.command("out_of_service")
    assert kiosk.core.heartbeat.beat_once()
    kiosk.turn_until(lambda: kiosk.core.commands.waiting == 1)  # it reached the GUI thread
    assert flow.out_of_service is None and flow.screen == Screen.CHOOSE  # and waits
    assert kiosk.core.heartbeat.beat_once()
    assert command_id in pending_commands(kiosk)  # not acknowledged while not done
    flow.back()
    assert flow.out_of_service == "out_of_service"


def test_print_test_page_prints_on_the_receipt_printer(kiosk) -> None:
    deliver(kiosk, "print_test_page")
    [page] = kiosk.rig.printer.wait_for_receipts(1)
    assert kiosk.core.device_id in page.text_path.read_text(encoding="utf-8")


def test_refresh_catalog_asks_the_central_again(kiosk) -> None:
    def catalog_requests() -> int:
        return kiosk.admin("GET", "/counters")["requests_by_operation"].get("catalog", 0)

    eventually(lambda: catalog_requests() >= 1)  # the refresh at start
    before = catalog_requests()
    deliver(kiosk, "refresh_catalog")
    eventually(lambda: catalog_requests() > before)


def test_restart_comes_only_after_the_central_has_the_acknowledgement(kiosk) -> None:
    restarts: list[list[str]] = []
    kiosk.core.on_restart = lambda: restarts.append(pending_commands(kiosk))
    command_id = deliver(kiosk, "restart_app")
    assert restarts == []
    assert kiosk.core.heartbeat.beat_once()
    kiosk.turn_until(lambda: bool(restarts))
    assert command_id not in restarts[0]


def test_upload_diagnostics_is_acknowledged_and_said_unsupported(kiosk, caplog) -> None:
    command_id = deliver(kiosk, "upload_diagnostics")
    assert kiosk.core.heartbeat.beat_once()
    assert command_id not in pending_commands(kiosk)
    assert "no endpoint" in caplog.text


def test_a_revoked_token_takes_the_kiosk_out_of_service_and_keeps_the_spool(kiosk) -> None:
    flow, spool = kiosk.core.flow, kiosk.core.spool
    kiosk.core.sync.stop()  # so the entry below stays in the spool for the test to see
    spool.put({"item_code": "440106-ZWB-004", "item_version": 1, "device_id": "x",
               "form": {"rating": 5}}, item_code="440106-ZWB-004", applicant_id=None)
    kiosk.admin("POST", "/revoke", json={"device_id": kiosk.core.device_id})
    assert not kiosk.core.heartbeat.beat_once()
    kiosk.turn_until(lambda: flow.out_of_service is not None)
    flow.start()
    assert flow.screen == Screen.ATTRACT
    assert spool.stats().pending == 1


def test_a_technicians_order_is_reported_and_outlasts_the_centrals_in_service(kiosk) -> None:
    """The technician on site wins: the central's operator, who cannot see the open door,
    does not put the kiosk back; the technician does, and the central sees each state."""
    flow, desk = kiosk.core.flow, kiosk.core.desk
    assert str(desk.act("out_of_service_1h")) == \
        "out of service; the page says back at 2026-11-23 04:00"
    assert flow.out_of_service_notice().endswith("\n预计今天 04:00 恢复服务。")
    assert kiosk.core.heartbeat.beat_once()
    assert kiosk.last_heartbeat()["state"] == "out_of_service"
    deliver(kiosk, "in_service")
    assert flow.out_of_service is not None and desk.taken_out()
    assert kiosk.core.heartbeat.beat_once()
    assert kiosk.last_heartbeat()["state"] == "out_of_service"
    assert str(desk.act("in_service")) == "back in service"
    assert kiosk.core.heartbeat.beat_once()
    assert kiosk.last_heartbeat()["state"] == "in_service"
    events = [(e.event, e.ref) for e in recent_events(kiosk.core.audit, count=20)]
    assert ("out_of_service_set", "") in events and ("out_of_service_lifted", "") in events


def test_the_technician_cannot_lift_the_centrals_order(kiosk) -> None:
    flow, desk = kiosk.core.flow, kiosk.core.desk
    deliver(kiosk, "out_of_service", reason="central upgrade", until="2026-11-23T06:00:00+08:00")
    assert str(desk.act("out_of_service_30m")) == \
        "out of service; the page says back at 2026-11-23 06:00"  # the later of the two
    assert dict(in_english(desk.report()))["service"] == \
        "OUT OF SERVICE by a technician here, the central; the page says back at 2026-11-23 06:00"
    assert str(desk.act("in_service")).startswith("your order is lifted; the central's order")
    assert flow.out_of_service_by == ("central",) and not desk.taken_out()


def test_like_the_centrals_order_a_technicians_ends_with_the_app(rig, clock) -> None:
    """Neither order is kept on disk: the central acknowledged its command and does not send
    it again, and a restart (the central's restart_app, or a power cut) starts in service."""
    first = Kiosk(rig, clock)
    first.core.desk.act("out_of_service_2h")
    first.core.stop()
    again = Kiosk(rig, clock)
    try:
        assert again.core.flow.out_of_service is None
        assert dict(in_english(again.core.desk.report()))["service"] == "in service"
    finally:
        again.core.stop()
