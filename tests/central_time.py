"""Time as the reference central sees it, for tests whose kiosk clock must agree with it.

The rig's central runs on the wall clock (moved forward only through its admin
API), so a kiosk test that fixes its own clock at one date fails on every other
day the suite runs: the central offers slots around its own today, not the
kiosk's.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import requests


def _advance(admin_url: str, seconds: float) -> datetime:
    reply = requests.post(f"{admin_url}/clock", json={"advance_s": seconds}, timeout=5)
    reply.raise_for_status()
    return datetime.fromisoformat(reply.json()["now"])


def central_now(admin_url: str) -> datetime:
    return _advance(admin_url, 0.001)  # the admin API tells the time when it moves it


def weekday_morning(admin_url: str) -> datetime:
    """Move the central's clock to the next Monday-Friday 10:00, China time; that time."""
    now = central_now(admin_url)
    target = now.replace(hour=10, minute=0, second=0, microsecond=0)
    while target <= now or target.isoweekday() > 5:
        target += timedelta(days=1)
    return _advance(admin_url, (target - now).total_seconds())
