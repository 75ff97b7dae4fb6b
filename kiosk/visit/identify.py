"""Turns what a device read, or what a citizen typed, into the one Person the
core works with.

Only the facts a visit may use cross over; the photo and fingerprint of an
ID card stay behind in the driver's object, which the visit does not keep. A
typed identity is checked here as strictly as a card's, so what the flow
adopts is a Person whichever way it came.
"""

from __future__ import annotations

from datetime import date

from drivers.idcard import CardType, IdentityDocument
from kiosk.identifiers import formats
from kiosk.visit.forms import Problem
from kiosk.visit.messages import say
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


def manual_person(id_number: str, name: str, *, language: str,
                  today: date) -> Person | list[Problem]:
    """The citizen from a typed ID number and name, or what is wrong with them, said in
    `language` and naming the field."""
    id_number, name = id_number.strip().upper(), name.strip()

    def problem(field: str, code: str) -> Problem:
        return Problem(field, code, say(code, language, label=say(f"label_{field}", language)))

    problems = []
    if not formats.check_id_number(id_number, today=today).ok:
        problems.append(problem("id_number", "id_number"))
    if not 1 <= len(name) <= 30:
        problems.append(problem("name", "required"))
    if problems:
        return problems
    return Person(id_type="resident_id", id_number=id_number, name=name, source="manual")
