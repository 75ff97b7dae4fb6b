"""The citizen in front of the kiosk, whatever identified them.

A resident ID card, a residence permit, a social-security card and a typed
number all end as the same few facts; the rest of the core deals with this
one shape and never with a device's record. Its repr hides everything, so a
stray log line or traceback cannot print a citizen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

IdType = Literal["resident_id", "foreign_permanent_resident", "hk_mo_tw_residence_permit",
                 "uscc"]
Source = Literal["id_card_reader", "smart_card", "scanner", "manual"]


@dataclass(frozen=True, repr=False)
class Person:
    id_type: IdType
    id_number: str
    name: str
    source: Source
    address: str = ""
    birth_date: date | None = None
    sex: str = ""
    expired: bool = False

    def __repr__(self) -> str:
        return f"Person(<hidden>, source={self.source})"

    def applicant(self) -> dict[str, Any]:
        """The contract's Applicant."""
        return {"id_type": self.id_type, "id_number": self.id_number, "name": self.name,
                "source": self.source}
