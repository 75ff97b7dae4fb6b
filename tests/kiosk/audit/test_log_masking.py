"""The log filter: no identifier format and no registered name reaches the journal, in the
message, in its args or in a traceback; what a technician needs to read stays as it was."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from reference_vectors import VECTORS

from kiosk.audit.masking import (
    MaskingFilter,
    VisitNames,
    install_masking,
    mask_personal,
    personal_data_in,
)

IDENTIFIERS = [
    *VECTORS["id_number_valid"],
    *(vector["value"] for vector in VECTORS["id_number_invalid"]),
    *VECTORS["uscc_valid"],
    *(vector["value"] for vector in VECTORS["uscc_invalid"]),
    "810000199005120012",  # 'J': Hong Kong residents' residence permit
    "830000199201010019",  # 'J': Taiwan
    "931840198503010121",  # 'Y': foreigner's permanent residence card, 2023
    "CAN110078051201",  # 'I': the 2017 foreigner's card
    "110105491231002",  # first-generation ID number, 15 digits
    "11010519491231002x",  # typed in lower case
    "13800138000", "+8613800138000", "0086 139 1234 5678", "199-0000-1111",
    "010-62345678", "(0755)88881234", "0571 888 1234", "02087654321",
]
ORDINARY = [
    "K0107-20261123-0042",  # local references, whatever the device prefix
    "K0755-20261123-0042",
    "case 44010620261123000005 accepted",  # case numbers: 20 digits
    "2026-11-23T03:00:00.000+08:00",
    "2026-11-23 03:00:00,123",
    "http://127.0.0.1:8765/kiosk/v1/submissions",
    "printer tcp://192.168.1.50:9100 usb://0x0416:0x5011",
    "Retry-After: 120; took 1732345678123 ms since the epoch",
    "command 3f2b8c1e-9a4d-4c2e-8f7a-1b2c3d4e5f60",
    "command 3f2b8c1e-9a4d-4c2e-8f7a-075588881234",  # a UUID ending like a landline
    "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "item 440106-GAJ-001 catalog v17, serial KS2100-0107, model KS-2100",
    "spool: 5000 pending, 200 MB free, 72 hours offline",
]
NAMES = ("王秀英", "GARCIA, MARIA ELENA")


@pytest.fixture
def names() -> VisitNames:
    register = VisitNames()
    register.add(*NAMES)
    return register


@pytest.fixture
def journal(names: VisitNames) -> Iterator[io.StringIO]:
    """What the root logger's handler writes, with the filter installed as the CLI installs it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    masking = install_masking(names)
    yield stream
    for each in [*root.handlers, logging.lastResort]:
        if each is not None:
            each.removeFilter(masking)
    root.removeHandler(handler)
    root.setLevel(level)


log = logging.getLogger("kiosk.visit.flow")  # propagates to the root's handlers, as the core's do


@pytest.mark.parametrize("value", IDENTIFIERS)
def test_no_identifier_survives_in_the_message(journal: io.StringIO, value: str) -> None:
    log.info(f"citizen {value} at the screen")
    written = journal.getvalue()
    assert value not in written
    assert "citizen " in written and "*" in written


@pytest.mark.parametrize("value", IDENTIFIERS)
def test_no_identifier_survives_in_the_args(journal: io.StringIO, value: str) -> None:
    log.warning("form %s: %r", "TEST-SUB-001", {"id": value})
    log.warning("format and args that do not fit %s %s", value)
    assert value not in journal.getvalue()


@pytest.mark.parametrize("value", IDENTIFIERS)
def test_no_identifier_survives_in_a_traceback(journal: io.StringIO, value: str) -> None:
    try:
        raise ValueError(f"central refused {value}")
    except ValueError:
        log.exception("submission failed")
    written = journal.getvalue()
    assert "Traceback (most recent call last)" in written and "ValueError: central" in written
    assert value not in written


def test_identifiers_are_masked_in_the_receipts_style() -> None:
    assert mask_personal("11010519491231002X") == "1101**********002X"
    assert mask_personal("身份证110101195603080020。") == "身份证1101**********0020。"
    assert mask_personal("91350100M000100Y43") == "9135**********0Y43"
    assert mask_personal("CAN110078051201") == "CAN1*******1201"
    assert mask_personal("tel 13800138000, +86 138-0013-8000") == "tel 138****8000, 138****8000"
    assert mask_personal("010-62345678 (0755)88881234") == "010-****5678 (0755)****1234"


def test_names_of_the_visit_are_masked_until_it_ends(journal: io.StringIO,
                                                     names: VisitNames) -> None:
    log.info("visit of %s (%s)", "王秀英", "Garcia, Maria Elena")
    names.forget_all()
    log.info("next visit: 王秀英")
    assert journal.getvalue().splitlines() == ["INFO kiosk.visit.flow: visit of 王* (G*)",
                                               "INFO kiosk.visit.flow: next visit: 王秀英"]


def test_the_longest_name_is_masked_whole() -> None:
    names = VisitNames()
    names.add("欧阳", "欧阳娜娜", "王", " ")
    assert mask_personal("欧阳娜娜 and 欧阳; 王五", names) == "欧* and 欧*; 王五"


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_survives_unchanged(journal: io.StringIO, text: str) -> None:
    assert mask_personal(text) == text
    log.info("%s", text)
    assert journal.getvalue() == f"INFO kiosk.visit.flow: {text}\n"


def test_what_kind_of_personal_data_is_named(names: VisitNames) -> None:
    assert personal_data_in("x 11010519491231002X", names) == "id_number"
    assert personal_data_in("91512081MA62K0260E", names) == "uscc"
    assert personal_data_in("13800138000", names) == "mobile"
    assert personal_data_in("020-38881234", names) == "landline"
    assert personal_data_in("CAN110078051201", names) == "foreign_card_2017"
    assert personal_data_in("王秀英", names) == "name"
    assert personal_data_in("K0107-20261123-0042", names) is None


def test_installing_twice_adds_no_second_filter(journal: io.StringIO, names: VisitNames) -> None:
    again = install_masking(names)
    try:
        for handler in logging.getLogger().handlers:
            assert sum(isinstance(f, MaskingFilter) for f in handler.filters) == 1
    finally:
        for handler in logging.getLogger().handlers:
            handler.removeFilter(again)
