"""How a citizen's identifiers look on the screen: masked, as on the paper.

The central's certificates print an ID number as 1101**********0020; a screen
that shows the whole number beside them is read by whoever stands behind the
citizen, and photographed. So every screen that shows a value of the visit
asks here: a field that holds an identifier (by its format or by what the card
prefilled) is masked whole, and an identifier written in any other value is
found by its shape and masked where it stands. A phone number is left: the
citizen must see it whole to check that the code will reach them.
"""

from __future__ import annotations

from kiosk.audit.masking import mask_identifier, mask_identifiers
from kiosk.catalog.items import FieldFormat, FormField, Prefill

IDENTIFIER_FORMATS = frozenset({FieldFormat.ID_NUMBER, FieldFormat.USCC})


def holds_identifier(spec: FormField) -> bool:
    """Whether `spec`'s value is an identifier: an ID number or credit code field, or one
    the card fills with the holder's number."""
    return spec.format in IDENTIFIER_FORMATS or spec.prefill == Prefill.ID_NUMBER


def shown_value(spec: FormField, value: str) -> str:
    """`value` of field `spec` as a screen may show it."""
    if not value:
        return value
    return mask_identifier(value) if holds_identifier(spec) else mask_identifiers(value)


def shown_text(text: str) -> str:
    """Any other text a screen shows of the visit (a document's line, a case's note) with
    the identifiers in it masked."""
    return mask_identifiers(text)
