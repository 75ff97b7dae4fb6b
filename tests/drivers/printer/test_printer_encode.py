"""The exact bytes a receipt becomes, checked against the ESC/POS manual's values."""

from __future__ import annotations

from drivers.printer.document import Cut, Feed, PrintDocument, Qr, Row, Rule, Text
from drivers.printer.encode import encode
from drivers.printer.profile import PrinterProfile

GB = PrinterProfile()
START = b"\x1b@\x1c&"  # ESC @ initialise, FS & Chinese mode


def body(*blocks: object, profile: PrinterProfile = GB) -> bytes:
    data = encode(PrintDocument(tuple(blocks)), profile)  # type: ignore[arg-type]
    assert data.startswith(START)
    return data[len(START) :]


def test_a_line_of_only_chinese_punctuation_is_sent_as_gb18030() -> None:
    assert body(Text("，。、“”《》")) == "，。、“”《》".encode("gb18030") + b"\n"
    assert body(Text("，。")) == bytes.fromhex("a3ac a1a3 0a")


def test_rare_name_character_outside_the_common_block_is_sent_as_gb18030() -> None:
    assert body(Text("张䶮")) == bytes.fromhex("d5c5 fe9f 0a")


def test_yuan_sign_is_full_width_in_both_encodings() -> None:
    assert body(Text("¥5")) == bytes.fromhex("a3a4 35 0a")
    assert body(Text("¥5"), profile=PrinterProfile(encoding="big5")) == bytes.fromhex("a244 35 0a")


def test_big5_profile_sends_big5_and_a_visible_replacement() -> None:
    big5 = PrinterProfile(encoding="big5")
    assert body(Text("臺们"), profile=big5) == bytes.fromhex("bb4f a148 0a")  # 们 -> ？


def test_styles_go_out_once_and_reset_for_the_next_line() -> None:
    assert body(Text("A", align="center", bold=True, size="double"), Text("B")) == (
        b"\x1ba\x01" b"\x1bE\x01" b"\x1d!\x11" b"A\n" b"\x1ba\x00" b"\x1bE\x00" b"\x1d!\x00" b"B\n"
    )
    assert body(Text("A", size="double_height")) == b"\x1d!\x01A\n"


def test_a_row_puts_its_value_flush_right_with_an_absolute_position() -> None:
    # 48 columns of 12 dots; "12.00" is 5 columns wide -> starts at dot (48-5)*12 = 516.
    assert body(Row("金额", "12.00")) == "金额".encode("gb18030") + b"\x1b$\x04\x02" + b"12.00\n"


def test_rule_is_dashes_across_the_paper() -> None:
    assert body(Rule()) == b"-" * 48 + b"\n"
    assert body(Rule(), profile=PrinterProfile(paper_width_mm=58)) == b"-" * 32 + b"\n"


def test_native_qr_uses_gs_paren_k() -> None:
    assert body(Qr("AB", size=5)) == (
        b"\x1ba\x01"
        b"\x1d(k\x04\x001A2\x00"  # model 2
        b"\x1d(k\x03\x001C\x05"  # module size 5
        b"\x1d(k\x03\x001E1"  # error correction M
        b"\x1d(k\x05\x001P0AB"  # store the data
        b"\x1d(k\x03\x001Q0"  # print
    )


def test_raster_qr_uses_gs_v_0() -> None:
    data = body(Qr("AB", size=2), profile=PrinterProfile(qr="raster"))
    assert data.startswith(b"\x1ba\x01\x1dv0\x00")
    width_bytes, height = data[7] | data[8] << 8, data[9] | data[10] << 8
    assert (width_bytes, height) == (7, 50)  # 25 modules of 2 dots, rows padded to bytes
    assert len(data) == 11 + width_bytes * height


def test_feed_and_cuts() -> None:
    assert body(Feed(3)) == b"\x1bd\x03"
    assert body(Cut(partial=True)) == b"\x1bd\x06\x1dV\x01"
    assert body(Cut(partial=False)) == b"\x1bd\x06\x1dV\x00"
    full_only = PrinterProfile(partial_cut=False)
    assert body(Cut(partial=True), profile=full_only) == b"\x1bd\x06\x1dV\x00"


def test_a_style_two_lines_share_goes_out_once() -> None:
    # a printer keeps its mode: sending it again per line only lengthens every receipt
    assert body(Text("A", align="center", bold=True, size="double"),
                Text("B", align="center", bold=True, size="double")) == (
        b"\x1ba\x01" b"\x1bE\x01" b"\x1d!\x11" b"A\n" b"B\n"
    )
