"""The GA/T 467 codec against the reference vectors and HARDWARE.md, byte for byte."""

from __future__ import annotations

import pytest
from reference_vectors import VECTORS

from drivers.idcard.errors import FrameError
from drivers.idcard.frame import (
    MAX_LENGTH,
    PREAMBLE,
    Command,
    FrameParser,
    Instruction,
    Response,
    SamError,
    Sw3,
    encode_frame,
)
from drivers.idcard.read_answer import ReadAnswer

INSTRUCTION_OF_VECTOR = {
    "reset_sam": Instruction.RESET_SAM,
    "sam_status": Instruction.SAM_STATUS,
    "read_sam_id": Instruction.READ_SAM_ID,
    "find_card": Instruction.FIND_CARD,
    "select_card": Instruction.SELECT_CARD,
    "read_text_photo": Instruction.READ_TEXT_PHOTO,
    "read_text_photo_fingerprint": Instruction.READ_TEXT_PHOTO_FINGERPRINT,
    "read_new_address": Instruction.READ_NEW_ADDRESS,
}

RESPONSE_OF_VECTOR = {
    "find_ok": Response.of(Sw3.FIND_SUCCESS, bytes(4)),
    "find_failed": Response.of(Sw3.FIND_FAILED),
    "select_failed": Response.of(Sw3.SELECT_FAILED),
    "checksum_error": Response.of(Sw3.CHECKSUM_ERROR),
    "read_failed": Response.of(Sw3.READ_FAILED),
}

HARDWARE_SW3 = {
    0x90, 0x91, 0x9F, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32,
    0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81,
}  # fmt: skip


def test_vector_tables_are_fully_covered() -> None:
    assert set(INSTRUCTION_OF_VECTOR) == set(VECTORS["ga467_commands"])
    assert set(RESPONSE_OF_VECTOR) == set(VECTORS["ga467_responses"])


@pytest.mark.parametrize("name", sorted(INSTRUCTION_OF_VECTOR))
def test_command_encodes_to_vector(name: str) -> None:
    expected = bytes.fromhex(VECTORS["ga467_commands"][name])
    assert Command.of(INSTRUCTION_OF_VECTOR[name]).encode() == expected


@pytest.mark.parametrize("name", sorted(INSTRUCTION_OF_VECTOR))
def test_command_vector_parses_back(name: str) -> None:
    payloads = FrameParser().feed(bytes.fromhex(VECTORS["ga467_commands"][name]))
    assert [Command.from_payload(p).instruction for p in payloads] == [INSTRUCTION_OF_VECTOR[name]]


@pytest.mark.parametrize("name", sorted(RESPONSE_OF_VECTOR))
def test_response_vector_round_trips(name: str) -> None:
    wire = bytes.fromhex(VECTORS["ga467_responses"][name])
    assert RESPONSE_OF_VECTOR[name].encode() == wire
    payloads = FrameParser().feed(wire)
    assert [Response.from_payload(p) for p in payloads] == [RESPONSE_OF_VECTOR[name]]


def test_hardware_md_examples() -> None:
    assert Command.of(Instruction.FIND_CARD).encode().hex(" ").upper() == (
        "AA AA AA 96 69 00 03 20 01 22"
    )
    select_ok = Response.of(Sw3.SUCCESS, bytes(range(8))).encode()
    assert select_ok[5:10] == bytes.fromhex("000C000090") and len(select_ok) == 5 + 2 + 12


def test_read_answer_of_1295_bytes_has_the_documented_header() -> None:
    data = ReadAnswer(bytes(256), bytes(1024)).encode()
    frame = Response.of(Sw3.SUCCESS, data).encode()
    assert len(frame) == 1295
    header = "AA AA AA 96 69 05 08 00 00 90 01 00 04 00"
    assert frame[:14] == bytes.fromhex(header)


