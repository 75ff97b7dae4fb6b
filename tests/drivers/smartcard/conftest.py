"""Fixtures for the smart-card tests: one real pcscd, virtual cards, an event log.

Every integration test talks to the real pcscd through pyscard; the card is
drivers.sim.virtual_card on vpcd's first slot. Waiting is bounded polling on
a real condition (a PC/SC reader state, an event arriving), never a sleep.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from smartcard import scard

from drivers.sim.pcscd import PcscDaemon
from drivers.sim.virtual_card import T0, VPCD_READER, CardData, CardFault, VirtualCard
from drivers.smartcard.events import SmartCardEvent
from drivers.smartcard.pcsc import PcscContext

BOUND = 20.0
"""Upper bound for any wait on pcscd; reached only when something is broken."""


@pytest.fixture(scope="session")
def pcsc_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PcscDaemon]:
    log_path = tmp_path_factory.mktemp("pcscd") / "pcscd.log"
    with PcscDaemon(log_path=log_path) as daemon:
        yield daemon


def wait_for_card(reader: str, present: bool) -> None:
    """Block until pcscd reports a card in `reader` (or none), within BOUND."""
    deadline = time.monotonic() + BOUND
    state = scard.SCARD_STATE_UNAWARE
    with PcscContext() as context:
        while time.monotonic() < deadline:
            changed = context.wait_for_change([(reader, state)], 500)
            if changed is not None:
                state = changed[0][1] & ~scard.SCARD_STATE_CHANGED
            if bool(state & scard.SCARD_STATE_PRESENT) == present:
                return
    raise AssertionError(f"{reader}: card present={present} not seen within {BOUND} s")


@pytest.fixture
def make_card(pcsc_daemon: PcscDaemon) -> Iterator[Callable[..., VirtualCard]]:
    """Factory for started cards on VPCD_READER, inserted unless told not to.

    An inserted card is returned once pcscd reports it. At teardown every
    card is stopped and the test waits until pcscd sees the reader empty, so
    the next test starts from an empty reader.
    """
    cards: list[VirtualCard] = []

    def make(
        data: CardData,
        fault: CardFault = CardFault.NONE,
        *,
        inserted: bool = True,
        t0: T0 | None = None,
    ) -> VirtualCard:
        card = VirtualCard(data, fault=fault, t0=t0)
        card.start()
        cards.append(card)
        if inserted:
            card.insert()
            wait_for_card(VPCD_READER, present=True)
        return card

    yield make
    for card in cards:
        card.stop()
    wait_for_card(VPCD_READER, present=False)


class EventLog:
    """Collects a SmartCardReader's events from its thread; waits for them."""

    def __init__(self) -> None:
        self.events: list[SmartCardEvent] = []
        self._changed = threading.Condition()

    def __call__(self, event: SmartCardEvent) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def wait_for(self, kind: type, after: int = 0) -> SmartCardEvent:
        """The first event of `kind` at index >= `after`, waiting up to BOUND."""
        with self._changed:
            found = self._changed.wait_for(
                lambda: next((e for e in self.events[after:] if isinstance(e, kind)), None),
                timeout=BOUND,
            )
        if found is None:
            raise AssertionError(f"no {kind.__name__} within {BOUND} s; got {self.events}")
        return found

    def wait_until(self, condition: Callable[[], bool]) -> None:
        """Wait up to BOUND for `condition` (checked whenever an event arrives)."""
        with self._changed:
            if not self._changed.wait_for(condition, timeout=BOUND):
                raise AssertionError(f"condition not met within {BOUND} s; got {self.events}")


@pytest.fixture
def event_log() -> EventLog:
    return EventLog()
