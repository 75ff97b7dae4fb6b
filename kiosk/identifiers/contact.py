"""Checks of the contact details forms ask for: phone, postal code, e-mail.

A case the office cannot follow up is a wasted visit; these checks catch the
usual slips on a touch keyboard (a missing digit, a wrong prefix) while
accepting every genuine mainland number and address.
"""

from __future__ import annotations

import re

from kiosk.identifiers.result import Check, Reason, error, passed

_PHONE_SEPARATORS = re.compile(r"[\s\-()]")
_COUNTRY_PREFIXES = ("+86", "0086")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_FIXED_LINE = re.compile(r"(?:010|02\d|0[3-9]\d\d)[2-9]\d{6,7}")
"""Area code (three digits for Beijing and the 02x cities, four elsewhere), then 7-8 digits."""
POSTAL_CODE_LENGTH = 6
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_EMAIL_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
MAX_EMAIL_LENGTH = 254
MAX_EMAIL_LOCAL_LENGTH = 64


def check_phone_cn(value: str) -> Check:
    """A mainland mobile number (1[3-9] + 9 digits) or a fixed line with its area code."""
    number = _PHONE_SEPARATORS.sub("", value)
    for prefix in _COUNTRY_PREFIXES:
        number = number.removeprefix(prefix)
    if not number:
        return error(number, Reason.EMPTY)
    if not (number.isascii() and number.isdigit()):
        return error(number, Reason.CHARACTER)
    if _MOBILE.fullmatch(number) or _FIXED_LINE.fullmatch(number):
        return passed(number)
    return error(number, Reason.FORMAT)


def check_postal_code(value: str) -> Check:
    code = value.strip()
    if not code:
        return error(code, Reason.EMPTY)
    if not (code.isascii() and code.isdigit()):
        return error(code, Reason.CHARACTER)
    if len(code) != POSTAL_CODE_LENGTH:
        return error(code, Reason.LENGTH)
    return passed(code)


def check_email(value: str) -> Check:
    address = value.strip()
    if not address:
        return error(address, Reason.EMPTY)
    if len(address) > MAX_EMAIL_LENGTH:
        return error(address, Reason.LENGTH)
    local, at, domain = address.rpartition("@")
    if not (
        at
        and len(local) <= MAX_EMAIL_LOCAL_LENGTH
        and _EMAIL_LOCAL.fullmatch(local)
        and _EMAIL_DOMAIN.fullmatch(domain)
    ):
        return error(address, Reason.FORMAT)
    return passed(f"{local}@{domain.lower()}")
