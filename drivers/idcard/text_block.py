"""Turning a card's 256-byte text block into an IdentityDocument.

The block comes off a radio link through a SAM; a damaged or unfamiliar card
must give the kiosk a clear "cannot read this card" (TextBlockError), never an
IndexError or UnicodeError escaping into the reader thread.
"""

from __future__ import annotations

from datetime import date

from drivers.idcard import codes
from drivers.idcard.document import IdentityDocument
from drivers.idcard.errors import TextBlockError
from drivers.idcard.layout import (
    CARD_TYPE_SPAN,
    LAYOUTS,
    LONG_TERM,
    MARKERS,
    TEXT_BLOCK_SIZE,
    TEXT_ENCODING,
    Span,
)


def parse_text_block(
    block: bytes, photo: bytes = b"", fingerprint: bytes = b""
) -> IdentityDocument:
    """Parse the text block of any supported card type; TextBlockError when it is not one."""
    if len(block) != TEXT_BLOCK_SIZE:
        raise TextBlockError(f"text block has {len(block)} bytes, not {TEXT_BLOCK_SIZE}")
    marker = _decode(block, CARD_TYPE_SPAN, "card type")
    card_type = MARKERS.get(marker)
    if card_type is None:
        raise TextBlockError(f"unknown card type marker {marker!r}")
    raw = {key: _decode(block, span, key) for key, span in LAYOUTS[card_type].items()}
    text = {key: _clean(value) for key, value in raw.items()}
    if not text["id_number"]:
        raise TextBlockError("the card holds no document number")
    # A 'Y' card splits the English name over two fields; part 1 is padded only
    # when the name is short, so the raw parts are joined before trimming.
    english_name = _clean(raw.get("english_name", "") + raw.get("english_name_2", "")) or None
    name = text["name"] or (english_name or "")
    if not name:
        raise TextBlockError("the card holds no name")
    return IdentityDocument(
        card_type=card_type,
        name=name,
        sex=codes.sex(text["sex"]),
        nation=codes.nation(text["nation"]) if text.get("nation") else None,
        birth_date=_date(text["birth_date"], "birth date"),
        address=text.get("address", ""),
        id_number=text["id_number"],
        authority=text.get("authority", ""),
        valid_from=_date(text["valid_from"], "valid-from date"),
        valid_to=_valid_to(text["valid_to"]),
        english_name=english_name,
        nationality=text.get("nationality") or None,
        permit_number=text.get("permit_number") or None,
        issue_count=_count(text.get("issue_count", "")),
        photo=photo,
        fingerprint=fingerprint,
    )


def _decode(block: bytes, span: Span, what: str) -> str:
    try:
        return block[span.offset : span.end].decode(TEXT_ENCODING)
    except UnicodeDecodeError:
        raise TextBlockError(f"{what} is not valid UCS-2 text") from None


def _clean(value: str) -> str:
    return value.strip(" \x00")


def _date(value: str, what: str) -> date:
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        raise TextBlockError(f"{what} is not YYYYMMDD")
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise TextBlockError(f"{what} is not a real date") from None


def _valid_to(value: str) -> date | None:
    return None if value == LONG_TERM else _date(value, "valid-to date")


def _count(value: str) -> int | None:
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        raise TextBlockError("issue count is not a number")
    return int(value)
