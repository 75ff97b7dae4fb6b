"""Baud rates on a pty: an emulator deaf at other rates, the driver's probe, the wire bytes.

The emulator reads the rate the driver set from the tty itself (tcgetattr),
so these tests prove the driver really switches the port's rate, not only
that it sends commands.
"""

from __future__ import annotations

import logging

import pytest

from drivers.idcard.errors import NoAnswer
from drivers.idcard.frame import Instruction
from drivers.idcard.reader import IdCardReader
from drivers.idcard.session import (
    AUTO_BAUD,
    BAUD_RATES,
    SamSession,
    check_baud,
    connect,
    open_port,
)
from drivers.idcard.taking import read_one, take_card
from drivers.sim.cards import DEMO_CARDS
from drivers.sim.idcard_reader import IdCardReaderEmulator
from drivers.status import DeviceState

CARD = DEMO_CARDS["li_ming"]


def test_an_emulator_at_a_set_rate_hears_only_that_rate() -> None:
    with IdCardReaderEmulator(baud=38400) as emulator, open_port(emulator.port, 115200) as port:
        session = SamSession(port, answer_timeout=0.2)
        with pytest.raises(NoAnswer):
            session.transact(Instruction.READ_SAM_ID)
        assert emulator.answered[Instruction.READ_SAM_ID] == 0
        assert emulator.unheard_bytes == 10
        port.baudrate = 38400
        assert session.sam_id() == emulator.sam_id.hex().upper()


@pytest.mark.parametrize("rate", [BAUD_RATES[0], BAUD_RATES[-1]])
def test_read_one_finds_the_rate_and_says_which(rate: int, caplog) -> None:
    caplog.set_level(logging.INFO, logger="drivers.idcard.session")
    with IdCardReaderEmulator(baud=rate) as emulator:
        emulator.place(CARD)
        assert read_one(emulator.port, AUTO_BAUD, 1.0) == CARD.document
    assert f"answers at {rate} bps" in caplog.text
    assert emulator.unheard_bytes == 10 * BAUD_RATES.index(rate)


def test_read_one_gives_up_when_no_rate_answers() -> None:
    with IdCardReaderEmulator(baud=4800) as emulator:
        with pytest.raises(NoAnswer, match="no answer at any of 115200, 57600"):
            read_one(emulator.port, AUTO_BAUD, 0.0)
        assert emulator.answered.total() == 0
        assert emulator.unheard_bytes == 10 * len(BAUD_RATES)


def test_a_fixed_rate_is_not_probed() -> None:
    with IdCardReaderEmulator(baud=9600) as emulator:
        port, _session, rate = connect(emulator.port, 57600)
        with port:
            assert (rate, port.baudrate, emulator.wire_bytes) == (57600, 57600, 0)


@pytest.mark.parametrize("baud", ["fast", 0, -9600])
def test_a_baud_that_is_neither_rate_nor_auto_is_refused(baud, tmp_path) -> None:
    with pytest.raises(ValueError, match="baud must be"):
        check_baud(baud)
    with pytest.raises(ValueError, match="baud must be"):
        read_one(str(tmp_path / "no-port"), baud, 0.0)
    with pytest.raises(ValueError, match="baud must be"):
        IdCardReader(str(tmp_path / "no-port"), baud=baud, on_event=print)


def test_the_reader_probes_again_after_a_replug(emulator, recorder, start_reader, step_wait):
    emulator.baud = 57600
    reader = start_reader(baud=AUTO_BAUD)
    recorder.state(DeviceState.OK)
    assert reader.baud == 57600
    emulator.place(CARD)
    assert recorder.card().document == CARD.document

    emulator.vanish()
    recorder.state(DeviceState.OFFLINE)
    step_wait.wait_for(1)
    emulator.baud = 9600  # another reader, set to another rate, on the same port name
    emulator.reappear()
    unheard_before = emulator.unheard_bytes
    step_wait.release()
    recorder.state(DeviceState.OK)
    assert reader.baud == 9600
    # 57600 (found last time) first, then the list in order up to 9600: four misses.
    assert emulator.unheard_bytes - unheard_before == 10 * (len(BAUD_RATES) - 1)


def test_a_replugged_reader_at_the_same_rate_answers_the_first_probe(
    emulator, recorder, start_reader, step_wait
):
    emulator.baud = 57600
    reader = start_reader(baud=AUTO_BAUD)
    recorder.state(DeviceState.OK)
    emulator.vanish()
    recorder.state(DeviceState.OFFLINE)
    step_wait.wait_for(1)
    emulator.reappear()
    unheard_before = emulator.unheard_bytes
    step_wait.release()
    recorder.state(DeviceState.OK)
    assert reader.baud == 57600
    assert emulator.unheard_bytes == unheard_before  # 115200 was not tried again


def test_a_paced_read_carries_the_documented_bytes() -> None:
    """find (10+15), select (10+19), read text+photo (10+1295): HARDWARE.md's frame sizes."""
    with (
        IdCardReaderEmulator(baud=115200, pace=True) as emulator,
        open_port(emulator.port, 115200) as port,
    ):
        emulator.place(CARD)
        before = emulator.wire_bytes
        assert take_card(SamSession(port)) == CARD.document
        assert emulator.wire_bytes - before == 10 + 15 + 10 + 19 + 10 + 1295
