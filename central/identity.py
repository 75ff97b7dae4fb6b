"""One-time codes that prove a typed identity belongs to the person at the kiosk.

Anyone can type a stranger's ID number and name, so the central shows nothing
personal to a typed applicant until a code sent to the phone it holds for that
person comes back. Codes are kept only as hashes; the text message itself goes
to an outbox (the stand-in for an SMS gateway) that demos and tests read
through the admin API. Rate limits keep a kiosk from flooding a citizen's phone.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from central.clock import parse_rfc3339, rfc3339
from central.db import Database
from central.models import Applicant, Verification
from central.problems import FieldError, ProblemError, validation_problem

CODE_TTL = timedelta(minutes=5)
WRONG_CODES_ALLOWED = 5
# A new code for the same person no sooner than this (the kiosk's "resend" waits as long).
RESEND_AFTER = timedelta(seconds=60)
# At most this many codes per kiosk per hour.
DEVICE_HOURLY_LIMIT = 20


def _hash(challenge_id: str, code: str) -> str:
    return hashlib.sha256(f"{challenge_id}:{code}".encode()).hexdigest()


def mask_phone(phone: str) -> str:
    """The phone as the citizen may see it on a public screen, e.g. 138****8000."""
    return phone[:3] + "****" + phone[-4:]


def _retry_later(until: datetime, now: datetime, detail: str) -> ProblemError:
    wait = max(1, int((until - now).total_seconds()))
    return ProblemError(429, detail, kind="too-many-codes", headers={"Retry-After": str(wait)})


@dataclass(frozen=True)
class Challenge:
    challenge_id: str
    masked_phone: str
    expires_at: datetime


class Challenges:
    """Challenges and their codes; the outbox of messages sent lives in memory only."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._outbox: list[dict[str, str]] = []
        self._lock = threading.Lock()

    def start(self, applicant: Applicant, device_id: str, now: datetime) -> Challenge:
        """Send a code to the person's phone; 404 when none is held, 429 when too soon."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT phone FROM phones WHERE id_number = ? AND name = ?",
                               (applicant.id_number, applicant.name)).fetchone()
            if row is None:
                raise ProblemError(404, "The central holds no phone for this person.",
                                   kind="no-phone")
            self._check_rates(conn, applicant.id_number, device_id, now)
            challenge_id, code = secrets.token_urlsafe(16), f"{secrets.randbelow(10**6):06d}"
            expires_at = now + CODE_TTL
            conn.execute(
                "INSERT INTO challenges (challenge_id, id_number, name, device_id, code_sha256,"
                " created_at, expires_at, wrong) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                (challenge_id, applicant.id_number, applicant.name, device_id,
                 _hash(challenge_id, code), rfc3339(now), rfc3339(expires_at)))
        with self._lock:
            self._outbox.append({"phone": row["phone"], "challenge_id": challenge_id,
                                 "code": code, "sent_at": rfc3339(now)})
        return Challenge(challenge_id, mask_phone(row["phone"]), expires_at)

    @staticmethod
    def _check_rates(conn: Any, id_number: str, device_id: str, now: datetime) -> None:
        last = conn.execute("SELECT MAX(created_at) AS at FROM challenges WHERE id_number = ?",
                            (id_number,)).fetchone()["at"]
        if last is not None and parse_rfc3339(last) + RESEND_AFTER > now:
            raise _retry_later(parse_rfc3339(last) + RESEND_AFTER, now,
                               "A code was sent to this person moments ago.")
        hour_ago = now - timedelta(hours=1)
        recent = [parse_rfc3339(r["created_at"]) for r in conn.execute(
            "SELECT created_at FROM challenges WHERE device_id = ?", (device_id,))]
        recent = sorted(at for at in recent if at > hour_ago)
        if len(recent) >= DEVICE_HOURLY_LIMIT:
            raise _retry_later(recent[-DEVICE_HOURLY_LIMIT] + timedelta(hours=1), now,
                               "This kiosk asked for too many codes this hour.")

    def require(self, applicant: Applicant, verification: Verification | None,
                now: datetime) -> None:
        """Nothing when the applicant was read from a card or verified; else a 422 naming
        `verification`. A wrong code counts against its challenge."""
        if applicant.source != "manual":
            return
        problem = self._problem(applicant, verification, now)
        if problem:
            raise validation_problem([FieldError("verification", problem)],
                                     "A typed identity needs a verified one-time code.")

    def _problem(self, applicant: Applicant, verification: Verification | None,
                 now: datetime) -> str | None:
        if verification is None:
            return "is required for a typed applicant (source: manual)"
        with self._db.transaction() as conn:
            row = conn.execute("SELECT * FROM challenges WHERE challenge_id = ?",
                               (verification.challenge_id,)).fetchone()
            if row is None or (row["id_number"], row["name"]) != (applicant.id_number,
                                                                   applicant.name):
                return "names no challenge for this applicant"
            if row["wrong"] >= WRONG_CODES_ALLOWED or parse_rfc3339(row["expires_at"]) <= now:
                return "the challenge has ended; start a new one"
            if not hmac.compare_digest(row["code_sha256"],
                                       _hash(row["challenge_id"], verification.code)):
                conn.execute("UPDATE challenges SET wrong = wrong + 1 WHERE challenge_id = ?",
                             (row["challenge_id"],))
                return "the code is wrong"
        return None

    def outbox(self) -> list[dict[str, str]]:
        """The messages sent, oldest first (admin only: the stand-in for the citizen's phone)."""
        with self._lock:
            return list(self._outbox)
