"""The technician's PIN: scrypt hash, and a lockout that doubles with each failure."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.technician import MAX_LOCKOUT_S, TechnicianGate, hash_pin, pin_matches


def test_the_hash_verifies_its_pin_only() -> None:
    stored = hash_pin("246810")
    assert stored.startswith("scrypt$") and "246810" not in stored
    assert pin_matches("246810", stored)
    assert not pin_matches("246811", stored)
    assert not pin_matches("246810", "md5$whatever")
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


def test_without_a_pin_hash_there_is_no_way_in(clock) -> None:
    gate = TechnicianGate("")
    assert not gate.enabled and not gate.try_pin("123456", clock.now).ok
