"""The scanner reader on a real pty: codes arrive, unplugging is seen, replugging heals."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.scanner.framing import CodeScanned, ScannerEvent, StatusChanged
from drivers.scanner.reader import ScannerReader
from drivers.sim.scanner import ScannerEmulator
from drivers.status import DeviceState

EVENT_WAIT = 5.0
"""Upper bound for an expected event; never reached when things work."""


class Events:
    def __init__(self) -> None:
        self._queue: queue.Queue[ScannerEvent] = queue.Queue()

    def __call__(self, event: ScannerEvent) -> None:
        self._queue.put(event)

    def next(self) -> ScannerEvent:
        return self._queue.get(timeout=EVENT_WAIT)

    def next_status(self) -> DeviceState:
        event = self.next()
        assert isinstance(event, StatusChanged), event
        return event.status.state


@pytest.fixture
def scanner(tmp_path: Path) -> Iterator[ScannerEmulator]:
    with ScannerEmulator(link=tmp_path / "ttyScanner") as emulator:
        yield emulator


def test_codes_arrive_as_events_and_repeats_are_debounced(scanner: ScannerEmulator) -> None:
    events = Events()
    now = [100.0]
    reader = ScannerReader(scanner.port, events, debounce_s=1.0, clock=lambda: now[0])
    reader.start()
    try:
        assert events.next_status() is DeviceState.OK
        scanner.scan("K0107-20261123-0042")
        assert events.next() == CodeScanned("K0107-20261123-0042")
        scanner.scan("K0107-20261123-0042")  # held under the scanner: dropped
        now[0] += 5
        scanner.scan("K0107-20261123-0042")
        assert events.next() == CodeScanned("K0107-20261123-0042")
    finally:
        reader.stop()


def test_unplug_goes_offline_and_replug_reconnects(scanner: ScannerEmulator) -> None:
    events = Events()
    waits: list[float] = []
    replugged = threading.Event()

    def wait(seconds: float) -> bool:
        waits.append(seconds)
        return not replugged.wait(EVENT_WAIT)

    reader = ScannerReader(scanner.port, events, wait=wait, backoff_s=(0.25, 1.0))
    reader.start()
    try:
        assert events.next_status() is DeviceState.OK
        scanner.unplug()
        assert events.next_status() is DeviceState.OFFLINE
        scanner.replug()
        replugged.set()
        assert events.next_status() is DeviceState.OK
        scanner.scan("AFTER")
        assert events.next() == CodeScanned("AFTER")
        assert waits and waits[0] == 0.25
    finally:
        reader.stop()
    assert not [t for t in threading.enumerate() if t.name == "scanner-reader"]


def test_a_missing_port_is_offline_and_stop_ends_the_retries(tmp_path: Path) -> None:
    events = Events()
    reader = ScannerReader(str(tmp_path / "absent"), events)
    reader.start()
    event = events.next()
    reader.stop()
    assert isinstance(event, StatusChanged)
    assert event.status.state is DeviceState.OFFLINE and "not connected" in event.status.detail
    assert not [t for t in threading.enumerate() if t.name == "scanner-reader"]
