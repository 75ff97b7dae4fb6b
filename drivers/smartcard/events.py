"""The events SmartCardReader reports to the core, one small value each.

The core reacts to what happened (a card was read, pulled out, the reader
went away) without knowing PC/SC; these are the whole vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.smartcard.cards import SocialSecurityCard
from drivers.smartcard.errors import SmartCardError
from drivers.status import DeviceStatus


@dataclass(frozen=True)
class SmartCardRead:
    """A social security card was placed and read."""

    card: SocialSecurityCard


@dataclass(frozen=True)
class BadgeRead:
    """A technician badge was placed; `uid` as in TechnicianBadge."""

    uid: str


@dataclass(frozen=True)
class CardRemoved:
    """The card that was in the reader is gone."""


@dataclass(frozen=True)
class CardReadFailed:
    """A card was placed but could not be read; `error` says why."""

    error: SmartCardError


@dataclass(frozen=True)
class StatusChanged:
    """The reader's DeviceStatus changed."""

    status: DeviceStatus


SmartCardEvent = SmartCardRead | BadgeRead | CardRemoved | CardReadFailed | StatusChanged
