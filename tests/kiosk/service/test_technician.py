"""The technician's PIN and badge: scrypt hashes, a lockout that doubles with each
failure, and on a kiosk with a badge reader a PIN that opens only after a badge."""

from __future__ import annotations

import io
import json
import tomllib
from datetime import timedelta

import pytest

from kiosk.cli.parser import main
from kiosk.service.technician import (
    BADGE_FRESH_S,
    LOCKOUT_FILE,
    MAX_LOCKOUT_S,
    LockoutFile,
    TechnicianGate,
    badge_label,
    clear_lockout,
    hash_badge,
    hash_pin,
    matches,
)
from kiosk.settings.model import SettingsError, load_settings
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.technician_login import Badge

PIN, UID, STRANGER = "135790", "04A1B2C3D4E5F6", "08C0FFEE"
PIN_HASH, BADGE_HASH = hash_pin(PIN), hash_badge(UID)


def test_the_hash_verifies_its_pin_only() -> None:
    stored = hash_pin("246810")
    assert stored.startswith("scrypt$") and "246810" not in stored
    assert matches("246810", stored)
    assert not matches("246811", stored)
    assert not matches("246810", "md5$whatever")
    assert hash_pin("246810") != stored  # salted


@pytest.mark.parametrize("pin", ["12345", "abcdef", "1234567890123"])
def test_weak_or_odd_pins_are_refused(pin) -> None:
    with pytest.raises(ValueError):
        hash_pin(pin)


def test_each_failure_doubles_the_wait_and_success_resets_it(clock) -> None:
    gate = TechnicianGate(hash_pin("135790"))
    waits = []
    for _ in range(4):
        attempt = gate.try_pin("000000", clock.now)
        waits.append((attempt.locked_until - clock.now).total_seconds())
        assert gate.try_pin("135790", clock.now).reason == "locked"  # even the right PIN
        clock.now = attempt.locked_until
    assert waits == [1.0, 2.0, 4.0, 8.0]
    assert gate.try_pin("135790", clock.now).ok
    assert (gate.try_pin("1", clock.now).locked_until - clock.now).total_seconds() == 1.0


def test_the_lockout_stops_growing_at_its_cap(clock) -> None:
    gate = TechnicianGate(hash_pin("135790"))
    for _ in range(30):
        attempt = gate.try_pin("000000", clock.now)
        clock.now = attempt.locked_until
    last = gate.try_pin("000000", clock.now)
    assert last.locked_until - clock.now == timedelta(seconds=MAX_LOCKOUT_S)


def _gate_on(folder) -> TechnicianGate:
    """The gate as the core makes it: its lockout kept in the kiosk's state folder."""
    return TechnicianGate(PIN_HASH, saved=LockoutFile(folder / LOCKOUT_FILE))


def _wait(attempt, clock) -> float:
    return (attempt.locked_until - clock.now).total_seconds()


def test_the_lockout_survives_a_restart(tmp_path, clock) -> None:
    clear_lockout(tmp_path)  # as provisioning leaves it
    gate = _gate_on(tmp_path)
    for _ in range(3):
        attempt = gate.try_pin("000000", clock.now)
        clock.now = attempt.locked_until
    attempt = gate.try_pin("000000", clock.now)
    assert _wait(attempt, clock) == 8.0
    restarted = _gate_on(tmp_path)  # the plug pulled and put back
    assert restarted.try_pin(PIN, clock.now).reason == "locked"
    assert restarted.locked_until(clock.now) == attempt.locked_until
    clock.now = attempt.locked_until
    assert _wait(restarted.try_pin("000000", clock.now), clock) == 16.0  # the count went on
    clock.advance(16)
    assert _gate_on(tmp_path).try_pin(PIN, clock.now).ok
    assert _wait(_gate_on(tmp_path).try_pin("000000", clock.now), clock) == 1.0  # reset, kept


def test_a_million_failures_wait_the_longest_lockout_and_nothing_overflows(
        tmp_path, clock) -> None:
    (tmp_path / LOCKOUT_FILE).write_text(json.dumps({"failures": 10**6, "locked_until": None}))
    gate = _gate_on(tmp_path)
    attempt = gate.try_pin("000000", clock.now)
    assert attempt.reason == "wrong_pin" and _wait(attempt, clock) == MAX_LOCKOUT_S
    assert json.loads((tmp_path / LOCKOUT_FILE).read_text())["failures"] == 10**6 + 1


