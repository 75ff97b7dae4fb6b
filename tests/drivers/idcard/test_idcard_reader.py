"""The reader driver against the emulator on a real pty, through real pyserial."""

from __future__ import annotations

import threading
import time

import pytest
import serial

from drivers.idcard.errors import CardNotPresent
from drivers.idcard.events import CardLost, CardRead, CardReading, CardRemoved, StatusChanged
from drivers.idcard.frame import Instruction, SamError, Sw3
from drivers.idcard.reader import INITIAL_BACKOFF, IdCardReader
from drivers.idcard.taking import read_one
from drivers.sim.cards import DEMO_CARDS
from drivers.sim.idcard_reader import DEFAULT_SAM_ID, Corruption
from drivers.status import DeviceState

OK, DEGRADED, OFFLINE, ERROR = (
    DeviceState.OK,
    DeviceState.DEGRADED,
    DeviceState.OFFLINE,
    DeviceState.ERROR,
)
BOUND = 5.0


def wait_until(condition, what: str) -> None:
    """Poll a real condition briefly; fail (not hang) if it never holds."""
    deadline = time.monotonic() + BOUND
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.005)


def finds(emulator) -> int:
    return emulator.answered[Instruction.FIND_CARD]


def reader_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "idcard-reader"]


@pytest.mark.parametrize("slug", sorted(DEMO_CARDS))
def test_every_card_type_round_trips_through_the_pty(emulator, recorder, start_reader, slug):
    reader = start_reader()
    recorder.state(OK)
    assert reader.sam_id == DEFAULT_SAM_ID.hex().upper()
    emulator.place(DEMO_CARDS[slug])
    assert recorder.card().document == DEMO_CARDS[slug].document


def test_fingerprints_are_read_when_asked(emulator, recorder, start_reader):
    start_reader(read_fingerprint=True)
    emulator.place(DEMO_CARDS["wang_xiuying"])
    document = recorder.card().document
    assert document.fingerprint == DEMO_CARDS["wang_xiuying"].fingerprint
    assert len(document.fingerprint) == 1024
    emulator.place(DEMO_CARDS["li_ming"])
    assert recorder.card().document.fingerprint == b""
    assert emulator.answered[Instruction.READ_TEXT_PHOTO_FINGERPRINT] == 2


def test_one_read_per_placement_then_removed(emulator, recorder, start_reader):
    start_reader()
    emulator.place(DEMO_CARDS["li_ming"])
    recorder.card()
    recorder.removed()
    polled = finds(emulator)
    wait_until(lambda: finds(emulator) >= polled + 5, "five more polls")
    assert len(recorder.reads()) == 1
    assert sum(isinstance(e, CardRemoved) for e in recorder.events) == 1

    emulator.remove()
    emulator.place(DEMO_CARDS["li_ming"])
    recorder.card()
    assert len(recorder.reads()) == 2
    kinds = [type(e) for e in recorder.events if not isinstance(e, StatusChanged)]
    assert kinds == [CardReading, CardRead, CardRemoved, CardReading, CardRead]


def test_stop_leaves_no_thread_and_restart_works(emulator, recorder, start_reader):
    reader = start_reader()
    recorder.state(OK)
    reader.stop()
    assert reader_threads() == []
    reader.start()
    emulator.place(DEMO_CARDS["chen_xiaoyan"])
    assert recorder.card().document.name == "陈晓燕"


def test_read_one_reads_the_card_on_the_reader(emulator):
    emulator.place(DEMO_CARDS["huang_jiaming"])
    assert read_one(emulator.port, 115200, 1.0) == DEMO_CARDS["huang_jiaming"].document


def test_read_one_without_card_or_sam_or_port(emulator):
    with pytest.raises(CardNotPresent):
        read_one(emulator.port, 115200, 0.0)
    emulator.no_sam = True
    with pytest.raises(SamError) as caught:
        read_one(emulator.port, 115200, 0.0)
    assert caught.value.verdict is Sw3.SAM_SELF_TEST_FAILED
    emulator.vanish()
    with pytest.raises(serial.SerialException):
        read_one(emulator.port, 115200, 0.0)


def test_missing_sam_is_an_error_until_it_answers(emulator, recorder, start_reader, step_wait):
    emulator.no_sam = True
    reader = start_reader()
    status = recorder.state(ERROR).status
    assert "SAM self-test failed" in status.detail and not status.usable
    step_wait.wait_for(1)
    emulator.no_sam = False
    step_wait.release()
    recorder.state(OK)
    assert reader.status.state is OK and recorder.states() == [ERROR, OK]
    assert step_wait.delays == [INITIAL_BACKOFF]


def test_sam_fault_during_polling_reconnects(emulator, recorder, start_reader, step_wait):
    start_reader()
    recorder.state(OK)
    emulator.answer_next_with(Sw3.SAM_NOT_AUTHORISED)
    recorder.state(ERROR)
    step_wait.wait_for(1)
    step_wait.release()
    recorder.state(OK)
    emulator.place(DEMO_CARDS["li_ming"])
    assert recorder.card().document.id_number == "440106198807210036"


@pytest.mark.parametrize("kind", [Corruption.BAD_CHECKSUM, Corruption.TRUNCATE])
def test_a_damaged_find_answer_is_retried(emulator, recorder, start_reader, kind):
    start_reader(answer_timeout=0.2)
    recorder.state(OK)
    emulator.corrupt_next(kind, count=2, instruction=Instruction.FIND_CARD)
    emulator.place(DEMO_CARDS["li_ming"])
    assert recorder.card().document == DEMO_CARDS["li_ming"].document
    assert recorder.states() == [OK]


