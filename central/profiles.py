"""What the platform's base databases hold for a citizen ("one number to apply").

The kiosk asks once a citizen is identified, so a phone number or an address
already on record is confirmed with one tap instead of typed again. A profile
is personal data handed to a public machine: a typed applicant gets it only
with a verified one-time code (the same rule as a case lookup), and a kiosk
that asks for far more profiles than one hall serves is told to wait, so a
stolen device token cannot drain the base databases.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import deque
from datetime import datetime, timedelta

from central.db import Database
from central.models import Applicant
from central.problems import ProblemError

# The keys the contract names; a seeded profile holds nothing else.
PROFILE_KEYS = ("phone", "household_address", "residence_address", "employer", "email",
                "marital_status")
# At most this many profiles per kiosk per hour: a busy hall's visits, not a harvest.
DEVICE_HOURLY_LIMIT = 240


class Profiles:
    """Profiles by ID number and name, and each kiosk's recent requests (in memory)."""

    def __init__(self, db: Database, hourly_limit: int = DEVICE_HOURLY_LIMIT) -> None:
        self._db = db
        self._limit = hourly_limit
        self._asked: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def lookup(self, applicant: Applicant, device_id: str, now: datetime) -> dict[str, str]:
        """The applicant's profile (empty when the platform holds none); 429 past the limit."""
        self._count(device_id, now)
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT values_json FROM profiles WHERE id_number = ? AND name = ?",
                (applicant.id_number, applicant.name)).fetchone()
        held = json.loads(row["values_json"]) if row else {}
        return {key: held[key] for key in PROFILE_KEYS if isinstance(held.get(key), str)}

    def _count(self, device_id: str, now: datetime) -> None:
        hour_ago = now - timedelta(hours=1)
        with self._lock:
            asked = self._asked.setdefault(device_id, deque())
            while asked and asked[0] <= hour_ago:
                asked.popleft()
            if len(asked) >= self._limit:
                wait = max(1, int((asked[0] + timedelta(hours=1) - now).total_seconds()))
                raise ProblemError(429, "This kiosk asked for too many profiles this hour.",
                                   kind="too-many-profiles", headers={"Retry-After": str(wait)})
            asked.append(now)


def store_profile(conn: sqlite3.Connection, id_number: str, name: str,
                  values: dict[str, str]) -> None:
    """Seed one citizen's profile (demo data)."""
    conn.execute(
        "INSERT OR REPLACE INTO profiles (id_number, name, values_json) VALUES (?, ?, ?)",
        (id_number, name, json.dumps(values, ensure_ascii=False)))