@pytest.mark.parametrize("content", [
    None, "", "{", "[]", '"locked"', '{"failures": 0}', '{"locked_until": null}',
    '{"failures": -1, "locked_until": null}', '{"failures": "0", "locked_until": null}',
    '{"failures": true, "locked_until": null}', '{"failures": 0, "locked_until": "soon"}',
    '{"failures": 0, "locked_until": "2026-11-23T03:00:00"}',  # no offset: not our clock's
])
def test_a_missing_or_damaged_lockout_file_locks_rather_than_opens(
        tmp_path, clock, content) -> None:
    if content is not None:
        (tmp_path / LOCKOUT_FILE).write_text(content)
    gate = _gate_on(tmp_path)
    attempt = gate.try_pin(PIN, clock.now)  # even the right PIN
    assert not attempt.ok and attempt.reason == "locked"
    assert _wait(attempt, clock) == MAX_LOCKOUT_S
    restarted = _gate_on(tmp_path)  # the lock was written down: a restart does not lift it
    assert restarted.locked_until(clock.now) == attempt.locked_until
    clock.advance(MAX_LOCKOUT_S)
    assert restarted.try_pin(PIN, clock.now).ok


def test_a_lock_set_by_a_clock_that_ran_ahead_lasts_the_longest_lockout_at_most(
        tmp_path, clock) -> None:
    ahead = clock.now + timedelta(days=400)
    (tmp_path / LOCKOUT_FILE).write_text(
        json.dumps({"failures": 3, "locked_until": ahead.isoformat()}))
    gate = _gate_on(tmp_path)
    assert gate.locked_until(clock.now) == clock.now + timedelta(seconds=MAX_LOCKOUT_S)
    clock.advance(MAX_LOCKOUT_S)
    assert _gate_on(tmp_path).try_pin(PIN, clock.now).ok


def test_without_a_pin_hash_there_is_no_way_in(clock) -> None:
    gate = TechnicianGate("")
    assert not gate.enabled and not gate.try_pin("123456", clock.now).ok


@pytest.mark.parametrize("typed", [UID, "04:a1:b2:c3:d4:e5:f6", " 04 A1 B2 C3 D4 E5 F6\n"])
def test_a_badge_is_enrolled_by_its_hash_in_any_spelling(typed) -> None:
    stored = hash_badge(typed)
    assert UID not in stored.upper() and matches(UID, stored)  # as the reader reports it
    assert not matches(STRANGER, stored)


@pytest.mark.parametrize("typed", ["", "04A1B2", "04A1B2C3D4E5F6A7B8C9D0E1", "not a uid"])
def test_what_is_no_uid_is_refused(typed) -> None:
    with pytest.raises(ValueError):
        hash_badge(typed)


def test_without_a_badge_reader_the_pin_alone_opens(clock) -> None:
    gate = TechnicianGate(PIN_HASH)
    assert gate.enabled and not gate.needs_badge
    assert gate.try_badge(UID, clock.now).reason == "no_badge_reader"
    attempt = gate.try_pin(PIN, clock.now)
    assert attempt.ok and attempt.badge == ""


def test_with_a_reader_the_pin_waits_for_an_enrolled_badge(clock) -> None:
    gate = TechnicianGate(PIN_HASH, [hash_badge("11223344"), BADGE_HASH])
    early = gate.try_pin(PIN, clock.now)
    # refused unchecked, so not counted: it tells nothing about the PIN
    assert (early.ok, early.reason, early.locked_until) == (False, "no_badge", None)
    badge = gate.try_badge(UID, clock.now)
    assert badge.ok and badge.badge == badge_label(BADGE_HASH) and UID not in badge.badge
    assert gate.badge_shown(clock.now)
    clock.advance(BADGE_FRESH_S)
    login = gate.try_pin(PIN, clock.now)
    assert login.ok and login.badge == badge_label(BADGE_HASH)
    assert gate.try_pin(PIN, clock.now).reason == "no_badge"  # one badge, one login


def test_a_badge_shown_too_long_ago_opens_nothing(clock) -> None:
    gate = TechnicianGate(PIN_HASH, [BADGE_HASH])
    assert gate.try_badge(UID, clock.now).ok
    clock.advance(BADGE_FRESH_S + 1)
    assert not gate.badge_shown(clock.now)
    assert gate.try_pin(PIN, clock.now).reason == "no_badge"


