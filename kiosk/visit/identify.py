"""Turns what a device read into the one Person the core works with.

Only the facts a visit may use cross over; the photo and fingerprint of an
ID card stay behind in the driver's object, which the visit does not keep.
"""

from __future__ import annotations

from datetime import date

from drivers.idcard import CardType, IdentityDocument
from kiosk.visit.person import IdType, Person

ID_TYPES: dict[CardType, IdType] = {
    CardType.RESIDENT_ID: "resident_id",
    CardType.HMT_RESIDENCE_PERMIT: "hk_mo_tw_residence_permit",
    CardType.FOREIGN_PERMANENT_2017: "foreign_permanent_resident",
    CardType.FOREIGN_PERMANENT_2023: "foreign_permanent_resident",
}


def person_from_id_card(doc: IdentityDocument, today: date) -> Person:
    return Person(id_type=ID_TYPES[doc.card_type], id_number=doc.id_number, name=doc.name,
                  source="id_card_reader", address=doc.address, birth_date=doc.birth_date,
                  sex=doc.sex.code, expired=doc.is_expired(today))
