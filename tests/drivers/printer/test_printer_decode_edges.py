"""The ESC/POS decoder on what other printers' drivers send and on streams cut anywhere:
the cuts of GS V in all their forms, a line not ended before a block, a raster whose
data begins with black dots, QR symbols stored then set up before printing, and the
errors it names (the emulator's log is where a wrong byte is found)."""

from __future__ import annotations

import pytest

from drivers.printer.decode import EscposDecodeError, EscposDecoder
from drivers.printer.document import Cut, Feed, Image, PrintDocument, Qr, Row, Text
from drivers.printer.encode import encode
from drivers.printer.profile import PrinterProfile

START = b"\x1b@\x1c&"
QR_DATA = "https://v.example.gov.cn/?id=7"


def decoded(stream: bytes) -> PrintDocument:
    [job] = EscposDecoder().feed(stream)
    return job.document


def test_every_byte_fed_alone_gives_the_job_fed_whole() -> None:
    # a TCP printer gets a job in whatever pieces the network makes of it
    doc = PrintDocument((Text("受理回执", align="center", bold=True, size="double"),
                         Row("金额", "￥3.00"), Qr(QR_DATA, size=4), Text("谢谢"), Cut()))
    for profile in (PrinterProfile(), PrinterProfile(qr="raster", partial_cut=False)):
        data = encode(doc, profile)
        decoder = EscposDecoder()
        events = [event for byte in data for event in decoder.feed(bytes([byte]))]
        assert events == EscposDecoder().feed(data)
        assert len(events) == 1


@pytest.mark.parametrize(
    ("command", "cut"),
    [
        (b"\x1dV\x00", Cut(partial=False)),
        (b"\x1dV0", Cut(partial=False)),
        (b"\x1dV\x01", Cut(partial=True)),
        (b"\x1dV1", Cut(partial=True)),
        (b"\x1dVA\x03", Cut(partial=False)),
        (b"\x1dVB\x03", Cut(partial=True)),
    ],
    ids=["0", "48", "1", "49", "65 with feed", "66 with feed"],
)
def test_each_form_of_gs_v_is_a_cut_even_fed_a_byte_at_a_time(command: bytes, cut: Cut) -> None:
    stream = START + b"A\n" + command
    decoder = EscposDecoder()
    [job] = [event for byte in stream for event in decoder.feed(bytes([byte]))]
    assert job.document.blocks == (Text("A"), cut)
    assert job.raw == stream


@pytest.mark.parametrize("command", [b"\x1dV\x02", b"\x1dV2", b"\x1dVC\x00"])
def test_other_cut_modes_are_refused(command: bytes) -> None:
    with pytest.raises(EscposDecodeError, match="unsupported GS V command"):
        EscposDecoder().feed(START + command)


def test_a_line_not_ended_before_a_cut_or_a_feed_is_still_printed() -> None:
    assert decoded(START + b"ABC\x1dV\x00").blocks == (Text("ABC"), Cut(partial=False))
    assert decoded(START + b"ABC\x1bd\x02X\n\x1dV\x00").blocks == (
        Text("ABC"), Feed(2), Text("X"), Cut(partial=False))


def test_a_raster_beginning_with_black_dots_keeps_its_height() -> None:
    raster = b"\xff\x00" * 3
    stream = START + b"\x1dv0\x00\x02\x00\x03\x00" + raster + b"\x1dV\x00"
    assert decoded(stream).blocks == (Image(16, 3, raster), Cut(partial=False))


def _qr(fn: bytes, data: bytes = b"") -> bytes:
    params = b"1" + fn + data
    return b"\x1d(k" + len(params).to_bytes(2, "little") + params


def test_a_stored_symbol_set_up_before_printing_is_one_qr() -> None:
    stream = (START + _qr(b"C", b"\x05") + _qr(b"P", b"0" + QR_DATA.encode())
              + _qr(b"E", b"1") + _qr(b"Q", b"0") + b"\x1dV\x00")
    assert decoded(stream).blocks == (Qr(QR_DATA, 5), Cut(partial=False))


def test_qr_data_that_is_not_utf8_is_shown_with_replacement_marks() -> None:
    stream = START + _qr(b"P", b"0K\xff1") + _qr(b"Q", b"0") + b"\x1dV\x00"
    assert decoded(stream).blocks == (Qr("K\ufffd1", 3), Cut(partial=False))


@pytest.mark.parametrize(
    ("stream", "message"),
    [
        (b"\x1dX\x00\x00\x00", "unsupported GS command at byte 4: 1d 58 00 00"),
        (b"\x1dV\x07\x00\x00", "unsupported GS V command at byte 4: 1d 56 07 00"),
        (b"\x1d(x\x01\x00\x00", "unsupported GS ( command at byte 4: 1d 28 78 01"),
        (b"\x1dv1\x00\x00\x00\x00\x00", "unsupported GS v command at byte 4: 1d 76 31 00"),
    ],
)
def test_an_unknown_command_is_named_with_its_offset_and_first_bytes(stream: bytes,
                                                                     message: str) -> None:
    with pytest.raises(EscposDecodeError) as raised:
        EscposDecoder().feed(START + stream)
    assert str(raised.value) == message