def test_an_unknown_badge_is_a_failure_like_a_wrong_pin(clock) -> None:
    gate = TechnicianGate(PIN_HASH, [BADGE_HASH])
    assert gate.try_badge(UID, clock.now).ok
    refused = gate.try_badge(STRANGER, clock.now)
    assert refused.reason == "unknown_badge" and refused.locked_until == clock.now + \
        timedelta(seconds=1)
    assert not gate.badge_shown(clock.now)  # the last badge shown is the one that counts
    assert gate.try_badge(UID, clock.now).reason == "locked"
    clock.advance(1)
    assert gate.try_badge(UID, clock.now).ok
    wrong = gate.try_pin("000000", clock.now)  # the same doubling for both
    assert wrong.reason == "wrong_pin" and wrong.locked_until == clock.now + timedelta(seconds=2)
    clock.advance(2)
    assert gate.try_pin(PIN, clock.now).ok


def test_a_reader_without_enrolled_badges_lets_nobody_in(clock) -> None:
    gate = TechnicianGate(PIN_HASH, [])
    assert not gate.enabled and gate.try_pin(PIN, clock.now).reason == "no_pin_set"


def test_badge_settings_hold_hashes_only(tmp_path) -> None:
    site = tmp_path / "kiosk.toml"
    site.write_text(f'[technician]\nbadge_reader = "ACR122"\nbadge_hashes = ["{BADGE_HASH}"]\n')
    assert load_settings(site).technician.badge_hashes == [BADGE_HASH]
    site.write_text(f'[technician]\nbadge_hashes = ["{UID}"]\n')
    with pytest.raises(SettingsError, match=r"technician\.badge_hashes"):
        load_settings(site)


@pytest.fixture
def badge_flow(catalog, services, ui_settings, clock):
    events: list[tuple[str, dict]] = []
    flow = VisitFlow(lambda: catalog, services, ui_settings, clock=clock,
                     gate=TechnicianGate(PIN_HASH, [BADGE_HASH]),
                     on_event=lambda name, **fields: events.append((name, fields)))
    return flow, events


def test_badge_then_pin_opens_and_the_audit_keeps_no_uid(badge_flow, clock) -> None:
    flow, events = badge_flow
    flow.technician()
    assert flow.badge == Badge.WANTED
    flow.enter_pin(PIN)
    assert flow.screen == Screen.TECH_PIN and flow.badge == Badge.WANTED
    flow.badge_read(STRANGER)
    assert flow.badge == Badge.REFUSED and not flow.visit.notice
    clock.advance(1)
    flow.badge_read(UID)
    assert flow.badge == Badge.SHOWN
    flow.enter_pin(PIN)
    assert flow.screen == Screen.TECHNICIAN
    assert events == [("technician_login_failed", {"reason": "no_badge"}),
                      ("technician_login_failed", {"reason": "unknown_badge"}),
                      ("technician_login", {"badge": badge_label(BADGE_HASH)})]
    assert UID not in str(events) and STRANGER not in str(events)


def test_a_badge_outside_the_pin_pad_changes_nothing(badge_flow) -> None:
    flow, events = badge_flow
    flow.badge_read(UID)  # on the attract screen: no visit, and not remembered
    assert flow.screen == Screen.ATTRACT and flow.visits_started == 0
    flow.start()
    flow.badge_read(STRANGER)  # a citizen's card during a visit: no lockout
    assert flow.screen == Screen.CHOOSE and events == [("visit_started", {})]
    flow.back()
    flow.technician()
    assert flow.badge == Badge.WANTED
    flow.enter_pin(PIN)
    assert flow.screen == Screen.TECH_PIN and flow.visit.notice == ""


def test_the_enrolment_command_prints_a_line_that_matches_the_badge(capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("04 a1 b2 c3 d4 e5 f6\n"))
    assert main(["technician-badge"]) == 0
    said, line = capsys.readouterr().out.splitlines()
    assert "badge_hashes" in said and UID not in line
    assert matches(UID, tomllib.loads(f"badge_hashes = [{line}]")["badge_hashes"][0])
    assert main(["technician-badge", "04A1"]) == 1
    assert "4 to 10 bytes" in capsys.readouterr().err
