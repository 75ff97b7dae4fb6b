"""The badge reader wired into the core, through the real pcscd and vpcd: the virtual
technician badge then the PIN open technician mode in the core's own flow."""

from __future__ import annotations

from collections.abc import Callable

from fresh_python import python_lines
from turned_core import TurnedCore

from drivers.sim.virtual_card import TECHNICIAN_BADGE, VirtualCard
from drivers.status import DeviceState
from kiosk.audit.log import audit_path, parse_line
from kiosk.service.report_words import in_english
from kiosk.service.technician import badge_label, hash_badge, hash_pin
from kiosk.visit.flow import Screen
from kiosk.visit.technician_login import Badge

PIN = "271828"
BADGE_HASH = hash_badge(TECHNICIAN_BADGE.uid.hex())


def test_the_enrolled_badge_then_the_pin_open_technician_mode(
        rig, clock, make_card: Callable[..., VirtualCard]) -> None:
    technician = rig.settings.technician.model_copy(update={
        "pin_hash": hash_pin(PIN), "badge_reader": "Virtual PCD",  # a part of VPCD_READER
        "badge_hashes": [BADGE_HASH]})
    settings = rig.settings.model_copy(update={"technician": technician})
    kiosk = TurnedCore(settings, clock)
    core, flow, turn_until = kiosk.core, kiosk.core.flow, kiosk.turn_until
    try:
        flow.technician()
        flow.enter_pin(PIN)
        assert flow.screen == Screen.TECH_PIN and flow.badge == Badge.WANTED

        make_card(TECHNICIAN_BADGE)
        turn_until(lambda: flow.badge == Badge.SHOWN)
        flow.enter_pin(PIN)
        assert flow.screen == Screen.TECHNICIAN

        assert core.devices.badge_reader.status.state == DeviceState.OK
        said = in_english(core.desk.report())
        assert ("badge reader", str(core.devices.badge_reader.status)) in said
        [peripheral] = [p for p in core.heartbeat_report()["peripherals"]
                        if p["name"] == "badge_reader"]
        assert (peripheral["kind"], peripheral["status"]) == ("smart_card_reader", "ok")
        assert core.heartbeat.beat_once()  # the central takes the report that names it
    finally:
        core.stop()
    stored = audit_path(settings.device.state_dir).read_bytes()
    records = [parse_line(line) for line in stored.splitlines(keepends=True)]
    logins = [(r["event"], r["fields"]) for r in records if r["event"].startswith("technician")]
    assert logins == [("technician_login_failed", {"reason": "no_badge"}),
                      ("technician_login", {"badge": badge_label(BADGE_HASH)})]
    assert TECHNICIAN_BADGE.uid.hex().upper().encode() not in stored.upper()


def test_a_kiosk_without_a_badge_reader_loads_no_smart_card_driver() -> None:
    """pyscard and the card profiles cost the start some 15 ms; most kiosks have no badge
    reader, so the core loads them only when it opens one."""
    lines = python_lines(
        "import sys, kiosk.core\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'smartcard'\n"
        "             or m.startswith('drivers.smartcard')))\n")
    assert lines == ["[]"]
