"""What the kiosk makes of the central's comings and goings, without a whole kiosk: the
screen hears each change once, and a refused token takes the kiosk out of service."""

from __future__ import annotations

from pathlib import Path

from kiosk.audit.log import AuditLog, parse_line
from kiosk.uplink.presence import CentralPresence
from kiosk.uplink.sync import SyncState


def _presence(tmp_path: Path, clock) -> tuple[CentralPresence, list[str], AuditLog]:
    heard: list[str] = []
    audit = AuditLog(tmp_path / "audit.jsonl", clock)
    presence = CentralPresence(audit, on_change=lambda: heard.append("changed"),
                               on_refused=lambda: heard.append("refused"))
    return presence, heard, audit


def test_the_screen_hears_once_when_the_central_goes_and_once_when_it_is_back(
        tmp_path, clock) -> None:
    presence, heard, _ = _presence(tmp_path, clock)
    presence.seen(True)  # as before: nothing to tell
    presence.seen(False)
    presence.seen(False)
    assert (presence.online, heard) == (False, ["changed"])
    presence.seen(True)
    assert (presence.online, heard) == (True, ["changed", "changed"])


def test_delivery_tells_of_the_central_only_when_a_round_ends_or_fails(tmp_path, clock) -> None:
    presence, heard, _ = _presence(tmp_path, clock)
    presence.sync_state(SyncState.CENTRAL_UNREACHABLE)
    assert not presence.online
    presence.sync_state(SyncState.IDLE)  # idle without delivering proves nothing
    assert not presence.online
    presence.sync_state(SyncState.DELIVERING)
    presence.sync_state(SyncState.IDLE)  # every entry sent was answered
    assert presence.online and heard == ["changed", "changed"]


def test_a_refused_token_is_audited_and_takes_the_kiosk_out_of_service(tmp_path, clock) -> None:
    presence, heard, audit = _presence(tmp_path, clock)
    presence.sync_state(SyncState.REPROVISION)
    audit.close()
    [record] = [parse_line(line) for line in audit.path.read_bytes().splitlines(keepends=True)]
    assert record["event"] == "device_status_changed"
    assert record["fields"] == {"device": "kiosk", "state": "out_of_service",
                                "detail": "token refused by the central"}
    assert heard == ["refused"]
