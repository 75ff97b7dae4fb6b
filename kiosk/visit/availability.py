"""Whether an item can be started now, and if not, the reason a citizen reads.

A citizen should learn that the printer is out of paper or the network is
down on the item grid, before typing anything, and see the same sentence
whichever screen asks. The rules read the item's own description (kind,
identity, offline behaviour, hours), so a new item needs no code here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.catalog.hours import is_open, next_opening
from kiosk.catalog.items import Item, ItemKind
from kiosk.visit.messages import say

# Kinds whose outcome is paper the citizen leaves with: no printer, no point starting.
PRINTED_KINDS = frozenset({ItemKind.QUERY_PRINT, ItemKind.APPOINTMENT})
# Kinds the central must answer while the citizen waits.
ONLINE_KINDS = frozenset({ItemKind.QUERY_PRINT, ItemKind.APPOINTMENT})
# Kinds stored in the spool first, and so subject to its gate.
SPOOLED_KINDS = frozenset({ItemKind.SUBMISSION, ItemKind.EVALUATION})


@dataclass(frozen=True)
class KioskStatus:
    """What the rest of the kiosk can do right now, as far as items care."""

    central_online: bool = True
    id_reader: bool = True
    printer: bool = True
    gate_reason: str | None = None  # a message code while the spool refuses new work
    a4_reason: str | None = None  # a message code while A4 documents cannot be printed


@dataclass(frozen=True)
class Unavailable:
    code: str
    opens_at: datetime | None = None

    def message(self, locale: str, now: datetime) -> str:
        if self.opens_at is None:
            return say(self.code, locale)
        same_day = self.opens_at.date() == now.date()
        when = f"{self.opens_at:%H:%M}" if same_day else f"{self.opens_at:%m-%d %H:%M}"
        return say(self.code, locale, when=when)


def needs_central(item: Item) -> bool:
    return item.kind in ONLINE_KINDS or item.offline == "unavailable"


def unavailable(item: Item, status: KioskStatus, now: datetime) -> Unavailable | None:
    """The first reason `item` cannot be started, or None when it can."""
    if not is_open(item, now):
        opens = next_opening(item, now)
        return Unavailable("closed_until", opens) if opens else Unavailable("closed")
    if item.fee is not None and not status.central_online:
        return Unavailable("fee_needs_central")
    if needs_central(item) and not status.central_online:
        return Unavailable("needs_central")
    if item.identity == "id_card" and not status.id_reader:
        return Unavailable("needs_id_reader")
    if item.kind in PRINTED_KINDS and not status.printer:
        return Unavailable("needs_printer")
    if item.paper == "a4" and status.a4_reason is not None:
        return Unavailable(status.a4_reason)
    if item.kind in SPOOLED_KINDS and status.gate_reason is not None:
        return Unavailable(status.gate_reason)
    return None
