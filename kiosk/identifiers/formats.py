"""The field formats forms can declare, each with its one check function.

Forms look a field's `format` up here; drivers and tools that hold an
identifier use the same functions, so a value accepted at one place is
accepted everywhere. The checks themselves live in modules per subject.
"""

from kiosk.identifiers.contact import check_email, check_phone_cn, check_postal_code
from kiosk.identifiers.id_number import check_foreign_permanent_number, check_id_number
from kiosk.identifiers.result import Check, Reason, Severity
from kiosk.identifiers.uscc import check_uscc

__all__ = [
    "Check",
    "Reason",
    "Severity",
    "check_email",
    "check_foreign_permanent_number",
    "check_id_number",
    "check_phone_cn",
    "check_postal_code",
    "check_uscc",
]
