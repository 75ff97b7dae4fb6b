"""One number to apply: the platform's profile of the identified citizen, put into
the fields that ask for it.

The question goes out only when a form that uses the profile opens (a citizen
who only queries a certificate has nothing pulled from the base databases),
runs in the background and never holds the form up: offline, on an error or
when the answer is late the form asks as it always did, and a late answer
fills only what the citizen has not typed. A typed identity is asked for
only with the one-time code the visit already holds. The profile lives in
the Visit, so it ends with the visit; while it lasts its values are masked in
the logs and refused by the audit log like the citizen's name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.audit.masking import VISIT_NAMES
from kiosk.catalog.items import Item, Prefill
from kiosk.uplink.client import CentralClient, CentralError
from kiosk.uplink.online import Question, Reply
from kiosk.visit.forms import Form
from kiosk.visit.shown import shown_value
from kiosk.visit.state import Visit

log = logging.getLogger(__name__)

# What a masked value keeps in sight, as the central masks a phone: 138****8000.
SHOWN_HEAD, SHOWN_TAIL, HIDDEN = 3, 4, "****"


def uses_profile(item: Item | None) -> bool:
    """Whether any field of `item` is prefilled from the platform's profile."""
    return item is not None and any(f.prefill == Prefill.PROFILE and f.profile_key
                                    for f in item.fields)


def masked(value: str) -> str:
    """`value` as a public screen may show it: 13800138000 as 138****8000; a short value
    keeps only its first character."""
    if len(value) > SHOWN_HEAD + SHOWN_TAIL:
        return value[:SHOWN_HEAD] + HIDDEN + value[-SHOWN_TAIL:]
    return value[:1] + "*" * max(0, len(value) - 1)


def prefilled_shown(form: Form, name: str) -> str:
    """A form value as the screen shows it: a platform value its field masks stays masked
    (138****8000) for as long as it stands; the citizen who changes it types it anew."""
    value = form.values.get(name, "")
    spec = next((f for f in form.item.fields if f.name == name), None)
    if spec is None:
        return value
    if spec.masked and name in form.from_profile:
        return masked(value)
    return shown_value(spec, value)


def prefill_state(form: Form | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Which fields hold a platform value and which of them are confirmed: a screen that
    shows the form is drawn again when this changes."""
    if form is None:
        return (), ()
    return tuple(sorted(form.from_profile)), tuple(sorted(form.confirmed))


@dataclass(frozen=True)
class ProfileContext:
    """What prefilling needs of the flow; passed in so this module stays below it."""

    visit: Callable[[], Visit]
    ask: Callable[[Question, Reply], None]
    central_online: Callable[[], bool]
    today: Callable[[], date]
    changed: Callable[[], None]


class Prefills:
    def __init__(self, context: ProfileContext) -> None:
        self._context = context

    def form_opened(self) -> None:
        """A form was opened: fill it from the profile held, or ask for the profile."""
        visit = self._context.visit()
        if visit.form is None or not uses_profile(visit.item):
            return
        if visit.profile is not None:
            visit.form.offer_profile(visit.profile, self._context.today())
        elif not visit.profile_asked:
            self._ask(visit)

    def _ask(self, visit: Visit) -> None:
        person = visit.person
        if person is None or not self._context.central_online():
            return
        verification = None
        if person.source == "manual":  # a typed identity: only with its one-time code
            verification = visit.challenge.verification() if visit.challenge else None
            if verification is None:
                return
        visit.profile_asked = True
        applicant = person.applicant()

        def question(client: CentralClient) -> dict[str, str]:
            return client.profile(applicant, verification)

        def reply(answer: Any, error: CentralError | None) -> None:
            self._answered(visit, answer, error)
        self._context.ask(question, reply)

    def _answered(self, visit: Visit, answer: Any, error: CentralError | None) -> None:
        if self._context.visit() is not visit:
            return  # that visit ended: its citizen's profile is dropped unread
        if error is not None:
            log.info("profile: none used (%s)", type(error).__name__)
            return
        visit.profile = dict(answer)
        # masked in any log line and refused by the audit log, as the citizen's name is,
        # until the visit ends (an address or an employer has no shape to be found by)
        VISIT_NAMES.add(*visit.profile.values())
        form = visit.form
        if form is not None and uses_profile(form.item) \
                and form.offer_profile(visit.profile, self._context.today()):
            self._context.changed()
