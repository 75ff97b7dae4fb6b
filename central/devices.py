"""Kiosks known to this central: enrollment, device tokens, heartbeats, remote commands.

Only a hash of each token is stored, so a copy of the database cannot be used
to impersonate a kiosk.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from central.clock import parse_rfc3339, rfc3339
from central.db import Database
from central.problems import ProblemError

_UNAUTHORIZED_HEADERS = {"WWW-Authenticate": 'Bearer realm="kiosk"'}


@dataclass(frozen=True)
class Device:
    device_id: str
    serial_number: str


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def unauthorized(detail: str) -> ProblemError:
    return ProblemError(401, detail, kind="unauthorized", headers=_UNAUTHORIZED_HEADERS)


class DeviceRegistry:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add_enrollment_code(self, code: str | None, expires_at: datetime) -> str:
        """Issue a one-time code (a random one unless `code` is given)."""
        code = code or "ENROLL-" + secrets.token_hex(4).upper()
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO enrollment_codes (code, expires_at) VALUES (?, ?) "
                "ON CONFLICT(code) DO UPDATE SET expires_at = excluded.expires_at",
                (code, rfc3339(expires_at)),
            )
        return code

    def unused_codes(self) -> list[str]:
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT code FROM enrollment_codes WHERE used_serial IS NULL ORDER BY code"
            ).fetchall()
        return [row["code"] for row in rows]

    def enroll(self, code: str, serial_number: str, model: str, software_version: str,
               now: datetime) -> tuple[str, str]:
        """Redeem a code; return (device_id, token). The same serial may redeem its code again."""
        token = secrets.token_urlsafe(32)
        with self._db.transaction() as conn:
            row = conn.execute("SELECT * FROM enrollment_codes WHERE code = ?", (code,)).fetchone()
            if row is None or parse_rfc3339(row["expires_at"]) <= now:
                raise unauthorized("The enrollment code is unknown or has expired.")
            if row["used_serial"] is not None and row["used_serial"] != serial_number:
                raise ProblemError(409, "The enrollment code was already used by another kiosk.",
                                   kind="enrollment-code-used")
            known = conn.execute("SELECT device_id FROM devices WHERE serial_number = ?",
                                 (serial_number,)).fetchone()
            device_id = known["device_id"] if known else "KD-" + uuid.uuid4().hex[:12].upper()
            conn.execute(
                "INSERT INTO devices (device_id, serial_number, model, software_version,"
                " token_sha256, revoked, enrolled_at) VALUES (?, ?, ?, ?, ?, 0, ?) "
                "ON CONFLICT(device_id) DO UPDATE SET model = excluded.model,"
                " software_version = excluded.software_version,"
                " token_sha256 = excluded.token_sha256, revoked = 0,"
                " enrolled_at = excluded.enrolled_at",
                (device_id, serial_number, model, software_version, _token_hash(token),
                 rfc3339(now)),
            )
            conn.execute("UPDATE enrollment_codes SET used_serial = ?, device_id = ?"
                         " WHERE code = ?", (serial_number, device_id, code))
        return device_id, token

    def authenticate(self, token: str | None) -> Device:
        if not token:
            raise unauthorized("A device token is required (Authorization: Bearer ...).")
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT device_id, serial_number, revoked FROM devices WHERE token_sha256 = ?",
                (_token_hash(token),),
            ).fetchone()
        if row is None or row["revoked"]:
            raise unauthorized("The device token is unknown or revoked; re-provision the kiosk.")
        return Device(row["device_id"], row["serial_number"])

    def revoke(self, device_id: str) -> bool:
        with self._db.transaction() as conn:
            changed = conn.execute("UPDATE devices SET revoked = 1 WHERE device_id = ?",
                                   (device_id,)).rowcount
        return changed > 0

    def exists(self, device_id: str) -> bool:
        with self._db.transaction() as conn:
            row = conn.execute("SELECT 1 FROM devices WHERE device_id = ?", (device_id,)).fetchone()
        return row is not None

    def queue_command(self, device_id: str, kind: str, args: dict[str, Any] | None,
                      now: datetime) -> str:
        command_id = "CMD-" + uuid.uuid4().hex[:12].upper()
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO commands (command_id, device_id, type, args_json, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (command_id, device_id, kind, None if args is None else json.dumps(args),
                 rfc3339(now)),
            )
        return command_id

    def record_heartbeat(self, device_id: str, body: dict[str, Any], acked: list[str],
                         now: datetime) -> list[dict[str, Any]]:
        """Store a heartbeat, drop acknowledged commands, return the commands still pending."""
        with self._db.transaction() as conn:
            conn.execute("INSERT INTO heartbeats (device_id, received_at, body_json)"
                         " VALUES (?, ?, ?)", (device_id, rfc3339(now), json.dumps(body)))
            conn.executemany(
                "UPDATE commands SET acked_at = ? WHERE device_id = ? AND command_id = ?"
                " AND acked_at IS NULL",
                [(rfc3339(now), device_id, command_id) for command_id in acked],
            )
            rows = conn.execute(
                "SELECT command_id, type, args_json FROM commands"
                " WHERE device_id = ? AND acked_at IS NULL ORDER BY created_at, command_id",
                (device_id,),
            ).fetchall()
        return [
            {"id": row["command_id"], "type": row["type"],
             "args": None if row["args_json"] is None else json.loads(row["args_json"])}
            for row in rows
        ]

    def overview(self) -> list[dict[str, Any]]:
        """Every device with its last heartbeat, for technicians and tests."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT d.device_id, d.serial_number, d.model, d.revoked,"
                " (SELECT body_json FROM heartbeats h WHERE h.device_id = d.device_id"
                "  ORDER BY h.id DESC LIMIT 1) AS last_heartbeat,"
                " (SELECT COUNT(*) FROM heartbeats h WHERE h.device_id = d.device_id) AS beats"
                " FROM devices d ORDER BY d.device_id"
            ).fetchall()
        return [
            {"device_id": row["device_id"], "serial_number": row["serial_number"],
             "model": row["model"], "revoked": bool(row["revoked"]), "heartbeats": row["beats"],
             "last_heartbeat": json.loads(row["last_heartbeat"]) if row["last_heartbeat"] else None}
            for row in rows
        ]
