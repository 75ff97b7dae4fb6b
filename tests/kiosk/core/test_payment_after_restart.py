"""The kiosk itself, restarted after a kill between "paid" and the spooling: at start it
finds the paid payment, and the technician's desk and the audit log show it."""

from __future__ import annotations

import sys
from pathlib import Path

from turned_core import TurnedCore

from kiosk.core import open_spool, spool_file
from kiosk.service.report_words import in_english
from kiosk.service.state_files import SPOOL_KEY
from kiosk.uplink.credentials import load_credentials

sys.path.append(str(Path(__file__).parents[1] / "visit" / "payments"))
from pay_helpers import kill_between_paid_and_the_put


def test_a_paid_payment_left_by_a_kill_is_on_the_desk_after_the_restart(rig, clock) -> None:
    settings = rig.settings
    credentials = load_credentials(settings.device.state_dir)
    assert credentials is not None
    key = kill_between_paid_and_the_put(
        spool_file(settings), settings.device.state_dir / SPOOL_KEY, settings.central.url,
        credentials.token, credentials.device_id)
    kiosk = TurnedCore(settings, clock)
    try:
        core = kiosk.core
        lines = [text for name, text in in_english(core.desk.report()) if name == "payment"]
        assert len(lines) == 1 and "PAID, visit ended" in lines[0]
        assert core.spool.payment(key).visit_ended and core.spool.stats().pending == 0
        audit = settings.device.state_dir.glob("audit*")
        assert any("payment_paid_visit_ended" in path.read_text(encoding="utf-8")
                   for path in audit if path.is_file())
    finally:
        kiosk.core.stop()
    with open_spool(settings, clock, recover_in_flight=False) as spool:
        assert spool.payment(key).state == "paid"  # kept until a person has made it right
