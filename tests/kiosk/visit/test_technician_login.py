"""The PIN pad's login on its own: a real gate, a moved clock and an audit list, no
visit flow; what the pad says is in the language asked, and the audit keeps why a
try failed, never what was shown or typed."""

from __future__ import annotations

import pytest

from kiosk.service.technician import TechnicianGate, badge_label, hash_badge, hash_pin
from kiosk.visit.technician_login import Badge, TechnicianLogin

PIN, UID, STRANGER = "135790", "04A1B2C3D4E5F6", "08C0FFEE"
PIN_HASH, BADGE_HASH = hash_pin(PIN), hash_badge(UID)


@pytest.fixture
def audit() -> list[tuple[str, dict]]:
    return []


def login(clock, audit, badges: list[str] | None = None) -> TechnicianLogin:
    return TechnicianLogin(TechnicianGate(PIN_HASH, badges), clock,
                           lambda name, **fields: audit.append((name, fields)))


def test_a_wrong_pin_is_said_and_audited_then_the_pad_waits(clock, audit) -> None:
    pad = login(clock, audit)
    assert pad.badge == Badge.NOT_ASKED
    opened, notice = pad.pin_entered("000000", "en")
    assert not opened and notice.startswith("Wrong PIN; try again after ")
    opened, notice = pad.pin_entered(PIN, "zh_CN")  # within the lockout: not even checked
    assert not opened and notice.startswith("尝试次数过多")
    clock.advance(2)
    assert pad.pin_entered(PIN, "en") == (True, "")
    assert audit == [("technician_login_failed", {"reason": "wrong_pin"}),
                     ("technician_login_failed", {"reason": "locked"}),
                     ("technician_login", {})]
    assert PIN not in str(audit) and "000000" not in str(audit)


def test_a_badge_is_wanted_refused_forgotten_on_a_new_pad_then_shown(clock, audit) -> None:
    pad = login(clock, audit, [BADGE_HASH])
    assert pad.badge == Badge.WANTED
    assert pad.badge_read(STRANGER, "en") == ""  # refused, but no lockout sentence
    assert pad.badge == Badge.REFUSED
    pad.open_pad()
    assert pad.badge == Badge.WANTED
    clock.advance(1)
    assert pad.badge_read(UID, "en") == ""
    assert pad.badge == Badge.SHOWN
    assert pad.pin_entered(PIN, "en") == (True, "")
    assert audit == [("technician_login_failed", {"reason": "unknown_badge"}),
                     ("technician_login", {"badge": badge_label(BADGE_HASH)})]
    assert UID not in str(audit) and STRANGER not in str(audit)


def test_no_pin_set_means_no_pad(clock, audit) -> None:
    assert not TechnicianLogin(TechnicianGate(""), clock, lambda *_a, **_f: None).enabled
    assert login(clock, audit).enabled
