"""Virtual ID cards for the reader emulator: the card encoder and the demo citizens.

Tests and the demo need cards of every type without real people's data. A
card is described by the IdentityDocument it should read back as, and encoded
into the 256-byte text block through the same layout table the driver parses
with, so a round trip through the emulator checks both ends. The demo people
are the same ones the reference central knows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date

from drivers.idcard.codes import NATIONS, SEXES
from drivers.idcard.document import IdentityDocument
from drivers.idcard.layout import (
    CARD_TYPE_SPAN,
    LAYOUTS,
    LONG_TERM,
    MARKER_OF,
    PHOTO_SIZE,
    TEXT_BLOCK_SIZE,
    TEXT_ENCODING,
    CardType,
    Span,
)

FINGERPRINT_SIZE = 1024


def filler(seed: str, size: int) -> bytes:
    """Deterministic stand-in bytes (not an image, not a template) derived from `seed`."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        counter += 1
    return bytes(out[:size])


@dataclass(frozen=True)
class SimCard:
    """A card to place on the emulator: what it reads as, plus what only the chip holds."""

    document: IdentityDocument
    fingerprint: bytes = field(default=b"", repr=False)
    """Empty, or two 512-byte templates."""

    @property
    def name(self) -> str:
        return self.document.name

    @property
    def serial(self) -> bytes:
        """The 8-byte card serial number the select answer carries."""
        return hashlib.sha256(self.document.id_number.encode()).digest()[:8]

    def text_block(self) -> bytes:
        return encode_text_block(self.document)


