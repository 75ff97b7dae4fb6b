"""The service items this central offers, with the version and ETag kiosks cache by.

Items are data, read from the seeded catalog document; the rules that judge
a submission or a booking look items up here rather than knowing any by code.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from central.clock import CHINA_TZ


class CatalogBook:
    """One catalog document, indexed by item code."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.version: str = document["version"]
        self.items: dict[str, dict[str, Any]] = {item["code"]: item for item in document["items"]}
        canonical = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        self.etag = '"' + hashlib.sha256(canonical.encode()).hexdigest()[:32] + '"'

    def item(self, code: str) -> dict[str, Any] | None:
        return self.items.get(code)

    def unchanged_for(self, if_none_match: str | None) -> bool:
        """Whether an If-None-Match header names this catalog's ETag (RFC 9110 weak comparison)."""
        if not if_none_match:
            return False
        tags = [tag.strip() for tag in if_none_match.split(",")]
        return any(tag == "*" or tag.removeprefix("W/") == self.etag for tag in tags)


def _days_of(spec: str) -> set[int]:
    """ISO weekdays named by a spec such as "1-5" or "6,7"."""
    days: set[int] = set()
    for part in spec.split(","):
        first, _, last = part.strip().partition("-")
        days.update(range(int(first), int(last or first) + 1))
    return days


def offered_at(item: dict[str, Any], moment: datetime) -> bool:
    """Whether the item's `hours` include `moment` (local time); no hours means always."""
    hours = item.get("hours")
    if not hours:
        return True
    local = moment.astimezone(CHINA_TZ)
    clock = local.strftime("%H:%M")
    return any(
        local.isoweekday() in _days_of(span["days"]) and span["from"] <= clock < span["to"]
        for span in hours
    )


def weekday_allowed(days_spec: str, weekday: int) -> bool:
    """Whether ISO `weekday` is in a days spec such as "1-5"."""
    return weekday in _days_of(days_spec)