def test_noise_before_answers_does_not_matter(emulator, recorder, start_reader):
    emulator.corrupt_next(Corruption.NOISE, count=20)
    start_reader()
    emulator.place(DEMO_CARDS["foreign_2023"])
    assert recorder.card().document == DEMO_CARDS["foreign_2023"].document
    assert recorder.states() == [OK]


def test_a_lost_read_answer_is_read_again_by_a_fresh_exchange(emulator, recorder, start_reader):
    start_reader(answer_timeout=0.2)
    recorder.state(OK)
    emulator.corrupt_next(Corruption.TRUNCATE, instruction=Instruction.READ_TEXT_PHOTO)
    emulator.place(DEMO_CARDS["li_ming"])
    assert recorder.card().document == DEMO_CARDS["li_ming"].document
    assert emulator.answered[Instruction.READ_TEXT_PHOTO] == 2
    assert emulator.answered[Instruction.RESET_SAM] == 1
    kinds = [type(e) for e in recorder.events if not isinstance(e, StatusChanged)]
    assert kinds == [CardReading, CardRead]


def test_a_lost_read_loses_the_placement_where_a_reset_does_not_wake_the_card(
    emulator, recorder, start_reader
):
    emulator.reset_wakes_card = False
    start_reader(answer_timeout=0.2)
    recorder.state(OK)
    emulator.corrupt_next(Corruption.TRUNCATE, instruction=Instruction.READ_TEXT_PHOTO)
    emulator.place(DEMO_CARDS["li_ming"])
    recorder.next(CardLost)
    polled = finds(emulator)
    wait_until(lambda: finds(emulator) >= polled + 3, "polls after the lost read")
    assert recorder.reads() == []
    assert emulator.answered[Instruction.READ_TEXT_PHOTO] == 1
    emulator.place(DEMO_CARDS["li_ming"])
    assert recorder.card().document == DEMO_CARDS["li_ming"].document


def test_garbled_answers_degrade_then_recover(emulator, recorder, start_reader):
    start_reader()
    recorder.state(OK)
    emulator.answer_next_with(Sw3.CHECKSUM_ERROR, count=10_000)
    status = recorder.state(DEGRADED).status
    assert "checksum error" in status.detail
    emulator.clear_faults()
    recorder.state(OK)
    emulator.place(DEMO_CARDS["zhang_jianguo"])
    assert recorder.card().document.valid_to is None


def test_slow_answers_are_waited_for(emulator, recorder, start_reader):
    emulator.answer_delay = 0.05
    start_reader(answer_timeout=2.0)
    emulator.place(DEMO_CARDS["foreign_2017"])
    assert recorder.card().document == DEMO_CARDS["foreign_2017"].document


def test_unplug_and_replug_goes_offline_then_ok(emulator, recorder, start_reader, step_wait):
    start_reader()
    recorder.state(OK)
    emulator.vanish()
    assert recorder.state(OFFLINE).status.detail == "port unavailable"
    step_wait.wait_for(1)
    step_wait.release()
    step_wait.wait_for(2)
    assert step_wait.delays == [INITIAL_BACKOFF, 2 * INITIAL_BACKOFF]
    emulator.reappear()
    step_wait.release()
    recorder.state(OK)
    assert recorder.states() == [OK, OFFLINE, OK]
    emulator.place(DEMO_CARDS["li_ming"])
    assert recorder.card().document.name == "李明"


def test_port_missing_at_start_then_plugged_in(emulator, recorder, start_reader, step_wait):
    emulator.vanish()
    start_reader()
    recorder.state(OFFLINE)
    step_wait.wait_for(1)
    emulator.reappear()
    step_wait.release()
    recorder.state(OK)
    assert recorder.states() == [OFFLINE, OK]


def test_stop_during_backoff_returns(emulator, recorder, start_reader, step_wait):
    emulator.vanish()
    reader = start_reader()
    step_wait.wait_for(1)
    reader.stop()
    assert reader_threads() == []


def test_a_failing_event_handler_does_not_stop_the_reader(emulator):
    seen: list[object] = []

    def handler(event: object) -> None:
        seen.append(event)
        raise RuntimeError("handler bug")

    reader = IdCardReader(emulator.port, poll_interval=0.01, on_event=handler)
    reader.start()
    try:
        emulator.place(DEMO_CARDS["li_ming"])
        wait_until(lambda: any(isinstance(e, CardRead) for e in seen), "a card read")
        emulator.place(DEMO_CARDS["chen_xiaoyan"])
        wait_until(lambda: sum(isinstance(e, CardRead) for e in seen) == 2, "a second read")
    finally:
        reader.stop()
    assert reader.status.state is OK


@pytest.mark.timeout(30)
def test_stop_does_not_wait_for_a_silent_sam(emulator, recorder, start_reader):
    emulator.answer_delay = 3600.0
    reader = start_reader(answer_timeout=3600.0)
    wait_until(lambda: emulator.answered[Instruction.SAM_STATUS] == 1, "the first command")
    reader.stop()
    assert reader_threads() == []
    assert recorder.events == [] and reader.status.detail == "not yet seen"
