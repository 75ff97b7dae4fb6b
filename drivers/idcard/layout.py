"""Where each field sits in a card's 256-byte text block, per card type.

The parser in this package and the card encoder of the emulator must agree on
every offset; both read them from this one table (offsets from GA 490 and
vendor manuals, see HARDWARE.md §1), so a wrong offset shows up as a failing
round trip rather than two bugs that cancel out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

TEXT_BLOCK_SIZE = 256
PHOTO_SIZE = 1024
TEXT_ENCODING = "utf-16-le"
LONG_TERM = "长期"
"""What a card holds instead of an end date when it never expires."""


class CardType(StrEnum):
    RESIDENT_ID = "resident_id"
    HMT_RESIDENCE_PERMIT = "hmt_residence_permit"
    """'J': residence permit for Hong Kong, Macau and Taiwan residents."""
    FOREIGN_PERMANENT_2017 = "foreign_permanent_2017"
    """'I': foreigner's permanent residence card, 2017 edition."""
    FOREIGN_PERMANENT_2023 = "foreign_permanent_2023"
    """'Y': foreigner's permanent residence card, 2023 edition."""


@dataclass(frozen=True)
class Span:
    offset: int
    length: int

    @property
    def end(self) -> int:
        return self.offset + self.length

    @property
    def chars(self) -> int:
        """How many UCS-2 characters fit."""
        return self.length // 2


CARD_TYPE_SPAN = Span(248, 2)
MARKERS: Mapping[str, CardType] = MappingProxyType(
    {
        " ": CardType.RESIDENT_ID,
        "\x00": CardType.RESIDENT_ID,
        "J": CardType.HMT_RESIDENCE_PERMIT,
        "I": CardType.FOREIGN_PERMANENT_2017,
        "Y": CardType.FOREIGN_PERMANENT_2023,
    }
)
MARKER_OF: Mapping[CardType, str] = MappingProxyType(
    {
        CardType.RESIDENT_ID: " ",
        CardType.HMT_RESIDENCE_PERMIT: "J",
        CardType.FOREIGN_PERMANENT_2017: "I",
        CardType.FOREIGN_PERMANENT_2023: "Y",
    }
)

_RESIDENT = {
    "name": Span(0, 30),
    "sex": Span(30, 2),
    "nation": Span(32, 4),
    "birth_date": Span(36, 16),
    "address": Span(52, 70),
    "id_number": Span(122, 36),
    "authority": Span(158, 30),
    "valid_from": Span(188, 16),
    "valid_to": Span(204, 16),
}

LAYOUTS: Mapping[CardType, Mapping[str, Span]] = MappingProxyType(
    {
        CardType.RESIDENT_ID: MappingProxyType(_RESIDENT),
        CardType.HMT_RESIDENCE_PERMIT: MappingProxyType(
            {**_RESIDENT, "permit_number": Span(220, 18), "issue_count": Span(238, 4)}
        ),
        CardType.FOREIGN_PERMANENT_2017: MappingProxyType(
            {
                "english_name": Span(0, 120),
                "sex": Span(120, 2),
                "id_number": Span(122, 30),
                "nationality": Span(152, 6),
                "name": Span(158, 30),
                "valid_from": Span(188, 16),
                "valid_to": Span(204, 16),
                "birth_date": Span(220, 16),
                "authority": Span(240, 8),
            }
        ),
        CardType.FOREIGN_PERMANENT_2023: MappingProxyType(
            {
                "name": Span(0, 30),
                "sex": Span(30, 2),
                "issue_count": Span(32, 4),
                "birth_date": Span(36, 16),
                "english_name": Span(52, 70),
                "id_number": Span(122, 36),
                "valid_from": Span(188, 16),
                "valid_to": Span(204, 16),
                "english_name_2": Span(220, 22),
                "nationality": Span(242, 6),
            }
        ),
    }
)
