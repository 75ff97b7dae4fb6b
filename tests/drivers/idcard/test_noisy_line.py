"""A noisy line to the reader (issue 22): damaged answers cost a citizen nothing.

The emulator on a real pty damages answers as a long RS-232 cable in a busy
hall does; the driver asks again, reads again by a fresh exchange, counts
what it saw, and gives up only after its patience, saying so.
"""

from __future__ import annotations

import pytest

from drivers.idcard.errors import CardUnreadable
from drivers.idcard.events import CardLost, CardRead, CardReading, StatusChanged
from drivers.idcard.frame import Instruction
from drivers.idcard.line import LIMIT, WINDOW, LineHealth
from drivers.idcard.taking import read_one
from drivers.sim.cards import DEMO_CARDS
from drivers.sim.idcard_reader import Corruption
from drivers.status import DeviceState, DeviceStatus

NOT_WAITED_FOR = 3600.0
"""An answer timeout no test outlives: what passes did not wait for one."""


def events_but_status(recorder) -> list[type]:
    return [type(e) for e in recorder.events if not isinstance(e, StatusChanged)]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("n", [2, 3, 5])
def test_every_nth_answer_damaged_still_reads_every_card(emulator, recorder, start_reader, n):
    start_reader(answer_timeout=NOT_WAITED_FOR)
    recorder.state(DeviceState.OK)
    emulator.corrupt_every(n)
    for slug in ("li_ming", "chen_xiaoyan", "foreign_2023"):
        emulator.place(DEMO_CARDS[slug])
        assert recorder.card().document == DEMO_CARDS[slug].document
    assert CardLost not in events_but_status(recorder)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("n", [2, 3, 5])
def test_read_one_reads_with_every_nth_answer_damaged(emulator, n):
    emulator.place(DEMO_CARDS["huang_jiaming"])
    emulator.corrupt_every(n)
    assert read_one(emulator.port, 115200, 5.0) == DEMO_CARDS["huang_jiaming"].document


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "instruction", [Instruction.FIND_CARD, Instruction.SELECT_CARD, Instruction.READ_TEXT_PHOTO]
)
def test_read_one_reads_past_one_truncated_frame(emulator, instruction):
    emulator.place(DEMO_CARDS["zhang_jianguo"])
    emulator.corrupt_next(Corruption.TRUNCATE, instruction=instruction)
    assert read_one(emulator.port, 115200, 5.0) == DEMO_CARDS["zhang_jianguo"].document


def test_a_card_that_cannot_be_read_is_announced_then_lost(emulator, recorder, start_reader):
    start_reader(answer_timeout=1.0)
    recorder.state(DeviceState.OK)
    emulator.corrupt_next(Corruption.BAD_CHECKSUM, 100, instruction=Instruction.READ_TEXT_PHOTO)
    emulator.place(DEMO_CARDS["li_ming"])
    recorder.next(CardLost)
    assert events_but_status(recorder) == [CardReading, CardLost]
    assert emulator.answered[Instruction.READ_TEXT_PHOTO] == 3  # the read, two fresh exchanges
    emulator.clear_faults()
    emulator.place(DEMO_CARDS["li_ming"])
    assert recorder.card().document == DEMO_CARDS["li_ming"].document


def test_no_fresh_exchange_once_patience_is_spent(emulator, recorder, start_reader):
    start_reader(answer_timeout=1.0, read_patience=0.0)
    recorder.state(DeviceState.OK)
    emulator.corrupt_next(Corruption.BAD_CHECKSUM, instruction=Instruction.READ_TEXT_PHOTO)
    emulator.place(DEMO_CARDS["li_ming"])
    recorder.next(CardLost)
    assert emulator.answered[Instruction.RESET_SAM] == 0
    assert recorder.reads() == []


def test_read_one_says_a_card_could_not_be_read(emulator):
    emulator.reset_wakes_card = False
    emulator.place(DEMO_CARDS["li_ming"])
    emulator.corrupt_next(Corruption.BAD_CHECKSUM, instruction=Instruction.READ_TEXT_PHOTO)
    with pytest.raises(CardUnreadable, match="no longer found"):
        read_one(emulator.port, 115200, 5.0)


@pytest.mark.timeout(60)
def test_line_errors_degrade_the_reader_then_clear(emulator, recorder, start_reader):
    reader = start_reader(answer_timeout=NOT_WAITED_FOR)
    recorder.state(DeviceState.OK)
    emulator.corrupt_every(2)
    degraded = recorder.state(DeviceState.DEGRADED).status
    assert degraded == DeviceStatus(DeviceState.DEGRADED, "line errors")
    assert str(degraded) == "degraded (line errors)" and degraded.usable
    emulator.place(DEMO_CARDS["li_ming"])
    assert isinstance(recorder.next(CardRead), CardRead)
    emulator.clear_faults()
    recorder.state(DeviceState.OK)
    assert reader.status == DeviceStatus(DeviceState.OK)


def test_a_few_damaged_answers_are_noise_one_more_is_a_fault():
    line = LineHealth()
    for damaged in [False] * (WINDOW - LIMIT) + [True] * LIMIT:
        line.record(damaged=damaged)
    assert line.status() == DeviceStatus(DeviceState.OK)
    line.record(damaged=True)
    assert line.status().detail == "line errors"
    assert line.describe() == f"{LIMIT + 1} of {WINDOW} answers damaged"
    for _ in range(WINDOW):
        line.record(damaged=False)
    assert not line.degraded
