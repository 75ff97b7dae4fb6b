"""SmartCardReader's thread against the real pcscd + vpcd and the virtual card.

Each test waits for the events it expects (bounded by the event log), so the
assertions are about order and content, never about time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest

from drivers.sim.virtual_card import (
    LI_MING,
    TECHNICIAN_BADGE,
    VPCD_READER,
    WANG_XIUYING,
    CardFault,
    VirtualCard,
)
from drivers.smartcard import (
    BadgeRead,
    CardReadFailed,
    CardRemoved,
    CardUnresponsive,
    MalformedResponse,
    SmartCardEvent,
    SmartCardRead,
    SmartCardReader,
    StatusChanged,
)
from drivers.smartcard.monitor import CARD_STUCK, NO_READER
from drivers.status import DeviceState

MakeCard = Callable[..., VirtualCard]
MUTE_TIMEOUT = 1.0


@pytest.fixture
def start_reader(pcsc_daemon: object) -> Iterator[Callable[..., SmartCardReader]]:
    """Factory for started SmartCardReaders; every one is stopped at teardown."""
    started: list[SmartCardReader] = []

    def start(
        on_event: Callable[[SmartCardEvent], None],
        reader_name_contains: str | None = VPCD_READER,
    ) -> SmartCardReader:
        reader = SmartCardReader(reader_name_contains, on_event, read_timeout=MUTE_TIMEOUT)
        reader.start()
        started.append(reader)
        return reader

    yield start
    for reader in started:
        reader.stop()


def test_insert_read_remove(make_card: MakeCard, start_reader, event_log) -> None:
    reader = start_reader(event_log)
    ready = event_log.wait_for(StatusChanged)
    assert ready.status.state is DeviceState.OK
    assert VPCD_READER in ready.status.detail

    card = make_card(WANG_XIUYING, inserted=False)
    card.insert()
    read = event_log.wait_for(SmartCardRead)
    assert read.card.name == "王秀英"
    assert read.card.social_security_number == "110101195603080020"
    assert read.card.region == "110100"

    card.remove()
    removed_at = event_log.events.index(read) + 1
    event_log.wait_for(CardRemoved, after=removed_at)

    second = make_card(LI_MING, inserted=False)
    second.insert()
    again = event_log.wait_for(SmartCardRead, after=removed_at)
    assert again.card.name == "李明"
    assert reader.status.usable
    kinds = [type(e) for e in event_log.events]
    assert kinds == [StatusChanged, SmartCardRead, CardRemoved, SmartCardRead]


def test_a_card_already_in_the_reader_is_read_at_start(
    make_card: MakeCard, start_reader, event_log
) -> None:
    make_card(LI_MING)
    start_reader(event_log)
    assert event_log.wait_for(SmartCardRead).card.social_security_number == "440106198807210036"


def test_badge_gives_its_uid(make_card: MakeCard, start_reader, event_log) -> None:
    start_reader(event_log)
    make_card(TECHNICIAN_BADGE)
    assert event_log.wait_for(BadgeRead).uid == "04A1B2C3D4E5F6"


def test_no_matching_reader_is_offline(start_reader, event_log) -> None:
    reader = start_reader(event_log, reader_name_contains="Acme Reader That Is Not There")
    assert event_log.wait_for(StatusChanged).status == NO_READER
    assert reader.status.state is DeviceState.OFFLINE
    assert not reader.status.usable


def test_mute_card_is_reported_and_the_reader_recovers(
    make_card: MakeCard, start_reader, event_log
) -> None:
    reader = start_reader(event_log)
    mute = make_card(WANG_XIUYING, CardFault.MUTE)
    failed = event_log.wait_for(CardReadFailed)
    assert isinstance(failed.error, CardUnresponsive)
    assert reader.status == CARD_STUCK

    mute.remove()
    event_log.wait_for(CardRemoved)
    event_log.wait_until(lambda: reader.status.state is DeviceState.OK)

    make_card(LI_MING)
    assert event_log.wait_for(SmartCardRead).card.name == "李明"


def test_garbage_is_reported_as_malformed(make_card: MakeCard, start_reader, event_log) -> None:
    reader = start_reader(event_log)
    make_card(WANG_XIUYING, CardFault.GARBAGE)
    failed = event_log.wait_for(CardReadFailed)
    assert isinstance(failed.error, MalformedResponse)
    assert reader.status.state is DeviceState.OK  # the reader itself is fine


def test_a_failing_event_handler_does_not_stop_the_reader(
    make_card: MakeCard, start_reader, event_log
) -> None:
    def fragile(event: SmartCardEvent) -> None:
        event_log(event)
        if isinstance(event, StatusChanged):
            raise RuntimeError("the core's handler is broken")

    start_reader(fragile)
    event_log.wait_for(StatusChanged)
    make_card(TECHNICIAN_BADGE)
    assert event_log.wait_for(BadgeRead).uid == "04A1B2C3D4E5F6"


def test_personal_data_never_reaches_the_log(
    make_card: MakeCard, start_reader, event_log, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    start_reader(event_log)
    make_card(WANG_XIUYING)
    read = event_log.wait_for(SmartCardRead)
    logging.getLogger("test").info("event: %r", read)
    for secret in ("王秀英", "110101195603080020", "A10023687", "110100D156000005"):
        assert secret not in caplog.text
    assert "SmartCardRead" in caplog.text


def test_stop_returns_while_a_mute_card_holds_the_reader(
    make_card: MakeCard, start_reader, event_log
) -> None:
    reader = start_reader(event_log)
    make_card(WANG_XIUYING, CardFault.MUTE)
    event_log.wait_for(CardReadFailed)
    reader.stop()
    count = len(event_log.events)
    reader.stop()  # idempotent
    assert len(event_log.events) == count
