"""`kiosk read-id`: a technician reads one card through the real driver on a pty."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from drivers.idcard.frame import Instruction
from drivers.sim.cards import DEMO_CARDS
from drivers.sim.idcard_reader import Corruption, IdCardReaderEmulator

KIOSK = str(Path(sys.executable).parent / "kiosk")


def test_read_id_prints_the_card_without_the_photo() -> None:
    with IdCardReaderEmulator() as reader:
        reader.place(DEMO_CARDS["zhang_jianguo"])
        done = subprocess.run([KIOSK, "read-id", "--port", reader.port, "--timeout", "10"],
                              capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    card = json.loads(done.stdout)
    assert card["name"] == "张建国"
    assert card["id_number"] == "370101194510090055"
    assert card["valid_to"] is None
    assert card["photo"] == "1024 bytes"


def read_id(reader: IdCardReaderEmulator) -> dict:
    done = subprocess.run([KIOSK, "read-id", "--port", reader.port, "--timeout", "10"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("n", [2, 3, 5])
def test_read_id_reads_with_every_nth_answer_damaged(n: int) -> None:
    with IdCardReaderEmulator() as reader:
        reader.place(DEMO_CARDS["foreign_2017"])
        reader.corrupt_every(n)
        assert read_id(reader)["id_number"] == DEMO_CARDS["foreign_2017"].document.id_number


def test_read_id_reads_past_a_truncated_read() -> None:
    with IdCardReaderEmulator() as reader:
        reader.place(DEMO_CARDS["li_ming"])
        reader.corrupt_next(Corruption.TRUNCATE, instruction=Instruction.READ_TEXT_PHOTO)
        assert read_id(reader)["name"] == "李明"
        assert reader.answered[Instruction.READ_TEXT_PHOTO] == 2


def test_read_id_finds_the_rate_of_a_reader_when_asked() -> None:
    with IdCardReaderEmulator(baud=57600) as reader:
        reader.place(DEMO_CARDS["li_ming"])
        done = subprocess.run([KIOSK, "read-id", "--port", reader.port, "--baud", "auto"],
                              capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["name"] == "李明"
    assert "answers at 57600 bps" in done.stderr  # the rate to write into the settings


def test_read_id_says_why_when_there_is_no_reader(tmp_path: Path) -> None:
    done = subprocess.run([KIOSK, "read-id", "--port", str(tmp_path / "none"), "--timeout", "1"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert "SerialException" in done.stderr