CUT = b"\x1dV\x00"


@pytest.mark.parametrize(
    ("mode", "text"),
    [
        (b"\x1b!\x08", Text("A", bold=True)),
        (b"\x1b!\x10", Text("A", size="double_height")),
        (b"\x1b!\x20", Text("A", size="double")),
        (b"\x1b!\x38", Text("A", bold=True, size="double")),
        (b"\x1b!\x00", Text("A")),
        (b"\x1b!\x01", Text("A")),
        (b"\x1c!\x04", Text("A", size="double")),
        (b"\x1c!\x08", Text("A", size="double_height")),
        (b"\x1c!\x00", Text("A")),
    ],
    ids=["ESC ! bold", "ESC ! tall", "ESC ! wide", "ESC ! all", "ESC ! none", "ESC ! font B",
         "FS ! wide",
         "FS ! tall", "FS ! none"],
)
def test_the_print_modes_other_drivers_set_give_the_line_its_style(mode: bytes,
                                                                   text: Text) -> None:
    # ESC ! and FS ! (Chinese characters' mode) set bold and size in one byte
    stream = START + b"\x1b!\x00" + mode + b"A\n" + CUT
    assert decoded(stream).blocks == (text, Cut(partial=False))
    decoder = EscposDecoder()
    [job] = [event for byte in stream for event in decoder.feed(bytes([byte]))]
    assert job.document.blocks == (text, Cut(partial=False))


IGNORED = [b"\x1b2", b"\x1b3\x30", b"\x1b-\x01", b"\x1bM\x01", b"\x1bt\x00", b"\x1bG\x01",
           b"\x1b{\x00", b"\x1bV\x00", b"\x1bR\x0f", b"\x1cC\x00", b"\x1c-\x01", b"\x1dB\x00",
           b"\x1db\x01", b"\x1dL\x00\x00", b"\x1dW\x00\x02"]


def test_commands_that_do_not_change_the_receipt_are_passed_over_whole() -> None:
    # line spacing, underline, font, code table, rotation: each with its own length
    stream = START + b"".join(command + b"A\n" for command in IGNORED) + CUT
    expected = (Text("A"),) * len(IGNORED) + (Cut(partial=False),)
    assert decoded(stream).blocks == expected
    decoder = EscposDecoder()
    [job] = [event for byte in stream for event in decoder.feed(bytes([byte]))]
    assert job.document.blocks == expected


def test_text_outside_chinese_mode_is_code_page_437() -> None:
    assert decoded(b"\x1b@\x9c5 only\n" + CUT).blocks == (Text("£5 only"), Cut(partial=False))
    assert decoded(START + b"\x1c.A\x9c\n" + CUT).blocks == (Text("A£"), Cut(partial=False))


def test_lines_keep_their_leading_blanks_and_lose_the_trailing_ones() -> None:
    assert decoded(START + b"  A  \r\n\nB\n" + CUT).blocks == (
        Text("  A"), Feed(1), Text("B"), Cut(partial=False))


def test_a_line_ending_inside_a_chinese_character_shows_a_replacement_mark() -> None:
    assert decoded(START + "受".encode("gb18030")[:1] + b"\n" + CUT).blocks == (
        Text("\ufffd"), Cut(partial=False))


@pytest.mark.parametrize("before", [b"ABC", b"ABC\n\x1ba\x01"], ids=["text", "a style"])
def test_a_feed_shorter_than_the_cutter_s_is_kept_before_the_cut(before: bytes) -> None:
    # only the six lines python-escpos feeds before every cut belong to the cut
    blocks = decoded(START + before + b"\x1bd\x05" + CUT).blocks
    assert blocks[-2:] == (Feed(5), Cut(partial=False))


@pytest.mark.parametrize(
    ("stream", "message"),
    [
        (b"\x1e\x00\x00\x00", "unsupported 0x1e command at byte 4: 1e 00 00 00"),
        (b"\x1cX\x00\x00", "unsupported FS command at byte 4: 1c 58 00 00"),
    ],
)
def test_an_unknown_first_byte_or_fs_command_is_refused(stream: bytes, message: str) -> None:
    with pytest.raises(EscposDecodeError) as raised:
        EscposDecoder().feed(START + stream)
    assert str(raised.value) == message


def test_status_requests_for_bytes_1_to_4_are_answered_and_others_refused() -> None:
    events = EscposDecoder().feed(b"\x10\x04\x01\x10\x04\x03\x10\x04\x04")
    assert [event.n for event in events] == [1, 3, 4]  # type: ignore[union-attr]
    with pytest.raises(EscposDecodeError) as raised:
        EscposDecoder().feed(b"\x10\x04\x05")
    assert str(raised.value) == "unsupported DLE command at byte 0: 10 04 05"