def encode_text_block(document: IdentityDocument) -> bytes:
    """The 256-byte text block a card holding `document` carries (inverse of the parser)."""
    block = bytearray(" ".encode(TEXT_ENCODING) * (TEXT_BLOCK_SIZE // 2))
    values = _field_values(document)
    for key, span in LAYOUTS[document.card_type].items():
        _put(block, span, values[key], key)
    _put(block, CARD_TYPE_SPAN, MARKER_OF[document.card_type], "card type")
    return bytes(block)


def _field_values(document: IdentityDocument) -> dict[str, str]:
    english = document.english_name or ""
    if document.card_type is CardType.FOREIGN_PERMANENT_2023:
        split = LAYOUTS[document.card_type]["english_name"].chars
        english, english_2 = english[:split], english[split:]
    else:
        english_2 = ""
    chinese_name = document.name
    if document.card_type is CardType.FOREIGN_PERMANENT_2017 and document.name == english:
        chinese_name = ""
    return {
        "name": chinese_name,
        "sex": document.sex.code,
        "nation": document.nation.code if document.nation else "",
        "birth_date": _yyyymmdd(document.birth_date),
        "address": document.address,
        "id_number": document.id_number,
        "authority": document.authority,
        "valid_from": _yyyymmdd(document.valid_from),
        "valid_to": LONG_TERM if document.valid_to is None else _yyyymmdd(document.valid_to),
        "english_name": english,
        "english_name_2": english_2,
        "nationality": document.nationality or "",
        "permit_number": document.permit_number or "",
        "issue_count": "" if document.issue_count is None else f"{document.issue_count:02d}",
    }


def _yyyymmdd(value: date) -> str:
    return value.strftime("%Y%m%d")


def _put(block: bytearray, span: Span, text: str, what: str) -> None:
    if len(text) > span.chars or any(ord(char) > 0xFFFF for char in text):
        raise ValueError(f"{what} does not fit its {span.chars} UCS-2 characters")
    encoded = text.encode(TEXT_ENCODING)
    block[span.offset : span.offset + len(encoded)] = encoded


def _card(slug: str, document: IdentityDocument, *, fingerprint: bool = False) -> SimCard:
    photo = filler(f"photo:{slug}", PHOTO_SIZE)
    prints = filler(f"fingerprint:{slug}", FINGERPRINT_SIZE) if fingerprint else b""
    return SimCard(replace(document, photo=photo), fingerprint=prints)


_MALE, _FEMALE = SEXES["1"], SEXES["2"]
_HAN = NATIONS["01"]

DEMO_CARDS: dict[str, SimCard] = {
    "wang_xiuying": _card(
        "wang_xiuying",
        IdentityDocument(
            card_type=CardType.RESIDENT_ID,
            name="王秀英",
            sex=_FEMALE,
            nation=_HAN,
            birth_date=date(1956, 3, 8),
            address="北京市东城区东华门街道南池子大街12号",
            id_number="110101195603080020",
            authority="北京市公安局东城分局",
            valid_from=date(2016, 3, 8),
            valid_to=date(2036, 3, 8),
        ),
        fingerprint=True,
    ),
    "li_ming": _card(
        "li_ming",
        IdentityDocument(
            card_type=CardType.RESIDENT_ID,
            name="李明",
            sex=_MALE,
            nation=_HAN,
            birth_date=date(1988, 7, 21),
            address="广州市天河区天河路385号",
            id_number="440106198807210036",
            authority="广州市公安局天河分局",
            valid_from=date(2018, 7, 21),
            valid_to=date(2038, 7, 21),
        ),
    ),
    "chen_xiaoyan": _card(
        "chen_xiaoyan",
        IdentityDocument(
            card_type=CardType.RESIDENT_ID,
            name="陈晓燕",
            sex=_FEMALE,
            nation=NATIONS["03"],
            birth_date=date(1995, 11, 2),
            address="上海市徐汇区漕溪北路88号",
            id_number="310104199511020041",
            authority="上海市公安局徐汇分局",
            valid_from=date(2021, 11, 2),
            valid_to=date(2031, 11, 2),
        ),
    ),
    "huang_jiaming": _card(
        "huang_jiaming",
        IdentityDocument(
            card_type=CardType.HMT_RESIDENCE_PERMIT,
            name="黄家明",
            sex=_MALE,
            nation=None,
            birth_date=date(1990, 5, 12),
            address="广东省深圳市福田区福华路1号",
            id_number="810000199005120012",
            authority="深圳市公安局福田分局",
            valid_from=date(2023, 9, 1),
            valid_to=date(2028, 9, 1),
            permit_number="H60123456",
            issue_count=1,
        ),
    ),
    "zhang_jianguo": _card(
        "zhang_jianguo",
        IdentityDocument(
            card_type=CardType.RESIDENT_ID,
            name="张建国",
            sex=_MALE,
            nation=_HAN,
            birth_date=date(1945, 10, 9),
            address="济南市历下区泉城路1号",
            id_number="370101194510090055",
            authority="济南市公安局历下分局",
            valid_from=date(2005, 10, 9),
            valid_to=None,
        ),
    ),
    "expired_resident": _card(
        "expired_resident",
        IdentityDocument(
            card_type=CardType.RESIDENT_ID,
            name="赵丽华",
            sex=_FEMALE,
            nation=_HAN,
            birth_date=date(1970, 6, 15),
            address="杭州市西湖区文三路100号",
            id_number="330106197006150029",
            authority="杭州市公安局西湖分局",
            valid_from=date(2000, 6, 15),
            valid_to=date(2020, 6, 15),
        ),
    ),
    "foreign_2023": _card(
        "foreign_2023",
        IdentityDocument(
            card_type=CardType.FOREIGN_PERMANENT_2023,
            name="蒙哥马利",
            sex=_MALE,
            nation=None,
            birth_date=date(1985, 3, 1),
            address="",
            id_number="931840198503010121",
            authority="",
            valid_from=date(2024, 1, 15),
            valid_to=date(2034, 1, 15),
            english_name="MONTGOMERY-WILLIAMSON, ALEXANDER JAMES",
            nationality="USA",
            issue_count=0,
        ),
    ),
    "foreign_2017": _card(
        "foreign_2017",
        IdentityDocument(
            card_type=CardType.FOREIGN_PERMANENT_2017,
            name="玛丽亚",
            sex=_FEMALE,
            nation=None,
            birth_date=date(1978, 5, 12),
            address="",
            id_number="CAN110078051201",
            authority="1500",
            valid_from=date(2017, 6, 1),
            valid_to=date(2027, 6, 1),
            english_name="GARCIA, MARIA ELENA",
            nationality="CAN",
        ),
    ),
}
