"""Online query items: finding a citizen's (or a company's) record and issuing a document.

The records are seeded demo data; which record a query asks for is decided by
the item's fields, so no item is known here by its code.
"""

from __future__ import annotations

import json
from typing import Any

from central.catalog import CatalogBook
from central.clock import Clock, rfc3339
from central.db import Database
from central.form_rules import form_errors
from central.identifiers import applicant_id_problem
from central.models import Applicant, Document, DocumentLine
from central.problems import FieldError, ProblemError, validation_problem
from central.renditions import Renditions

VERIFY_BASE = "https://central.invalid/verify/"


def record_subject(item: dict[str, Any], applicant: Applicant, form: dict[str, Any]) -> str:
    """Whose record a query is about: the company named by a USCC field, else the applicant."""
    for spec in item["fields"]:
        if spec.get("format") == "uscc" and isinstance(form.get(spec["name"]), str):
            return form[spec["name"]]
    return applicant.id_number


def store_record(conn: Any, item_code: str, subject: str, lines: list[dict[str, Any]]) -> None:
    """Keep the document lines a query of `item_code` about `subject` will return."""
    conn.execute("INSERT OR REPLACE INTO records (item_code, subject, lines_json) VALUES (?, ?, ?)",
                 (item_code, subject, json.dumps(lines, ensure_ascii=False)))


class Records:
    def __init__(self, db: Database, catalog: CatalogBook, clock: Clock,
                 renditions: Renditions) -> None:
        self._db = db
        self._catalog = catalog
        self._clock = clock
        self.renditions = renditions

    def query(self, item_code: str, applicant: Applicant, form: dict[str, Any],
              device_id: str) -> Document:
        """The document a query item issues; for an A4 item, with its signed PDF kept for
        `device_id` to fetch."""
        now = self._clock.now()
        item = self._catalog.item(item_code)
        if item is None or item["kind"] != "query_print":
            raise validation_problem([FieldError("item_code", "is not a query item")])
        errors = form_errors(item["fields"], form, now.date())
        problem = applicant_id_problem(applicant.id_type, applicant.id_number, now.date())
        if problem:
            errors.insert(0, FieldError("applicant.id_number", problem))
        if errors:
            raise validation_problem(errors)
        subject = record_subject(item, applicant, form)
        with self._db.transaction() as conn:
            row = conn.execute("SELECT lines_json FROM records WHERE item_code = ? AND subject = ?",
                               (item_code, subject)).fetchone()
            if row is None:
                raise ProblemError(404, "There is no record for this applicant.", kind="no-record")
            seq = conn.execute("INSERT INTO documents (document_no, item_code, issued_at)"
                               " VALUES ('', ?, ?)", (item_code, rfc3339(now))).lastrowid
            document_no = f"{item_code.split('-')[1]}{now:%Y%m%d}{seq:06d}"
            conn.execute("UPDATE documents SET document_no = ? WHERE seq = ?", (document_no, seq))
        document = Document(
            document_no=document_no, title=item["title"],
            lines=[DocumentLine(**line) for line in json.loads(row["lines_json"])],
            verify_url=VERIFY_BASE + document_no, issued_at=now,
        )
        if item.get("paper") == "a4":
            document.pdf = self.renditions.issue(document, item, applicant.id_number, device_id)
        return document
