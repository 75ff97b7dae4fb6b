"""GA/T 467 resident-ID-card reader: the public face of the driver.

The core and the technicians' tools import from here only, so the modules
behind it (codec, session, layout) can change without touching them.
"""

from drivers.idcard.codes import NATIONS, SEXES, CodedName
from drivers.idcard.document import IdentityDocument
from drivers.idcard.errors import (
    CardNotPresent,
    FrameError,
    IdCardError,
    NoAnswer,
    TextBlockError,
)
from drivers.idcard.events import CardRead, CardRemoved, IdCardEvent, StatusChanged
from drivers.idcard.frame import SamError, Sw3
from drivers.idcard.layout import CardType
from drivers.idcard.reader import IdCardReader
from drivers.idcard.session import AUTO_BAUD, BAUD_RATES, Baud, connect, read_one

__all__ = [
    "AUTO_BAUD",
    "BAUD_RATES",
    "NATIONS",
    "SEXES",
    "Baud",
    "CardNotPresent",
    "CardRead",
    "CardRemoved",
    "CardType",
    "CodedName",
    "FrameError",
    "IdCardError",
    "IdCardEvent",
    "IdCardReader",
    "IdentityDocument",
    "NoAnswer",
    "SamError",
    "StatusChanged",
    "Sw3",
    "TextBlockError",
    "connect",
    "read_one",
]
