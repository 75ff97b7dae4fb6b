"""The kiosk's wall clock.

Local time with its UTC offset: the spool numbers references by the local
day, and the contract wants times with an offset. Everything that needs "now"
is handed this function (or a test's clock), never calls datetime itself.
"""

from __future__ import annotations

from datetime import datetime


def local_now() -> datetime:
    return datetime.now().astimezone()
