"""The scan test names the kind of code a technician showed, never its content."""

from __future__ import annotations

from kiosk.service.peripheral_tests import PeripheralTests, Probe
from kiosk.service.report_words import Phrase

CODE = "K0107-20261123-0042.Xq3vN8pLr2TzW5yA7bKc0d"


def test_a_receipts_qr_code_is_named_and_its_token_not_shown() -> None:
    tests = PeripheralTests()
    tests.expect(Probe.SCAN, Phrase("waiting_code"))
    assert tests.took_code(CODE)
    [(_, said)] = tests.lines()
    line = str(said)
    assert line == f"scan received: {len(CODE)} characters, a receipt's QR code"
    assert "Xq3vN8pLr2TzW5yA7bKc0d" not in line
