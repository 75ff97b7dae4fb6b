"""Card profiles: how to recognise and read each kind of card the kiosk takes.

A card does not say what it is, so the registry tries each profile in order;
a profile answers None when the card is not its kind and a value when it is.
Social security cards come first (the common case at a counter), technician
badges second. Adding a card kind is adding a profile here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from drivers.smartcard import apdu
from drivers.smartcard.apdu import Response
from drivers.smartcard.cards import Card, SocialSecurityCard, TechnicianBadge
from drivers.smartcard.errors import MalformedResponse, UnknownCard, UnreadableCard
from drivers.smartcard.tlv import decode_digits, decode_text, parse_item

SSSE_AID = bytes.fromhex("7378312E73682EC9E7BBE1B1A3D5CF")
"""The social security DF's name, "sx1.sh.社会保障" in GBK (HARDWARE.md §4)."""

UID_LENGTHS = (4, 7, 10)
"""Single, double and triple size UIDs (ISO 14443-3)."""


class ApduChannel(Protocol):
    """Anything that carries one command APDU to a card and back."""

    def transmit(self, command: bytes) -> Response: ...


class CardProfile(Protocol):
    def read(self, channel: ApduChannel) -> Card | None:
        """The card's content, or None when the card is not of this kind."""
        ...


@dataclass(frozen=True)
class _Item:
    tag: int
    field: str
    digits: int | None = None
    """None for an 'an' (text) item, else the digit count of a 'cn' item."""


_EF05 = 0xEF05
_EF06 = 0xEF06
_ITEMS: dict[int, tuple[_Item, ...]] = {
    _EF05: (
        _Item(0x01, "card_id_code"),
        _Item(0x02, "card_type"),
        _Item(0x03, "spec_version"),
        _Item(0x04, "issuer"),
        _Item(0x05, "issue_date", digits=8),
        _Item(0x06, "expiry_date", digits=8),
        _Item(0x07, "card_number"),
    ),
    _EF06: (
        _Item(0x08, "social_security_number"),
        _Item(0x09, "name"),
        _Item(0x0A, "sex"),
        _Item(0x0B, "nation", digits=2),
        _Item(0x0C, "birthplace", digits=6),
        _Item(0x0D, "birth_date", digits=8),
    ),
}


class SocialSecurityProfile:
    """Select the SSSE DF, then read EF05 items 01–07 and EF06 items 08–0D."""

    def read(self, channel: ApduChannel) -> SocialSecurityCard | None:
        if not channel.transmit(apdu.select_by_name(SSSE_AID)).ok:
            return None
        fields: dict[str, str] = {}
        for file_id, items in _ITEMS.items():
            _expect_ok(channel.transmit(apdu.select_file(file_id)), f"select {file_id:04X}")
            for item in items:
                response = channel.transmit(apdu.read_record(item.tag))
                _expect_ok(response, f"read item {item.tag:02X}")
                value = parse_item(response.data, item.tag)
                if item.digits is None:
                    fields[item.field] = decode_text(value)
                else:
                    fields[item.field] = decode_digits(value, item.digits)
        return SocialSecurityCard(**fields)


class TechnicianBadgeProfile:
    """Ask the reader for the UID; a reader or card without one is not a badge."""

    def read(self, channel: ApduChannel) -> TechnicianBadge | None:
        response = channel.transmit(apdu.GET_UID)
        if not response.ok:
            return None
        if len(response.data) not in UID_LENGTHS:
            raise MalformedResponse(f"a UID of {len(response.data)} bytes")
        return TechnicianBadge(uid=response.data.hex().upper())


DEFAULT_PROFILES: tuple[CardProfile, ...] = (SocialSecurityProfile(), TechnicianBadgeProfile())


def identify(channel: ApduChannel, profiles: Sequence[CardProfile] = DEFAULT_PROFILES) -> Card:
    """Read the card with the first profile that recognises it."""
    for profile in profiles:
        card = profile.read(channel)
        if card is not None:
            return card
    raise UnknownCard("no card profile recognises this card")


def _expect_ok(response: Response, step: str) -> None:
    if not response.ok:
        raise UnreadableCard(f"{step}: status {response.sw:04X}")
