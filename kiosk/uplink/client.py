"""The kiosk's side of the central API contract.

Every caller in the kiosk needs the same answers to the same questions: was
it delivered, may I retry, when, or must I stop. This module turns HTTP into
exactly those outcomes, so that the sync worker and the visit flow never look
at status codes, and personal data never lands in a URL.
"""

from __future__ import annotations

import email.utils
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from kiosk.settings.urls import central_url_problem
from kiosk.uplink.transport import AnswerTooLarge, DeadlineExceeded, Transport

USER_AGENT = "kiosk-terminal"
# The most of an answer read, by operation: a catalog is the one large one.
ANSWER_LIMIT = 256 * 1024
CATALOG_LIMIT = 8 * 1024 * 1024
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


class CentralError(Exception):
    """Base of every outcome other than success."""


class CentralUnreachable(CentralError):
    """No whole answer (refused, reset, timed out, past the deadline) or a 5xx: try again
    with backoff."""


class CentralServerError(CentralUnreachable):
    """A 5xx: the central (or a proxy in front of it) failed this request. Retried like no
    answer at all, unless the central accepted others in the same round: then it is this
    request the central cannot take, and it counts as a faulty answer."""


class CentralFault(CentralError):
    """An answer that breaks the contract: a redirect, a status the operation does not
    have, a success whose body does not match its schema, an answer over its size limit.
    A fault of the central, never a delivery: try again with backoff, and give up on the
    entry after a bounded number of such answers."""


@dataclass
class CentralRetryLater(CentralError):
    """429/503: the central asked to wait; retry_after is seconds (uncapped) or None."""

    status: int
    retry_after: float | None

    def __str__(self) -> str:
        return f"central busy ({self.status}), retry after {self.retry_after}s"


@dataclass
class CentralRejected(CentralError):
    """A final answer about this request (4xx with a problem): never retried as is. Which
    of them an operation can give is the contract's; the caller judges the rest."""

    status: int
    problem: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.status} {self.problem.get('title', '')}".strip()


class CentralUnauthorized(CentralError):
    """401: the device token is unknown or revoked; the kiosk must be re-provisioned."""


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); not capped
    here (the caller knows how long it will wait at most), never negative, maybe inf."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)  # inf for a number too large for a float, never an error
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


@dataclass(frozen=True)
class Response:
    status: int
    body: Any
    headers: Mapping[str, str]  # without regard to case
    content: bytes = b""  # the body as sent, for the one answer that is not JSON (a PDF)


def _parse_json(content: bytes) -> Any:
    """The body as JSON, or None: empty, not JSON, or nested deeper than a parser goes."""
    if not content:
        return None
    try:
        return json.loads(content)
    except (ValueError, RecursionError):
        return None


def _outcome(method: str, path: str, status: int, body: Any, reason: str,
             headers: Mapping[str, str]) -> CentralError | None:
    """What an answer that is not a success means, or None for a success."""
    if 200 <= status < 300 or status == 304:
        return None
    if status < 200 or 300 <= status < 400:
        return CentralFault(f"{method} {path}: HTTP {status} (redirects are not followed)")
    problem = body if isinstance(body, dict) else {"title": reason, "status": status}
    if status == 401:
        return CentralUnauthorized(str(problem.get("detail") or problem.get("title") or "401"))
    if status in (429, 503):
        wait = parse_retry_after(headers.get("Retry-After"), datetime.now(UTC))
        return CentralRetryLater(status, wait)
    if status >= 500:
        return CentralServerError(f"{method} {path}: HTTP {status}")
    return CentralRejected(status, problem)


def case_receipt_problem(receipt: Any) -> str | None:
    """Why `receipt` is not a CaseReceipt of the contract, or None when it is one."""
    if not isinstance(receipt, dict):
        return "not an object"
    for name in ("case_no", "status", "received_at"):
        if not isinstance(receipt.get(name), str) or not receipt[name].strip():
            return f"{name} missing or not a string"
    if not _RFC3339.match(receipt["received_at"]):
        return "received_at is not a time with its offset"
    return None


