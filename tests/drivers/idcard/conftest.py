"""Fixtures for the ID-card driver tests: a started emulator and an event recorder."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator

import pytest

from drivers.idcard.events import CardRead, CardRemoved, IdCardEvent, StatusChanged
from drivers.idcard.reader import IdCardReader
from drivers.sim.idcard_reader import IdCardReaderEmulator
from drivers.status import DeviceState

EVENT_WAIT = 5.0
"""Upper bound for an expected event to arrive; never reached when things work."""


class Recorder:
    """Collects a reader's events and lets a test wait for the next matching one."""

    def __init__(self) -> None:
        self.events: list[IdCardEvent] = []
        self._queue: queue.Queue[IdCardEvent] = queue.Queue()

    def __call__(self, event: IdCardEvent) -> None:
        self.events.append(event)
        self._queue.put(event)

    def next(self, kind: type, predicate: Callable[[IdCardEvent], bool] = lambda _: True):
        """The next event of `kind` matching `predicate` (skipping others)."""
        while True:
            event = self._queue.get(timeout=EVENT_WAIT)
            if isinstance(event, kind) and predicate(event):
                return event

    def state(self, state: DeviceState) -> StatusChanged:
        return self.next(StatusChanged, lambda event: event.status.state is state)

    def card(self) -> CardRead:
        return self.next(CardRead)

    def removed(self) -> CardRemoved:
        return self.next(CardRemoved)

    def states(self) -> list[DeviceState]:
        return [e.status.state for e in self.events if isinstance(e, StatusChanged)]

    def reads(self) -> list[CardRead]:
        return [e for e in self.events if isinstance(e, CardRead)]


class StepWait:
    """A backoff wait the test steps through: records each delay, returns when released."""

    def __init__(self) -> None:
        self.delays: list[float] = []
        self._released = threading.Semaphore(0)
        self._asked = threading.Condition()

    def __call__(self, seconds: float, stop: threading.Event) -> bool:
        with self._asked:
            self.delays.append(seconds)
            self._asked.notify_all()
        while not stop.is_set():
            if self._released.acquire(timeout=0.05):
                return False
        return True

    def wait_for(self, count: int) -> None:
        """Block until the reader has asked for `count` backoff waits."""
        with self._asked:
            assert self._asked.wait_for(lambda: len(self.delays) >= count, EVENT_WAIT)

    def release(self) -> None:
        self._released.release()


@pytest.fixture
def emulator() -> Iterator[IdCardReaderEmulator]:
    with IdCardReaderEmulator() as emulator:
        yield emulator


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def step_wait() -> StepWait:
    return StepWait()


@pytest.fixture
def start_reader(
    emulator: IdCardReaderEmulator, recorder: Recorder, step_wait: StepWait
) -> Iterator[Callable[..., IdCardReader]]:
    """Start a reader on the emulator's port; stopped at teardown."""
    readers: list[IdCardReader] = []

    def start(**options: object) -> IdCardReader:
        settings: dict = {"poll_interval": 0.01, "backoff_wait": step_wait, **options}
        reader = IdCardReader(emulator.port, on_event=recorder, **settings)
        readers.append(reader)
        reader.start()
        return reader

    yield start
    for reader in readers:
        reader.stop()