@pytest.mark.parametrize(("fingerprint", "total"), [(1024, 2321), (512, 1809), (0, 1297)])
def test_read_answer_with_fingerprint_sizes(fingerprint: int, total: int) -> None:
    answer = ReadAnswer(b"t" * 256, b"p" * 1024, b"f" * fingerprint)
    frame = Response.of(Sw3.SUCCESS, answer.encode()).encode()
    assert len(frame) == total
    decoded = ReadAnswer.decode(Response.from_payload(FrameParser().feed(frame)[0]).data,
                                with_fingerprint=True)
    assert decoded == answer


@pytest.mark.parametrize(
    "data",
    [b"", b"\x01", b"\x01\x00\x04\x00" + bytes(10), b"\x00\x02\x00\x01abc" + b"d"],
)
def test_read_answer_with_inconsistent_lengths_is_a_frame_error(data: bytes) -> None:
    with pytest.raises(FrameError):
        ReadAnswer.decode(data, with_fingerprint=False)


def test_every_sw3_code_of_the_reference_is_an_enum_member() -> None:
    assert {code.value for code in Sw3} == HARDWARE_SW3
    assert all(code.description for code in Sw3)


def test_unexpected_verdict_raises_typed_sam_error() -> None:
    with pytest.raises(SamError) as caught:
        Response.of(Sw3.SAM_NOT_AUTHORISED).expect(Sw3.SUCCESS)
    assert caught.value.verdict is Sw3.SAM_NOT_AUTHORISED and caught.value.sam_fault
    assert Response.of(Sw3.FIND_FAILED).expect(Sw3.FIND_SUCCESS, Sw3.FIND_FAILED).sw3 == 0x80


def test_unknown_verdict_is_kept_as_raw_byte() -> None:
    error = SamError(0x55)
    assert error.verdict is None and error.sw3 == 0x55 and not error.sam_fault
    assert Response(0, 0, 0x55).verdict is None


def test_short_payloads_are_frame_errors() -> None:
    with pytest.raises(FrameError):
        Response.from_payload(b"\x00\x00")
    with pytest.raises(FrameError):
        Command.from_payload(b"\x20")
    with pytest.raises(FrameError):
        encode_frame(b"\x00")


def test_parser_reassembles_a_frame_fed_byte_by_byte() -> None:
    wire = Response.of(Sw3.SUCCESS, bytes(range(200))).encode()
    parser = FrameParser()
    found = [payload for byte in wire for payload in parser.feed(bytes([byte]))]
    assert found == [wire[7:-1]] and parser.pending == 0


def test_parser_skips_noise_and_a_bad_checksum_frame() -> None:
    good = Command.of(Instruction.FIND_CARD).encode()
    broken = good[:-1] + b"\x00"
    noise = b"\x00\xaa\xaa\x55" + PREAMBLE[:3]
    assert FrameParser().feed(noise + broken + good + noise + good) == [good[7:-1]] * 2


def test_parser_drops_a_preamble_with_an_absurd_length() -> None:
    good = Command.of(Instruction.SELECT_CARD).encode()
    absurd = PREAMBLE + (MAX_LENGTH + 1).to_bytes(2, "big")
    too_short = PREAMBLE + b"\x00\x02"
    parser = FrameParser()
    assert parser.feed(absurd + too_short + good) == [good[7:-1]]
    assert parser.pending == 0


def test_parser_keeps_only_a_possible_preamble_start_of_noise() -> None:
    parser = FrameParser()
    assert parser.feed(bytes(10_000) + PREAMBLE[:4]) == []
    assert parser.pending == 4
    assert parser.feed(PREAMBLE[4:] + b"\x00\x03\x20\x01\x22") == [b"\x20\x01"]


def test_reset_forgets_a_partial_frame() -> None:
    parser = FrameParser()
    good = Command.of(Instruction.FIND_CARD).encode()
    parser.feed(Response.of(Sw3.SUCCESS, bytes(300)).encode()[:100])
    parser.reset()
    assert parser.pending == 0
    assert parser.feed(good) == [good[7:-1]]
