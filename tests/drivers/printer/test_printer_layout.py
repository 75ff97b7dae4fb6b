"""Which characters reach the paper, how wide they are, and where lines break."""

from __future__ import annotations

import pytest

from drivers.printer.document import (
    Cut,
    DocumentError,
    Feed,
    Image,
    PrintDocument,
    Qr,
    Row,
    Rule,
    Text,
)
from drivers.printer.layout import columns, lay_out, printable, qr_image, wrap
from drivers.printer.profile import PrinterProfile

GB = PrinterProfile()
BIG5 = PrinterProfile(encoding="big5")


def test_columns_count_every_double_byte_character_twice() -> None:
    assert columns("AB12") == 4
    assert columns("受理编号") == 8
    assert columns("，。“”—…") == 12  # ambiguous-width punctuation is double-byte on paper
    assert columns("￥12") == 4


def test_half_width_yuan_becomes_full_width() -> None:
    assert printable("¥12.00", "gb18030") == "￥12.00"
    assert printable("¥12.00", BIG5.codec) == "￥12.00"


def test_rare_and_punctuation_characters_survive_gb18030() -> None:
    assert printable("张䶮，。、“”《》", "gb18030") == "张䶮，。、“”《》"


def test_big5_replaces_simplified_only_characters_visibly() -> None:
    assert printable("办理们䶮臺", BIG5.codec) == "？理？？臺"


def test_control_bytes_cannot_reach_the_printer() -> None:
    assert printable("A\x1b@B\x1dV\x00C\u200bD", "gb18030") == "A @B V C" + "D"


def test_english_wraps_between_words_and_chinese_anywhere() -> None:
    assert wrap("the quick brown fox", 10) == ["the quick", "brown fox"]
    assert wrap("一二三四五六", 8) == ["一二三四", "五六"]


def test_closing_punctuation_never_starts_a_line() -> None:
    assert wrap("一二三四。", 8) == ["一二三", "四。"]


def test_an_overlong_word_is_cut_hard() -> None:
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_row_that_does_not_fit_puts_its_value_on_right_aligned_lines() -> None:
    doc = PrintDocument((Row("参保地址", "福" * 30),))
    assert lay_out(doc, GB).blocks == (
        Text("参保地址"),
        Text("福" * 24, align="right"),
        Text("福" * 6, align="right"),
    )


def test_canonical_form_merges_feeds_and_turns_dash_lines_into_rules() -> None:
    doc = PrintDocument((Text(""), Feed(2), Text("-----"), Cut(partial=True)))
    no_partial = PrinterProfile(partial_cut=False)
    assert lay_out(doc, no_partial).blocks == (Feed(3), Rule(), Cut(partial=False))


def test_double_size_text_wraps_at_half_the_columns() -> None:
    doc = PrintDocument((Text("测" * 30, size="double"),))
    lines = lay_out(doc, GB).blocks
    assert [columns(line.text) for line in lines] == [24, 24, 12]  # type: ignore[union-attr]


def test_raster_printers_get_the_qr_as_an_image() -> None:
    laid = lay_out(PrintDocument((Qr("K0107", size=4),)), PrinterProfile(qr="raster"))
    assert laid.blocks == (qr_image("K0107", 4),)
    image = laid.blocks[0]
    assert isinstance(image, Image) and image.width % 8 == 0 and image.height % 4 == 0


@pytest.mark.parametrize(
    "build",
    [
        lambda: Qr(""),
        lambda: Qr("x", size=17),
        lambda: Qr("x" * 800),
        lambda: Feed(0),
        lambda: Text("x", size="huge"),  # type: ignore[arg-type]
        lambda: Image(7, 1, b"\x00"),
        lambda: PrintDocument([Text("x")]),  # type: ignore[arg-type]
        lambda: PrintDocument(("text",)),  # type: ignore[arg-type]
    ],
)
def test_unprintable_blocks_are_refused_when_built(build) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DocumentError):
        build()


def test_profiles_know_their_paper() -> None:
    assert (GB.columns, GB.dots) == (48, 576)
    assert PrinterProfile(paper_width_mm=58).columns == 32
    with pytest.raises(ValueError, match="gb18030 or big5"):
        PrinterProfile(encoding="utf-8")  # type: ignore[arg-type]