def challenge_problem(challenge: Any) -> str | None:
    """Why `challenge` is not the 201 of POST /identity/challenges, or None when it is."""
    if not isinstance(challenge, dict):
        return "not an object"
    for name in ("challenge_id", "masked_phone", "expires_at"):
        if not isinstance(challenge.get(name), str):
            return f"{name} missing or not a string"
    if len(challenge["challenge_id"]) < 16:
        return "challenge_id is shorter than 16"
    if not _RFC3339.match(challenge["expires_at"]):
        return "expires_at is not a time with its offset"
    return None


# The profile keys the contract names; any other key of an answer is ignored.
PROFILE_KEYS = frozenset({"phone", "household_address", "residence_address", "employer",
                          "email", "marital_status"})


def profile_problem(answer: Any) -> str | None:
    """Why `answer` is not the 200 of POST /applicants/profile, or None when it is. Says
    which key is wrong, never its value: that is a citizen's data."""
    if not isinstance(answer, dict) or not isinstance(answer.get("profile"), dict):
        return "no profile object"
    for key, value in answer["profile"].items():
        if not isinstance(value, str):
            return f"profile.{key} is not a string"
    return None


PAYMENT_STATUSES = ("pending", "paid", "expired", "cancelled", "failed")


def payment_problem(payment: Any) -> str | None:
    """Why `payment` is not a Payment of the contract, or None when it is one. A paid one
    must name its fiscal receipt, which the citizen's receipt prints."""
    if not isinstance(payment, dict):
        return "not an object"
    for name in ("payment_id", "pay_code", "expires_at"):
        if not isinstance(payment.get(name), str) or not payment[name].strip():
            return f"{name} missing or not a string"
    if payment.get("status") not in PAYMENT_STATUSES:
        return "status is not one the contract names"
    amount = payment.get("amount_fen")
    if type(amount) is not int or amount < 1:
        return "amount_fen is not a positive whole number of fen"
    if not _RFC3339.match(payment["expires_at"]):
        return "expires_at is not a time with its offset"
    if payment["status"] == "paid" and not isinstance(payment.get("receipt_no"), str):
        return "a paid payment without its receipt_no"
    return None


HELP_STATUSES = ("queued", "staff_on_site", "video_available")


def help_answer_problem(answer: Any) -> str | None:
    """Why `answer` is not the 201 of POST /help-requests, or None when it is one."""
    if not isinstance(answer, dict):
        return "not an object"
    if not isinstance(answer.get("request_id"), str) or not answer["request_id"]:
        return "request_id missing or not a string"
    if answer.get("status") not in HELP_STATUSES:
        return f"status {answer.get('status')!r} is not one of {', '.join(HELP_STATUSES)}"
    wait = answer.get("expected_wait_s")
    if wait is not None and (type(wait) is not int or wait < 0):
        return "expected_wait_s is not a whole number of seconds"
    if not isinstance(answer.get("hotline", ""), str):
        return "hotline is not a string"
    return None


