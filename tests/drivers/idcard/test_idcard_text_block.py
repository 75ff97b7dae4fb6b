"""Card text blocks: every card type parses, bad blocks give a typed error, tables are whole."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.idcard.codes import NATIONS, SEXES
from drivers.idcard.errors import TextBlockError
from drivers.idcard.layout import CARD_TYPE_SPAN, LAYOUTS, CardType
from drivers.idcard.text_block import parse_text_block
from drivers.sim.cards import DEMO_CARDS, encode_text_block
from kiosk.identifiers.formats import check_foreign_permanent_number, check_id_number

TODAY = date(2026, 11, 23)


def put(block: bytes, offset: int, text: str) -> bytes:
    encoded = text.encode("utf-16-le")
    return block[:offset] + encoded + block[offset + len(encoded) :]


def assert_parses_or_is_rejected(block: bytes) -> None:
    """Only a TextBlockError may escape; what does parse has a number and a name."""
    try:
        document = parse_text_block(block)
    except TextBlockError as exc:
        assert str(exc)
    else:
        assert document.id_number and document.name


@pytest.mark.parametrize("slug", sorted(DEMO_CARDS))
def test_demo_card_text_block_parses_to_its_document(slug: str) -> None:
    card = DEMO_CARDS[slug]
    block = card.text_block()
    assert len(block) == 256
    assert parse_text_block(block, card.document.photo) == card.document


def test_demo_cards_cover_every_card_type() -> None:
    assert {card.document.card_type for card in DEMO_CARDS.values()} == set(CardType)


def test_resident_block_has_documented_offsets() -> None:
    block = DEMO_CARDS["wang_xiuying"].text_block()
    assert block[0:6].decode("utf-16-le") == "王秀英"
    assert block[30:32].decode("utf-16-le") == "2"
    assert block[32:36].decode("utf-16-le") == "01"
    assert block[36:52].decode("utf-16-le") == "19560308"
    assert block[122:158].decode("utf-16-le") == "110101195603080020"
    assert block[248:250] == b" \x00"


def test_long_term_card_stores_the_word_and_reads_as_none() -> None:
    block = DEMO_CARDS["zhang_jianguo"].text_block()
    assert block[204:208].decode("utf-16-le") == "长期"
    assert parse_text_block(block).valid_to is None


def test_residence_permit_has_marker_permit_number_and_no_nation() -> None:
    card = DEMO_CARDS["huang_jiaming"]
    block = card.text_block()
    assert block[248:250] == b"J\x00"
    assert block[220:238].decode("utf-16-le") == "H60123456"
    document = parse_text_block(block)
    assert document.nation is None and document.permit_number == "H60123456"
    assert document.id_number.startswith("810000")


def test_2023_foreign_card_splits_a_long_english_name_over_two_fields() -> None:
    card = DEMO_CARDS["foreign_2023"]
    name = card.document.english_name
    assert name is not None and len(name) > 35
    block = card.text_block()
    assert block[52:122].decode("utf-16-le") == name[:35]
    assert block[220:242].decode("utf-16-le").rstrip() == name[35:]
    assert block[242:248].decode("utf-16-le") == "USA" and block[248:250] == b"Y\x00"


def test_2017_foreign_card_layout() -> None:
    block = DEMO_CARDS["foreign_2017"].text_block()
    assert block[122:152].decode("utf-16-le") == "CAN110078051201"
    assert block[152:158].decode("utf-16-le") == "CAN"
    assert block[220:236].decode("utf-16-le") == "19780512"
    assert block[248:250] == b"I\x00"


def test_2017_card_without_chinese_name_is_named_in_english() -> None:
    document = DEMO_CARDS["foreign_2017"].document
    nameless = replace(document, name=document.english_name or "")
    parsed = parse_text_block(encode_text_block(nameless))
    assert parsed.name == "GARCIA, MARIA ELENA"


def test_resident_card_with_nul_type_marker_is_resident() -> None:
    block = DEMO_CARDS["li_ming"].text_block()
    block = block[:248] + b"\x00\x00" + block[250:]
    assert parse_text_block(block).card_type is CardType.RESIDENT_ID


def test_demo_card_numbers_pass_the_identifier_checks() -> None:
    for slug, card in DEMO_CARDS.items():
        document = card.document
        if document.card_type is CardType.FOREIGN_PERMANENT_2023:
            assert check_foreign_permanent_number(document.id_number).ok, slug
        elif document.card_type is not CardType.FOREIGN_PERMANENT_2017:
            assert check_id_number(document.id_number, today=TODAY).ok, slug
        assert len(document.photo) == 1024


def test_demo_people_are_the_agreed_ones() -> None:
    expected = {
        "wang_xiuying": ("王秀英", "110101195603080020", "2", "01"),
        "li_ming": ("李明", "440106198807210036", "1", "01"),
        "chen_xiaoyan": ("陈晓燕", "310104199511020041", "2", "03"),
        "huang_jiaming": ("黄家明", "810000199005120012", "1", None),
        "zhang_jianguo": ("张建国", "370101194510090055", "1", "01"),
    }
    for slug, (name, number, sex, nation) in expected.items():
        document = DEMO_CARDS[slug].document
        assert (document.name, document.id_number, document.sex.code) == (name, number, sex)
        assert (document.nation.code if document.nation else None) == nation


def test_expiry() -> None:
    assert DEMO_CARDS["expired_resident"].document.is_expired(TODAY)
    assert not DEMO_CARDS["li_ming"].document.is_expired(TODAY)
    assert not DEMO_CARDS["zhang_jianguo"].document.is_expired(date(2999, 1, 1))
    last_day = DEMO_CARDS["li_ming"].document.valid_to
    assert last_day is not None and not DEMO_CARDS["li_ming"].document.is_expired(last_day)


def test_repr_shows_no_personal_data() -> None:
    document = DEMO_CARDS["wang_xiuying"].document
    text = repr(document) + repr(DEMO_CARDS["wang_xiuying"])
    for secret in (document.name, document.id_number, document.address, "photo"):
        assert secret not in text


def test_nation_table_is_gb3304_complete() -> None:
    assert len(NATIONS) == 58
    assert list(NATIONS)[:56] == [f"{n:02d}" for n in range(1, 57)]
    assert NATIONS["01"].name("zh_CN") == "汉" and NATIONS["56"].zh_CN == "基诺"
    assert NATIONS["98"].zh_CN == "外国血统中国籍人士" and NATIONS["97"].en == "Other"
    assert all(row.zh_CN and row.zh_TW and row.en for row in NATIONS.values())
    assert NATIONS["05"].name("zh_TW") == "維吾爾" and NATIONS["05"].name("fr") == "Uyghur"


def test_sex_codes() -> None:
    assert sorted(SEXES) == ["0", "1", "2", "9"]
    assert (SEXES["1"].zh_CN, SEXES["2"].en) == ("男", "Female")


@pytest.mark.parametrize(
    ("offset", "text", "message"),
    [
        (248, "Q", "card type"),
        (30, "5", "sex"),
        (32, "99", "nation"),
        (36, "19561308", "birth date"),
        (36, "1956-3-8", "birth date"),
        (188, "２０１６０３０８", "valid-from"),
        (204, "永久", "valid-to"),
        (122, " " * 18, "number"),
    ],
)
def test_damaged_fields_give_a_typed_error(offset: int, text: str, message: str) -> None:
    block = put(DEMO_CARDS["li_ming"].text_block(), offset, text)
    with pytest.raises(TextBlockError, match=message):
        parse_text_block(block)


def test_lone_surrogate_and_wrong_size_give_a_typed_error() -> None:
    block = DEMO_CARDS["li_ming"].text_block()
    with pytest.raises(TextBlockError, match="UCS-2"):
        parse_text_block(b"\x00\xd8" + block[2:])
    with pytest.raises(TextBlockError, match="255"):
        parse_text_block(block[:255])


def test_encoder_refuses_a_field_that_does_not_fit() -> None:
    document = replace(DEMO_CARDS["li_ming"].document, name="欧阳" * 8)
    with pytest.raises(ValueError, match="name"):
        encode_text_block(document)


@settings(max_examples=300, deadline=None)
@given(block=st.binary(min_size=256, max_size=256))
def test_random_blocks_parse_or_raise_text_block_error(block: bytes) -> None:
    assert_parses_or_is_rejected(block)


@settings(max_examples=200, deadline=None)
@given(
    slug=st.sampled_from(sorted(DEMO_CARDS)),
    offset=st.integers(0, 255),
    junk=st.binary(min_size=1, max_size=8),
)
def test_damaged_demo_blocks_parse_or_raise_text_block_error(
    slug: str, offset: int, junk: bytes
) -> None:
    block = DEMO_CARDS[slug].text_block()
    damaged = (block[:offset] + junk + block[offset + len(junk) :])[:256]
    assert_parses_or_is_rejected(damaged)


def test_layouts_fit_the_block_and_avoid_the_type_marker() -> None:
    for layout in LAYOUTS.values():
        for span in layout.values():
            assert span.end <= CARD_TYPE_SPAN.offset or span.offset >= CARD_TYPE_SPAN.end
