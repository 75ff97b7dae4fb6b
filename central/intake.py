"""Judging a delivered submission: idempotency first, then every rule it must meet.

Both POST /submissions and each entry of POST /submissions/batch go through
`Intake.judge`, which is how the batch judges every entry exactly as if it had
been sent alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import TypeAdapter, ValidationError

from central.casebook import EVALUATION_PATH, SUBMISSION_PATH, Casebook, NewCase
from central.catalog import CatalogBook
from central.clock import Clock, rfc3339
from central.db import Database
from central.devices import Device
from central.form_rules import form_errors
from central.idempotency import body_fingerprint, key_reused
from central.identifiers import applicant_id_problem
from central.models import CaseReceipt, Submission
from central.payments import Payments
from central.problems import FieldError, ProblemError, problem_from_validation, validation_problem

_SUBMISSION = TypeAdapter(Submission)
_SUBMITTABLE = ("submission", "evaluation")


@dataclass(frozen=True)
class Verdict:
    """The outcome for one delivery: a status with either a receipt or a problem."""

    status: int
    receipt: CaseReceipt | None = None
    problem: ProblemError | None = None


def _item_errors(sub: Submission, item: dict[str, Any] | None, device: Device,
                 today: date) -> list[FieldError]:
    if item is None:
        return [FieldError("item_code", "is not in the catalog")]
    if item["kind"] not in _SUBMITTABLE:
        return [FieldError("item_code", f"is a {item['kind']} item, which is not submitted")]
    errors: list[FieldError] = []
    if sub.item_version != item["version"]:
        errors.append(FieldError(
            "item_version", f"is {sub.item_version} but the catalog has version {item['version']}"))
    if sub.device_id != device.device_id:
        errors.append(FieldError("device_id", "does not match the device token"))
    if sub.applicant is None and item["identity"] != "none":
        errors.append(FieldError("applicant", "is required for this item"))
    if sub.applicant is not None:
        problem = applicant_id_problem(sub.applicant.id_type, sub.applicant.id_number, today)
        if problem:
            errors.append(FieldError("applicant.id_number", problem))
    errors.extend(form_errors(item["fields"], sub.form, today))
    return errors


class Intake:
    def __init__(self, catalog: CatalogBook, casebook: Casebook, clock: Clock,
                 db: Database, payments: Payments) -> None:
        self._catalog = catalog
        self._payments = payments
        self._casebook = casebook
        self._clock = clock
        self._db = db

    def judge(self, key: str, raw: Any, device: Device) -> Verdict:
        """Decide one delivery under Idempotency-Key `key` (already a canonical UUID)."""
        try:
            sub = _SUBMISSION.validate_python(raw)
        except ValidationError as exc:
            return Verdict(422, problem=problem_from_validation(exc))
        fingerprint = body_fingerprint(raw)
        now = self._clock.now()
        with self._db.transaction() as conn:
            seen = conn.execute("SELECT body_sha256, case_no FROM submissions"
                                " WHERE idempotency_key = ?", (key,)).fetchone()
            if seen is not None:
                if seen["body_sha256"] != fingerprint:
                    return Verdict(409, problem=key_reused())
                case = self._casebook.read(conn, seen["case_no"], now)
                return Verdict(200, receipt=_receipt(case))
            item = self._catalog.item(sub.item_code)
            errors = _item_errors(sub, item, device, now.date())
            if sub.about_case_no is not None and not conn.execute(
                    "SELECT 1 FROM cases WHERE case_no = ?", (sub.about_case_no,)).fetchone():
                errors.append(FieldError("about_case_no", "names no known case"))
            if item is not None and item.get("fee") and not self._payments.paid_for(
                    conn, sub.payment_id, device.device_id, sub.item_code,
                    sub.applicant.id_number if sub.applicant else None):
                errors.append(FieldError("payment_id", "names no paid payment of this item's"
                                         " fee by this applicant"))
            if errors:
                return Verdict(422, problem=validation_problem(
                    errors, "The submission can never be accepted as it is."))
            assert item is not None  # _item_errors reports a missing item
            case_no = self._casebook.open(conn, NewCase(
                item_code=sub.item_code, received_at=now,
                path=EVALUATION_PATH if item["kind"] == "evaluation" else SUBMISSION_PATH,
                local_ref=sub.local_ref, lookup_token=sub.lookup_token,
                device_id=device.device_id,
                applicant_id_number=sub.applicant.id_number if sub.applicant else None,
                applicant_name=sub.applicant.name if sub.applicant else None,
            ))
            conn.execute(
                "INSERT INTO submissions (idempotency_key, body_sha256, case_no, device_id,"
                " received_at, body_json) VALUES (?, ?, ?, ?, ?, ?)",
                (key, fingerprint, case_no, device.device_id, rfc3339(now),
                 json.dumps(raw, ensure_ascii=False)),
            )
            return Verdict(201, receipt=CaseReceipt(case_no=case_no, status="received",
                                                    received_at=now))

    def counts(self) -> tuple[int, int]:
        """(submissions stored, distinct idempotency keys among them)."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT COUNT(*), COUNT(DISTINCT idempotency_key)"
                               " FROM submissions").fetchone()
        return row[0], row[1]


def _receipt(case: dict[str, Any] | None) -> CaseReceipt:
    if case is None:
        raise ProblemError(500, "A stored submission lost its case.")
    return CaseReceipt(case_no=case["case_no"], status=case["status"],
                       received_at=case["received_at"])
