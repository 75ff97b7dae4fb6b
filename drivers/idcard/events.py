"""What the ID-card reader tells the core, as plain immutable values.

The reader runs in its own thread and the core must not reach into it; it
learns everything from these events, which carry no device handles and are
safe to pass across threads.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.idcard.document import IdentityDocument
from drivers.status import DeviceStatus


@dataclass(frozen=True)
class CardRead:
    """A card was placed and read; sent once per placement."""

    document: IdentityDocument


@dataclass(frozen=True)
class CardRemoved:
    """The card last read is no longer found.

    A SAM does not find a card it has read until the card is lifted and put
    back, so this follows the first failed find after a read: the reader will
    not report that placement again. It is not proof the card left the field.
    """


@dataclass(frozen=True)
class CardReading:
    """A new card was found and is being read: the citizen may be told to wait.

    A CardRead follows when the read succeeds, a CardLost when it does not.
    """


@dataclass(frozen=True)
class CardLost:
    """The card found could not be read, even after asking again: it must be placed again.

    The SAM will not find a card it believes it has read, so the kiosk cannot
    try on its own any longer; only lifting the card and placing it back can.
    """


@dataclass(frozen=True)
class StatusChanged:
    status: DeviceStatus


IdCardEvent = CardRead | CardReading | CardLost | CardRemoved | StatusChanged
