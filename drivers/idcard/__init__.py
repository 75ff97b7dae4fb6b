"""GA/T 467 resident-ID-card reader: the public face of the driver.

The core and the technicians' tools import from here only, so the modules
behind it (codec, session, layout) can change without touching them.
"""

from drivers.idcard.codes import NATIONS, SEXES, CodedName
from drivers.idcard.document import IdentityDocument
from drivers.idcard.errors import (
    CardNotPresent,
    CardUnreadable,
    DamagedAnswer,
    FrameError,
    IdCardError,
    NoAnswer,
    TextBlockError,
)
from drivers.idcard.events import (
    CardLost,
    CardRead,
    CardReading,
    CardRemoved,
    IdCardEvent,
    StatusChanged,
)
from drivers.idcard.frame import SamError, Sw3
from drivers.idcard.layout import CardType
from drivers.idcard.reader import IdCardReader
from drivers.idcard.session import AUTO_BAUD, BAUD_RATES, Baud, connect
from drivers.idcard.taking import read_one

__all__ = [
    "AUTO_BAUD",
    "BAUD_RATES",
    "NATIONS",
    "SEXES",
    "Baud",
    "CardLost",
    "CardNotPresent",
    "CardRead",
    "CardReading",
    "CardRemoved",
    "CardType",
    "CardUnreadable",
    "CodedName",
    "DamagedAnswer",
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
