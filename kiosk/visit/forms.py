"""A visit's form, built from an item's fields, with messages that name the fix.

Items arrive from the central with no code of their own, so every rule a form
applies (types, formats, limits, prefill from the card or the platform's
profile) comes from the field description; nothing here knows any particular
item. A value from the platform's profile is the citizen's to confirm: it is
submitted only once the citizen confirmed it with a tap or typed over it, and
it never replaces what the citizen typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from kiosk.catalog.items import FieldFormat, FieldType, FormField, Item, Prefill
from kiosk.identifiers import formats
from kiosk.visit.messages import say
from kiosk.visit.person import Person


@dataclass(frozen=True)
class Problem:
    """One thing to fix in one field; a warning can be confirmed past, an error cannot."""

    field: str
    code: str
    message: str
    warning: bool = False


# Ratings at or below this level are bad reviews, which need a reason.
BAD_RATING = 2
# How a ticked consent box is kept among a form's values (unticked: "").
AGREED = "yes"

FormatCheck = Callable[[str, date], formats.Check]

FORMAT_CHECKS: dict[FieldFormat, FormatCheck] = {
    FieldFormat.PHONE_CN: lambda v, _today: formats.check_phone_cn(v),
    FieldFormat.ID_NUMBER: lambda v, today: formats.check_id_number(v, today=today),
    FieldFormat.USCC: lambda v, _today: formats.check_uscc(v),
    FieldFormat.POSTAL_CODE: lambda v, _today: formats.check_postal_code(v),
    FieldFormat.EMAIL: lambda v, _today: formats.check_email(v),
}


def _prefill_value(person: Person | None, prefill: Prefill | None) -> str:
    if person is None or prefill is None or prefill == Prefill.PROFILE:
        return ""
    return {
        Prefill.NAME: person.name,
        Prefill.ID_NUMBER: person.id_number,
        Prefill.ADDRESS: person.address,
        Prefill.BIRTH_DATE: person.birth_date.isoformat() if person.birth_date else "",
        Prefill.SEX: person.sex,
    }[prefill]


def reason_spec(item: Item) -> FormField | None:
    """The field a rating's reason is written in: the item's first free-text field."""
    return next((f for f in item.fields if f.type == FieldType.TEXT), None)


@dataclass
class Form:
    """The values a citizen has entered for one item, and what is still wrong with them."""

    item: Item
    values: dict[str, str] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()
    confirmed_warnings: set[str] = field(default_factory=set)
    # the fields the citizen has edited: a late profile never overwrites them
    touched: set[str] = field(default_factory=set)
    # values put in from the platform's profile, while they stand as put in
    from_profile: dict[str, str] = field(default_factory=dict)
    # of those, the ones the citizen confirmed with a tap
    confirmed: set[str] = field(default_factory=set)

    @classmethod
    def for_item(cls, item: Item, person: Person | None) -> Form:
        """Prefilled from the card; prefilled fields are locked unless manual entry is allowed."""
        values = {f.name: _prefill_value(person, f.prefill) for f in item.fields}
        lock = item.identity != "id_card_or_manual" and person is not None \
            and person.source != "manual"
        locked = frozenset(f.name for f in item.fields if f.prefill and lock and values[f.name])
        return cls(item=item, values=values, locked=locked)

    def set(self, name: str, value: str) -> None:
        if name in self.locked:
            raise PermissionError(f"{name} comes from the ID card and cannot be changed")
        if name not in self.values:
            raise KeyError(name)
        self.values[name] = value
        self.confirmed_warnings.discard(name)
        self.touched.add(name)  # typed by the citizen: theirs, whatever the platform holds
        self.from_profile.pop(name, None)
        self.confirmed.discard(name)

    def offer_profile(self, profile: dict[str, str], today: date) -> bool:
        """Put in each profile value a `profile` field names, where the citizen has typed
        nothing and the value passes the field's own checks (a value that does not is left
        out: the field asks as if there were none). True when anything was put in."""
        offered = False
        for spec in self.item.fields:
            value = profile.get(spec.profile_key or "") if spec.prefill == Prefill.PROFILE \
                else None
            if not value or spec.name in self.touched or self.values.get(spec.name):
                continue
            if check_field(spec, value, "en", today) is None:
                self.values[spec.name] = self.from_profile[spec.name] = value
                offered = True
        return offered

    def confirm_prefill(self, name: str) -> None:
        """The citizen says the platform's value is right."""
        if name in self.from_profile:
            self.confirmed.add(name)

    def change_prefill(self, name: str) -> None:
        """The citizen will type it: the platform's value is dropped, never shown unmasked."""
        if name in self.from_profile:
            del self.from_profile[name]
            self.confirmed.discard(name)
            self.values[name] = ""
            self.touched.add(name)

    def unconfirmed(self) -> list[str]:
        """Fields whose value came from the platform and still waits for the citizen."""
        return [n for n in self.from_profile if n not in self.confirmed]

    def confirm_warning(self, name: str) -> None:
        """The citizen checked a value that only failed a soft check (an old USCC)."""
        self.confirmed_warnings.add(name)

    def problems(self, locale: str, today: date) -> list[Problem]:
        found = []
        for spec in self.item.fields:
            problem = check_field(spec, self.values.get(spec.name, ""), locale, today)
            if problem and not (problem.warning and spec.name in self.confirmed_warnings):
                found.append(problem)
        reason = self._missing_reason(locale)
        if reason is not None and not any(p.field == reason.field for p in found):
            found.append(reason)
        return found + [self._unconfirmed_problem(n, locale) for n in self.unconfirmed()
                        if not any(p.field == n for p in found)]

    def _unconfirmed_problem(self, name: str, locale: str) -> Problem:
        spec = next(f for f in self.item.fields if f.name == name)
        return Problem(name, "prefill_unconfirmed",
                       say("prefill_unconfirmed", locale, label=spec.label.text(locale)))

    def rating(self) -> int | None:
        """The level of the form's rating field, if it has a valid one."""
        for spec in self.item.fields:
            if spec.type == FieldType.RATING:
                raw = self.values.get(spec.name, "").strip()
                return int(raw) if raw.isdigit() else None
        return None

    def _missing_reason(self, locale: str) -> Problem | None:
        """A bad rating (the two lowest levels) must come with its reason, in the first
        free-text field of the item; a good one needs none."""
        level = self.rating()
        if level is None or level > BAD_RATING:
            return None
        spec = reason_spec(self.item)
        if spec is None or self.values.get(spec.name, "").strip():
            return None
        return Problem(spec.name, "reason_needed",
                       say("reason_needed", locale, label=spec.label.text(locale)))

    def payload(self) -> dict[str, object]:
        """The form as the contract's Submission.form: typed, empty optional fields left out."""
        out: dict[str, object] = {}
        for spec in self.item.fields:
            raw = self.values.get(spec.name, "").strip()
            if raw == "":
                continue
            if spec.type in (FieldType.INTEGER, FieldType.RATING):
                out[spec.name] = int(raw)
            elif spec.type == FieldType.CONSENT:
                out[spec.name] = raw == AGREED
            else:
                out[spec.name] = raw
        return out


