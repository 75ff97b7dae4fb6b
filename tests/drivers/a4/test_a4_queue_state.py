"""A CUPS queue's state and reasons, judged as the kiosk must: print, warn, or refuse."""

from __future__ import annotations

import pytest

from drivers.a4 import QueueState, device_status
from drivers.a4.queue_state import IDLE, PROCESSING, STOPPED
from drivers.status import DeviceState, DeviceStatus

ERROR, DEGRADED, OFFLINE, OK = (DeviceState.ERROR, DeviceState.DEGRADED, DeviceState.OFFLINE,
                                DeviceState.OK)


@pytest.mark.parametrize(("reasons", "expected"), [
    (("none",), DeviceStatus(OK)),
    (("media-empty-error",), DeviceStatus(ERROR, "paper out")),
    (("media-empty",), DeviceStatus(ERROR, "paper out")),
    (("media-empty-warning",), DeviceStatus(DEGRADED, "paper out")),
    (("media-needed-error",), DeviceStatus(ERROR, "paper out")),
    (("media-jam-error",), DeviceStatus(ERROR, "paper jam")),
    (("door-open-error",), DeviceStatus(ERROR, "door open")),
    (("cover-open-report",), DeviceStatus(DEGRADED, "cover open")),
    (("toner-empty-error",), DeviceStatus(ERROR, "toner empty")),
    (("toner-low-report",), DeviceStatus(DEGRADED, "toner low")),
    (("marker-supply-low-warning",), DeviceStatus(DEGRADED, "toner low")),
    (("media-low-report",), DeviceStatus(DEGRADED, "paper low")),
    (("offline-report",), DeviceStatus(OFFLINE, "printer offline")),
    (("connecting-to-device",), DeviceStatus(OFFLINE, "printer offline")),
    (("fuser-over-temp-error",), DeviceStatus(ERROR, "fuser-over-temp")),
    # CUPS's own notes about filters say nothing about the printer
    (("cups-missing-filter-warning", "cups-insecure-filter-error"), DeviceStatus(OK)),
    # the worst reason wins, whatever order the printer lists them in
    (("toner-low-report", "media-jam-error"), DeviceStatus(ERROR, "paper jam")),
])
def test_the_printers_reasons(reasons: tuple[str, ...], expected: DeviceStatus) -> None:
    assert device_status(QueueState(IDLE, reasons)) == expected


def test_a_busy_queue_is_ready() -> None:
    assert device_status(QueueState(PROCESSING, ("none",))) == DeviceStatus(OK)


def test_a_stopped_queue_says_why() -> None:
    assert device_status(QueueState(STOPPED, ("paused",), message="cleaning")) == \
        DeviceStatus(ERROR, "queue paused: cleaning")
    assert device_status(QueueState(STOPPED, ())) == DeviceStatus(ERROR, "queue stopped")


def test_the_printers_own_fault_comes_before_the_stop_it_caused() -> None:
    stopped_by_jam = QueueState(STOPPED, ("media-jam-error",), message="Filter failed")
    assert device_status(stopped_by_jam) == DeviceStatus(ERROR, "paper jam")


def test_a_queue_that_rejects_jobs_is_not_ready_even_when_idle() -> None:
    assert device_status(QueueState(IDLE, ("none",), accepting=False)) == \
        DeviceStatus(ERROR, "queue not accepting jobs")


def test_a_warning_still_prints_but_a_stop_does_not() -> None:
    warned = device_status(QueueState(IDLE, ("toner-low-warning",)))
    assert warned.usable and warned.state is DEGRADED
    assert not device_status(QueueState(STOPPED, ("toner-low-warning", "paused"))).usable
