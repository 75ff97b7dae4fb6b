"""The CUPS driver as the visit's A4Output: ready by the monitor's last word, and a job
that did not complete told as a failed outcome with the driver's reason."""

from __future__ import annotations

import pytest

from drivers.a4 import A4Printer
from drivers.status import UNKNOWN, DeviceState, DeviceStatus
from kiosk.printing.a4_cups import CupsA4Output
from kiosk.uplink.documents import VerifiedDocument


@pytest.mark.parametrize(("status", "reason"), [
    (DeviceStatus(DeviceState.OK), None),
    (DeviceStatus(DeviceState.DEGRADED, "toner low"), None),
    (DeviceStatus(DeviceState.ERROR, "paper jam"), "a4_not_ready"),
    (UNKNOWN, "a4_not_ready"),  # not polled yet: nothing is promised to a citizen
    (None, "a4_not_ready"),
])
def test_ready_is_what_the_monitor_last_saw(status: DeviceStatus | None,
                                            reason: str | None) -> None:
    output = CupsA4Output(A4Printer("a4", server="/nonexistent/cups.sock"), lambda: status)
    assert output.not_ready() == reason


def test_a_printer_that_cannot_be_reached_is_a_failed_outcome_not_a_crash(tmp_path) -> None:
    output = CupsA4Output(A4Printer("a4", server=str(tmp_path / "no.sock")),
                          lambda: DeviceStatus(DeviceState.OK))
    outcome = output.print_document(VerifiedDocument("D-1", b"%PDF-1.7", 1, "CA"))
    assert not outcome.printed and "CUPS does not answer at" in outcome.detail
