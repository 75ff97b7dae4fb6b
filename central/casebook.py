"""Cases and their timelines, including the schedule on which new cases progress.

A real platform moves a case along as officers work on it; this stand-in moves
it one status every `step_seconds` so a kiosk can watch progress in a demo or
a test. The steps are written into the timeline lazily, whenever a case is
read, against the injected clock — so tests move the clock instead of waiting.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from central.catalog import CatalogBook
from central.clock import parse_rfc3339, rfc3339
from central.db import Database

SUBMISSION_PATH = ("received", "accepted", "in_review", "approved", "completed")
EVALUATION_PATH = ("received", "completed")

STATUS_NOTES: dict[str, dict[str, str]] = {
    "received": {"zh_CN": "已收件", "zh_TW": "已收件", "en": "Received"},
    "accepted": {"zh_CN": "已受理", "zh_TW": "已受理", "en": "Accepted"},
    "in_review": {"zh_CN": "审核中", "zh_TW": "審核中", "en": "Under review"},
    "approved": {"zh_CN": "审核通过", "zh_TW": "審核通過", "en": "Approved"},
    "completed": {"zh_CN": "已办结", "zh_TW": "已辦結", "en": "Completed"},
}


@dataclass(frozen=True)
class NewCase:
    """What opening a case needs; the applicant is kept only to answer lookups."""

    item_code: str
    received_at: datetime
    path: tuple[str, ...]
    local_ref: str | None = None
    lookup_token: str | None = None
    device_id: str | None = None
    applicant_id_number: str | None = None
    applicant_name: str | None = None


class Casebook:
    def __init__(self, db: Database, catalog: CatalogBook, region_code: str,
                 step_seconds: float) -> None:
        self._db = db
        self._catalog = catalog
        self._region_code = region_code
        self._step = timedelta(seconds=step_seconds)

    def open(self, conn: Any, case: NewCase,
             history: list[tuple[datetime, str, dict[str, str] | None]] | None = None) -> str:
        """Open a case inside the caller's transaction; return its case number.

        Without `history` the case follows `case.path` on the schedule; with it,
        the timeline is exactly the history given (seeded cases).
        """
        cursor = conn.execute(
            "INSERT INTO cases (case_no, item_code, local_ref, lookup_token, device_id,"
            " applicant_id_number, applicant_name, received_at, planned_path)"
            " VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?)",
            (case.item_code, case.local_ref, case.lookup_token, case.device_id,
             case.applicant_id_number,
             case.applicant_name, rfc3339(case.received_at),
             None if history else ",".join(case.path)),
        )
        seq = cursor.lastrowid
        case_no = f"{self._region_code}{case.received_at:%Y%m%d}{seq:06d}"
        conn.execute("UPDATE cases SET case_no = ? WHERE seq = ?", (case_no, seq))
        entries = history or [(case.received_at, case.path[0], STATUS_NOTES.get(case.path[0]))]
        conn.executemany(
            "INSERT INTO timeline (case_no, idx, at, status, note_json) VALUES (?, ?, ?, ?, ?)",
            [(case_no, idx, rfc3339(at), status, json.dumps(note, ensure_ascii=False)
              if note else None) for idx, (at, status, note) in enumerate(entries)],
        )
        return case_no

    def _advance(self, conn: Any, row: Any, now: datetime) -> None:
        if not row["planned_path"]:
            return
        path = row["planned_path"].split(",")
        written = conn.execute("SELECT COUNT(*) FROM timeline WHERE case_no = ?",
                               (row["case_no"],)).fetchone()[0]
        received = parse_rfc3339(row["received_at"])
        for idx in range(written, len(path)):
            at = received + self._step * idx
            if at > now:
                break
            note = STATUS_NOTES.get(path[idx])
            conn.execute(
                "INSERT INTO timeline (case_no, idx, at, status, note_json) VALUES (?, ?, ?, ?, ?)",
                (row["case_no"], idx, rfc3339(at), path[idx],
                 json.dumps(note, ensure_ascii=False) if note else None),
            )

    def _render(self, conn: Any, row: Any) -> dict[str, Any]:
        entries = conn.execute("SELECT at, status, note_json FROM timeline WHERE case_no = ?"
                               " ORDER BY idx", (row["case_no"],)).fetchall()
        timeline = [
            {"at": parse_rfc3339(e["at"]), "status": e["status"],
             "note": json.loads(e["note_json"]) if e["note_json"] else None}
            for e in entries
        ]
        item = self._catalog.item(row["item_code"])
        return {
            "case_no": row["case_no"], "local_ref": row["local_ref"],
            "item_code": row["item_code"], "item_title": item["title"] if item else None,
            "status": timeline[-1]["status"], "timeline": timeline,
            "received_at": parse_rfc3339(row["received_at"]),
        }

    def read(self, conn: Any, case_no: str, now: datetime) -> dict[str, Any] | None:
        """One case, brought up to date with `now`, inside the caller's transaction."""
        row = conn.execute("SELECT * FROM cases WHERE case_no = ?", (case_no,)).fetchone()
        if row is None:
            return None
        self._advance(conn, row, now)
        return self._render(conn, row)

    def lookup(self, now: datetime, case_no: str | None = None,
               receipt: tuple[str, str] | None = None,
               applicant: tuple[str, str] | None = None) -> list[dict[str, Any]]:
        """Cases matching every criterion given, newest first.

        An applicant matches on ID number and name together, so an ID number
        alone reveals nothing about someone else's cases. A receipt is its local
        reference and lookup token together: the reference is sequential and
        guessed in a moment, the token is not, and it is compared in constant
        time. A case opened without a token is never found by its reference.
        """
        clauses, params = [], []
        if case_no is not None:
            clauses.append("case_no = ?")
            params.append(case_no)
        if receipt is not None:
            clauses.append("local_ref = ?")
            params.append(receipt[0])
        if applicant is not None:
            clauses.append("applicant_id_number = ? AND applicant_name = ?")
            params.extend(applicant)
        where = " AND ".join(clauses) or "1 = 1"
        with self._db.transaction() as conn:
            rows = [row for row in conn.execute(f"SELECT * FROM cases WHERE {where}"
                                                " ORDER BY received_at DESC, seq DESC", params)
                    if receipt is None or _token_matches(row["lookup_token"], receipt[1])]
            for row in rows:
                self._advance(conn, row, now)
            return [self._render(conn, row) for row in rows]

    def count(self) -> int:
        with self._db.transaction() as conn:
            return conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0]


def _token_matches(stored: str | None, presented: str) -> bool:
    """Whether a receipt's token is the case's, in time that does not tell how near it came."""
    return stored is not None and hmac.compare_digest(stored.encode(), presented.encode())
