"""Smart cards over PC/SC: social security cards and technician badges.

The public face of the package; see monitor.SmartCardReader for the threaded
reader the core uses, and reading.read_card for a one-off bounded read.
"""

from drivers.smartcard.cards import Card, SocialSecurityCard, TechnicianBadge
from drivers.smartcard.errors import (
    CardBusy,
    CardUnresponsive,
    MalformedResponse,
    NoCard,
    NoReader,
    PcscUnavailable,
    SmartCardError,
    UnknownCard,
    UnreadableCard,
)
from drivers.smartcard.events import (
    BadgeRead,
    CardReadFailed,
    CardRemoved,
    SmartCardEvent,
    SmartCardRead,
    StatusChanged,
)
from drivers.smartcard.monitor import SmartCardReader
from drivers.smartcard.profiles import (
    DEFAULT_PROFILES,
    CardProfile,
    SocialSecurityProfile,
    TechnicianBadgeProfile,
)
from drivers.smartcard.reading import read_card

__all__ = [
    "DEFAULT_PROFILES",
    "BadgeRead",
    "Card",
    "CardBusy",
    "CardProfile",
    "CardReadFailed",
    "CardRemoved",
    "CardUnresponsive",
    "MalformedResponse",
    "NoCard",
    "NoReader",
    "PcscUnavailable",
    "SmartCardError",
    "SmartCardEvent",
    "SmartCardRead",
    "SmartCardReader",
    "SocialSecurityCard",
    "SocialSecurityProfile",
    "StatusChanged",
    "TechnicianBadge",
    "TechnicianBadgeProfile",
    "UnknownCard",
    "UnreadableCard",
    "read_card",
]