def rating_levels(spec: FormField) -> list[int]:
    """The levels a rating field offers, as the screen lists them: the item's own worded
    levels, else every number from its maximum down to its minimum (5 to 1 by default)."""
    low = spec.minimum if spec.minimum is not None else 1
    high = spec.maximum if spec.maximum is not None else 5
    return [int(o.value) for o in spec.options if o.value.isdigit()] \
        or list(range(high, low - 1, -1))


def check_field(spec: FormField, raw: str, locale: str, today: date) -> Problem | None:
    """The first problem with one value, or None."""
    value = raw.strip()
    label = spec.label.text(locale)

    def problem(code: str, warning: bool = False, **params: object) -> Problem:
        return Problem(spec.name, code, say(code, locale, label=label, **params), warning)

    if spec.type == FieldType.CONSENT:
        if spec.required and value != AGREED:
            return problem("consent_needed")
        return None
    if value == "":
        return problem("required") if spec.required else None
    if spec.min_length is not None and len(value) < spec.min_length:
        return problem("too_short", n=spec.min_length)
    if spec.max_length is not None and len(value) > spec.max_length:
        return problem("too_long", n=spec.max_length)
    if spec.type in (FieldType.INTEGER, FieldType.RATING):
        try:
            number = int(value)
        except ValueError:
            return problem("not_integer")
        if spec.minimum is not None and number < spec.minimum:
            return problem("too_small", n=spec.minimum)
        if spec.maximum is not None and number > spec.maximum:
            return problem("too_large", n=spec.maximum)
    if spec.type == FieldType.DATE:
        try:
            date.fromisoformat(value)
        except ValueError:
            return problem("not_date")
    if spec.type == FieldType.ENUM and value not in {o.value for o in spec.options}:
        return problem("not_option")
    if spec.format is not None:
        verdict = FORMAT_CHECKS[spec.format](value, today)
        if not verdict.ok:
            code = spec.format.value
            if verdict.warning:
                return problem(f"{code}_check_warning", warning=True)
            return problem(code)
    return None
