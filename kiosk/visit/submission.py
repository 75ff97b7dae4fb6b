"""What a confirmed form becomes in the spool: the contract's Submission.

A rating names no applicant (it must not show up among a citizen's cases) but
may name the case it rates; anything else carries the citizen who applied.
Each carries a random lookup token, printed in the receipt's QR code beside
the reference: a reference is sequential, so it shows a case only with it.
"""

from __future__ import annotations

import secrets
from typing import Any

from kiosk.catalog.items import ItemKind
from kiosk.visit.state import Visit

# 128 random bits: 22 URL-safe characters, which no one guesses by counting references.
TOKEN_BYTES = 16


def submission(visit: Visit, device_id: str) -> tuple[dict[str, Any], int | None]:
    """The payload to spool for the visit's confirmed form, and the level when it rates."""
    item, form = visit.item, visit.form
    assert item is not None and form is not None
    payload: dict[str, Any] = {"item_code": item.code, "item_version": item.version,
                               "device_id": device_id, "form": form.payload(),
                               "lookup_token": secrets.token_urlsafe(TOKEN_BYTES)}
    rating = None
    if item.kind == ItemKind.EVALUATION:
        rating = form.rating()
        if visit.about_case_no:
            payload["about_case_no"] = visit.about_case_no
    elif visit.person is not None:
        payload["applicant"] = visit.person.applicant()
    return payload, rating
