"""The monitor reports changes only, survives failures, and is stepped, not slept."""

from __future__ import annotations

import threading

from drivers.printer.monitor import PrinterMonitor
from drivers.status import DeviceState, DeviceStatus

OK = DeviceStatus(DeviceState.OK)
LOW = DeviceStatus(DeviceState.DEGRADED, "paper near end")


def test_only_changes_are_reported() -> None:
    readings = iter([OK, OK, LOW, LOW, OK])
    seen: list[DeviceStatus] = []
    monitor = PrinterMonitor(lambda: next(readings), seen.append)
    for _ in range(5):
        monitor.poll_once()
    assert seen == [OK, LOW, OK]


def test_a_failing_read_is_reported_offline() -> None:
    def broken() -> DeviceStatus:
        raise OSError("gone")

    seen: list[DeviceStatus] = []
    PrinterMonitor(broken, seen.append).poll_once()
    assert seen[0].state is DeviceState.OFFLINE and "gone" in seen[0].detail


def test_the_thread_polls_at_the_interval_through_the_injected_wait() -> None:
    readings = iter([OK, LOW, LOW, LOW, LOW, LOW])
    seen: list[DeviceStatus] = []
    waits: list[float] = []
    two_waits = threading.Event()

    def wait(seconds: float) -> bool:
        waits.append(seconds)
        if len(waits) < 2:
            return False
        two_waits.set()
        return True  # end polling, as Event.wait does once stop() was called

    monitor = PrinterMonitor(lambda: next(readings), seen.append, interval=7.5, wait=wait)
    monitor.start()
    assert two_waits.wait(5)
    monitor.stop()
    assert waits == [7.5, 7.5]
    assert seen == [OK, LOW]


def test_stop_wakes_the_default_wait() -> None:
    polled = threading.Event()
    monitor = PrinterMonitor(lambda: OK, lambda status: polled.set(), interval=3600)
    monitor.start()
    assert polled.wait(5)
    monitor.stop()
    assert not [t for t in threading.enumerate() if t.name == "printer-monitor"]
