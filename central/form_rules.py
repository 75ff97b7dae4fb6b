"""Judging a filled-in form against the rules its item's fields declare.

The kiosk renders and checks forms from the same field rules; the central
checks again because a form that breaks them can never be accepted (422, a
dead letter), and the kiosk must learn that from a precise field message.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from central.clock import parse_full_date
from central.identifiers import (
    EMAIL,
    PHONE_CN,
    POSTAL_CODE,
    id_number_problem,
    uscc_shape_problem,
)
from central.problems import FieldError

_FORMAT_MESSAGES = {
    "phone_cn": "must be an 11-digit mainland mobile number starting with 1",
    "postal_code": "must be 6 digits",
    "email": "must be an e-mail address",
}
_FORMAT_PATTERNS = {"phone_cn": PHONE_CN, "postal_code": POSTAL_CODE, "email": EMAIL}


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value is False


def _format_problem(fmt: str, value: str, today: date) -> str | None:
    if fmt == "id_number":
        return id_number_problem(value, today)
    if fmt == "uscc":
        return uscc_shape_problem(value)
    pattern = _FORMAT_PATTERNS.get(fmt)
    if pattern is not None and not pattern.match(value):
        return _FORMAT_MESSAGES[fmt]
    return None


def _text_problem(spec: dict[str, Any], value: Any, today: date) -> str | None:
    if not isinstance(value, str):
        return "must be text"
    if "min_length" in spec and len(value) < spec["min_length"]:
        return f"must be at least {spec['min_length']} characters"
    if "max_length" in spec and len(value) > spec["max_length"]:
        return f"must be at most {spec['max_length']} characters"
    if "format" in spec:
        return _format_problem(spec["format"], value, today)
    return None


def _number_problem(spec: dict[str, Any], value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "must be a whole number"
    if "minimum" in spec and value < spec["minimum"]:
        return f"must be at least {spec['minimum']}"
    if "maximum" in spec and value > spec["maximum"]:
        return f"must be at most {spec['maximum']}"
    return None


def _date_problem(value: Any) -> str | None:
    if isinstance(value, str) and parse_full_date(value) is not None:
        return None
    return "must be a real date written YYYY-MM-DD"


def _option_values(spec: dict[str, Any]) -> list[str]:
    return [option["value"] for option in spec.get("options", [])]


def _enum_problem(spec: dict[str, Any], value: Any) -> str | None:
    allowed = _option_values(spec)
    if value not in allowed:
        return "must be one of " + ", ".join(allowed)
    return None


def _rating_problem(spec: dict[str, Any], value: Any) -> str | None:
    """A rating is a whole number (1 to 5 unless the field narrows it), or an option's value."""
    if isinstance(value, str) and value in _option_values(spec):
        return None
    bounded = {"minimum": spec.get("minimum", 1), "maximum": spec.get("maximum", 5)}
    return _number_problem(bounded, value)


def _value_problem(spec: dict[str, Any], value: Any, today: date) -> str | None:
    kind = spec["type"]
    if kind in ("string", "text"):
        return _text_problem(spec, value, today)
    if kind == "integer":
        return _number_problem(spec, value)
    if kind == "date":
        return _date_problem(value)
    if kind == "enum":
        return _enum_problem(spec, value)
    if kind == "rating":
        return _rating_problem(spec, value)
    if kind == "consent":
        return None if isinstance(value, bool) else "must be true or false"
    return f"has a type this server does not know ({kind})"


def form_errors(fields: list[dict[str, Any]], form: dict[str, Any],
                today: date) -> list[FieldError]:
    """Every way `form` breaks the item's field rules; empty when it is acceptable."""
    errors: list[FieldError] = []
    known = {spec["name"] for spec in fields}
    for name in form:
        if name not in known:
            errors.append(FieldError(f"form.{name}", "is not a field of this item"))
    for spec in fields:
        name = f"form.{spec['name']}"
        value = form.get(spec["name"])
        if _is_empty(value):
            if spec.get("required", False):
                message = "must be agreed to" if spec["type"] == "consent" else "is required"
                errors.append(FieldError(name, message))
            continue
        problem = _value_problem(spec, value, today)
        if problem:
            errors.append(FieldError(name, problem))
    return errors
