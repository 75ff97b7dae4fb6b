"""The identity document a card read yields, as one immutable value.

Everything downstream (forms prefill, the visit, the receipt) gets its
personal data from this object only, so it is frozen, its repr shows no
personal data, and the photo and fingerprint never appear in a repr or a log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from drivers.idcard.codes import CodedName
from drivers.idcard.layout import CardType


@dataclass(frozen=True, repr=False)
class IdentityDocument:
    """One card's content.

    `name` is the Chinese name; on a 2017 foreigner's card without one it is
    the English name. `valid_to` is None for a card valid long-term (长期).
    `authority` is the issuing office (the office code on a 2017 foreigner's
    card, empty on a 2023 one). `photo` is the opaque WLT image.
    """

    card_type: CardType
    name: str
    sex: CodedName
    nation: CodedName | None
    birth_date: date
    address: str
    id_number: str
    authority: str
    valid_from: date
    valid_to: date | None
    english_name: str | None = None
    nationality: str | None = None
    """GB/T 2659 alpha-3 code, on foreigners' cards."""
    permit_number: str | None = None
    """Travel-permit number, on 'J' residence permits."""
    issue_count: int | None = None
    photo: bytes = field(default=b"", repr=False)
    fingerprint: bytes = field(default=b"", repr=False)
    """Two 512-byte templates when read with fingerprints and the card has them."""

    def is_expired(self, today: date) -> bool:
        return self.valid_to is not None and self.valid_to < today

    def __repr__(self) -> str:
        return f"IdentityDocument(card_type={self.card_type.value}, <personal data hidden>)"
