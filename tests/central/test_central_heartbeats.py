"""POST /heartbeats and the remote commands queued through the admin API."""

from __future__ import annotations

from central_contract_check import assert_conforms
from central_parts import Central, Kiosk

BEAT = {
    "sent_at": "2026-11-23T10:00:00+08:00", "software_version": "0.1.0", "state": "in_service",
    "uptime_s": 3600, "catalog_version": "2026.11.1",
    "peripherals": [{"name": "printer", "kind": "receipt_printer", "status": "degraded",
                     "detail": "paper near end"}],
    "spool": {"pending": 2, "dead": 0, "oldest_pending_at": "2026-11-23T09:40:00+08:00"},
}


def beat(kiosk: Kiosk, acked: list[str] | None = None) -> dict:
    answer = kiosk.post("/heartbeats", {**BEAT, "acked_command_ids": acked or []})
    assert answer.status_code == 200, answer.text
    assert_conforms(answer, "/heartbeats", "post")
    return answer.json()


def test_a_heartbeat_is_stored_and_returns_pending_commands_until_acked(
        central: Central, kiosk: Kiosk) -> None:
    assert beat(kiosk)["commands"] == []
    queued = central.admin("POST", "/commands", {"device_id": kiosk.device_id,
                                                 "type": "print_test_page", "args": {"copies": 1}})
    assert queued.status_code == 201
    command_id = queued.json()["id"]
    assert beat(kiosk)["commands"] == [{"id": command_id, "type": "print_test_page",
                                       "args": {"copies": 1}}]
    assert beat(kiosk)["commands"][0]["id"] == command_id  # still pending: not acked yet
    assert beat(kiosk, acked=[command_id])["commands"] == []
    [device] = [d for d in central.admin("GET", "/devices").json()["devices"]
                if d["device_id"] == kiosk.device_id]
    assert device["heartbeats"] == 4
    assert device["last_heartbeat"]["peripherals"][0]["detail"] == "paper near end"


def test_commands_are_only_for_known_devices_and_known_types(
        central: Central, kiosk: Kiosk) -> None:
    unknown = central.admin("POST", "/commands", {"device_id": "KD-NOPE", "type": "restart_app"})
    assert unknown.status_code == 404
    bad_type = central.admin("POST", "/commands", {"device_id": kiosk.device_id, "type": "reboot"})
    assert bad_type.status_code == 422
    assert bad_type.json()["errors"][0]["field"] == "type"


def test_a_malformed_heartbeat_is_a_problem(kiosk: Kiosk) -> None:
    spool = {"pending": 2, "dead": 0, "oldest_pending_at": 0}  # a number is not a time
    answer = kiosk.post("/heartbeats", {**BEAT, "state": "asleep", "spool": spool})
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in answer.json()["errors"]] == ["state", "spool.oldest_pending_at"]