class CentralClient:
    """The contract's operations, each turned into its value or a CentralError.

    The transport (and requests with it) comes with the first request: the core makes
    its clients while the kiosk's window waits to be drawn, and its first requests are
    made by its worker threads after that."""

    def __init__(self, base_url: str, *, token: str | None = None, ca_bundle: str = "",
                 connect_timeout: float = 3.0, read_timeout: float = 10.0,
                 deadline: float = 30.0) -> None:
        problem = central_url_problem(base_url)
        if problem:
            raise ValueError(f"central URL {base_url!r}: {problem}")
        self.base_url = base_url.rstrip("/")
        self._transport = Transport(verify=ca_bundle or True,
                                    timeouts=(connect_timeout, read_timeout),
                                    deadline=deadline, user_agent=USER_AGENT)
        self.token = token

    def close(self) -> None:
        self._transport.close()

    def _request(self, method: str, path: str, *, json: Any = None,
                 headers: dict[str, str] | None = None, params: dict[str, str] | None = None,
                 auth: bool = True, limit: int = ANSWER_LIMIT) -> Response:
        sent = dict(headers or {})
        if auth:
            if not self.token:
                raise CentralUnauthorized("this kiosk has no device token; provision it first")
            sent["Authorization"] = f"Bearer {self.token}"
        answer = self._exchange(method, path, limit=limit, json=json, headers=sent,
                                params=params)
        body = _parse_json(answer.content)
        failure = _outcome(method, path, answer.status, body, answer.reason, answer.headers)
        if failure is not None:
            raise failure
        return Response(answer.status, body, answer.headers, answer.content)

    def _exchange(self, method: str, path: str, **send: Any) -> Any:
        import requests  # loaded with the transport's session by now

        try:
            return self._transport.exchange(method, self.base_url + path, **send)
        except DeadlineExceeded as exc:
            raise CentralUnreachable(f"{method} {path}: {exc}") from exc
        except AnswerTooLarge as exc:
            raise CentralFault(f"{method} {path}: {exc}") from exc
        except requests.RequestException as exc:
            raise CentralUnreachable(f"{method} {path}: {type(exc).__name__}") from exc

    # -- operations of the contract -------------------------------------------------

    def enroll(self, *, code: str, serial_number: str, model: str,
               software_version: str) -> dict[str, Any]:
        return self._request("POST", "/enrollments", auth=False, json={
            "enrollment_code": code, "serial_number": serial_number, "model": model,
            "software_version": software_version}).body

    def catalog(self, etag: str | None = None) -> tuple[dict[str, Any] | None, str | None]:
        """(catalog, etag), or (None, etag) when unchanged since `etag`."""
        reply = self._request("GET", "/catalog", limit=CATALOG_LIMIT,
                              headers={"If-None-Match": etag} if etag else None)
        if reply.status == 304:
            return None, etag
        if not isinstance(reply.body, dict):
            raise CentralFault(f"GET /catalog: HTTP {reply.status} without a catalog object")
        return reply.body, reply.headers.get("ETag")

    def probe(self) -> Response:
        """One cheap request that needs the token, for its answer and Date (kiosk doctor)."""
        return self._request("GET", "/catalog", limit=CATALOG_LIMIT)

    def submit(self, key: str, submission: dict[str, Any]) -> dict[str, Any]:
        """The CaseReceipt, for a first delivery (201) and a repeat (200) alike; a success
        without a whole CaseReceipt is a CentralFault, never a delivery."""
        reply = self._request("POST", "/submissions", json=submission,
                              headers={"Idempotency-Key": key})
        problem = case_receipt_problem(reply.body)
        if reply.status not in (200, 201) or problem:
            raise CentralFault(f"POST /submissions: HTTP {reply.status} without a case "
                               f"receipt ({problem or 'not 200 or 201'})")
        return reply.body

    def submit_batch(self, entries: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
        """One result per entry, each an object with its key and status (the caller judges
        each result); a reply without that list is a CentralFault."""
        body = {"entries": [{"idempotency_key": k, "submission": s} for k, s in entries]}
        reply = self._request("POST", "/submissions/batch", json=body)
        results = reply.body.get("results") if isinstance(reply.body, dict) else None
        if reply.status != 200 or not isinstance(results, list) or not all(
                isinstance(r, dict) and isinstance(r.get("idempotency_key"), str)
                and type(r.get("status")) is int for r in results):
            raise CentralFault(f"POST /submissions/batch: HTTP {reply.status} without a "
                               "list of results, each with its key and status")
        return results

    def start_challenge(self, applicant: dict[str, Any]) -> dict[str, Any]:
        """Ask the central to send a one-time code to the phone it holds for a typed
        applicant: {challenge_id, masked_phone, expires_at}. A 201 without them is a
        CentralFault; 404 (no phone held) is a CentralRejected, 429 a CentralRetryLater."""
        reply = self._request("POST", "/identity/challenges", json={"applicant": applicant})
        problem = challenge_problem(reply.body)
        if reply.status != 201 or problem:
            raise CentralFault(f"POST /identity/challenges: HTTP {reply.status} without a "
                               f"challenge ({problem or 'not 201'})")
        return reply.body

    def profile(self, applicant: dict[str, Any],
                verification: dict[str, str] | None = None) -> dict[str, str]:
        """What the platform holds for the applicant, under the contract's known keys (any
        other is dropped here); a 200 whose profile is not an object of strings is a
        CentralFault. A typed applicant's `verification` goes with it."""
        body: dict[str, Any] = {"applicant": applicant}
        if verification:
            body["verification"] = verification
        reply = self._request("POST", "/applicants/profile", json=body)
        problem = profile_problem(reply.body)
        if reply.status != 200 or problem:
            raise CentralFault(f"POST /applicants/profile: HTTP {reply.status} without a "
                               f"profile ({problem or 'not 200'})")
        return {k: v for k, v in reply.body["profile"].items() if k in PROFILE_KEYS}

    def lookup_cases(self, *, verification: dict[str, str] | None = None,
                     **query: Any) -> list[dict[str, Any]]:
        """Cases by case number, receipt or applicant; a typed applicant's `verification`
        ({challenge_id, code}) goes with it."""
        if verification:
            query["verification"] = verification
        return self._request("POST", "/cases/lookup", json=query).body["cases"]

    def query(self, item_code: str, applicant: dict[str, Any],
              form: dict[str, Any] | None = None,
              verification: dict[str, str] | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"applicant": applicant}
        if form:
            body["form"] = form
        if verification:
            body["verification"] = verification
        return self._request("POST", f"/queries/{item_code}", json=body).body

    def slots(self, item_code: str, date: str) -> list[dict[str, Any]]:
        return self._request("GET", "/appointments/slots",
                             params={"item_code": item_code, "date": date}).body["slots"]

    def book(self, key: str, item_code: str, applicant: dict[str, Any],
             slot_id: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"item_code": item_code, "applicant": applicant}
        if slot_id:
            body["slot_id"] = slot_id
        return self._request("POST", "/appointments", json=body,
                             headers={"Idempotency-Key": key}).body

    def document_pdf(self, document_no: str, *, limit: int) -> bytes:
        """The signed PDF of a document this kiosk's query issued (`document_no` already
        quoted for a path), at most `limit` bytes; unverified: see kiosk.uplink.documents."""
        path = f"/documents/{document_no}/pdf"
        reply = self._request("GET", path, limit=limit)
        if reply.status != 200:
            raise CentralFault(f"GET {path}: HTTP {reply.status} without the PDF")
        return reply.content

    def _payment(self, method: str, path: str, **send: Any) -> dict[str, Any]:
        reply = self._request(method, path, **send)
        problem = payment_problem(reply.body)
        if problem or reply.status not in (200, 201):
            raise CentralFault(f"{method} {path}: HTTP {reply.status} without a payment "
                               f"({problem or 'not 200 or 201'})")
        return reply.body

    def open_payment(self, key: str, item_code: str, applicant: dict[str, Any],
                     amount_fen: int, reference: str | None = None) -> dict[str, Any]:
        """Open (201) or find again (200, same key and body) the payment of an item's fee."""
        body: dict[str, Any] = {"item_code": item_code, "applicant": applicant,
                                "amount_fen": amount_fen}
        if reference:
            body["reference"] = reference
        return self._payment("POST", "/payments", json=body, headers={"Idempotency-Key": key})

    def payment(self, payment_id: str) -> dict[str, Any]:
        return self._payment("GET", f"/payments/{quote(payment_id, safe='')}")

    def cancel_payment(self, payment_id: str) -> dict[str, Any]:
        """The payment after the cancel: a paid one comes back paid, never cancelled."""
        return self._payment("POST", f"/payments/{quote(payment_id, safe='')}/cancel",
                             json={})

    def ask_for_help(self, request: dict[str, str]) -> dict[str, Any]:
        """A citizen asks for a person: {request_id, status, expected_wait_s?, hotline?}.
        `request` holds the reason, language, screen and item code, never anything
        personal; a 201 without a whole answer is a CentralFault."""
        reply = self._request("POST", "/help-requests", json=request)
        problem = help_answer_problem(reply.body)
        if reply.status != 201 or problem:
            raise CentralFault(f"POST /help-requests: HTTP {reply.status} without an "
                               f"answer ({problem or 'not 201'})")
        return reply.body

    def heartbeat(self, report: dict[str, Any]) -> dict[str, Any]:
        return self._request("POST", "/heartbeats", json=report).body
