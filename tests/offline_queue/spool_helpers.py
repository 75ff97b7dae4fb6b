"""Helpers the spool tests share: a clock moved by hand and a payload full of personal data."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

BEIJING = timezone(timedelta(hours=8))
START = datetime(2026, 11, 23, 3, 0, tzinfo=BEIJING)
PLENTY_OF_DISK = 10 * 1024**3


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def submission(name: str = "张三", id_number: str = "11010519491231002X") -> dict[str, Any]:
    """A payload with personal data, shaped like the contract's Submission."""
    return {"item_code": "ITEM-001", "item_version": 3,
            "applicant": {"id_type": "resident_id", "id_number": id_number, "name": name},
            "form": {"phone": "13800138000", "reason": "换领"}}
