"""The kiosk's side of the central API contract.

Every caller in the kiosk needs the same answers to the same questions: was
it delivered, may I retry, when, or must I stop. This module turns HTTP into
exactly those outcomes, so that the sync worker and the visit flow never look
at status codes, and personal data never lands in a URL.
"""

from __future__ import annotations

import email.utils
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import requests

USER_AGENT = "kiosk-terminal"


class CentralError(Exception):
    """Base of every outcome other than success."""


class CentralUnreachable(CentralError):
    """No answer (refused, reset, timeout) or a 5xx: try again with backoff."""


@dataclass
class CentralRetryLater(CentralError):
    """429/503: the central asked to wait; retry_after is seconds or None."""

    status: int
    retry_after: float | None

    def __str__(self) -> str:
        return f"central busy ({self.status}), retry after {self.retry_after}s"


@dataclass
class CentralRejected(CentralError):
    """A final answer about this request (404/409/413/422): never retried as is."""

    status: int
    problem: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.status} {self.problem.get('title', '')}".strip()


class CentralUnauthorized(CentralError):
    """401: the device token is unknown or revoked; the kiosk must be re-provisioned."""


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


@dataclass(frozen=True)
class Response:
    status: int
    body: Any
    headers: dict[str, str]


class CentralClient:
    """One `requests.Session` per client: connection reuse and one place for TLS and auth.

    The session, and requests with it, comes with the first request: the core makes
    its clients while the kiosk's window waits to be drawn, and its first requests are
    made by its worker threads after that."""

    def __init__(self, base_url: str, *, token: str | None = None, ca_bundle: str = "",
                 connect_timeout: float = 3.0, read_timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._timeout = (connect_timeout, read_timeout)
        self._verify: str | bool = ca_bundle or True
        self._made: requests.Session | None = None
        self._making = threading.Lock()
        self.token = token

    @property
    def _session(self) -> requests.Session:
        with self._making:
            if self._made is None:
                import requests

                self._made = requests.Session()
                self._made.headers["User-Agent"] = USER_AGENT
                self._made.verify = self._verify
            return self._made

    def close(self) -> None:
        with self._making:
            if self._made is not None:
                self._made.close()

    def _request(self, method: str, path: str, *, json: Any = None,
                 headers: dict[str, str] | None = None, params: dict[str, str] | None = None,
                 auth: bool = True) -> Response:
        sent = dict(headers or {})
        if auth:
            if not self.token:
                raise CentralUnauthorized("this kiosk has no device token; provision it first")
            sent["Authorization"] = f"Bearer {self.token}"
        session = self._session
        import requests  # loaded by the session above

        try:
            reply = session.request(method, self.base_url + path, json=json,
                                    headers=sent, params=params, timeout=self._timeout)
        except requests.RequestException as exc:
            raise CentralUnreachable(f"{method} {path}: {type(exc).__name__}") from exc
        try:
            body = reply.json() if reply.content else None
        except ValueError:
            body = None
        status = reply.status_code
        if status < 300 or status == 304:
            return Response(status, body, dict(reply.headers))
        problem = body if isinstance(body, dict) else {"title": reply.reason, "status": status}
        if status == 401:
            raise CentralUnauthorized(problem.get("detail") or problem.get("title") or "401")
        if status in (429, 503):
            wait = parse_retry_after(reply.headers.get("Retry-After"), datetime.now(UTC))
            raise CentralRetryLater(status, wait)
        if status >= 500:
            raise CentralUnreachable(f"{method} {path}: HTTP {status}")
        raise CentralRejected(status, problem)

    # -- operations of the contract -------------------------------------------------

    def enroll(self, *, code: str, serial_number: str, model: str,
               software_version: str) -> dict[str, Any]:
        return self._request("POST", "/enrollments", auth=False, json={
            "enrollment_code": code, "serial_number": serial_number, "model": model,
            "software_version": software_version}).body

    def catalog(self, etag: str | None = None) -> tuple[dict[str, Any] | None, str | None]:
        """(catalog, etag), or (None, etag) when unchanged since `etag`."""
        reply = self._request("GET", "/catalog",
                              headers={"If-None-Match": etag} if etag else None)
        if reply.status == 304:
            return None, etag
        return reply.body, reply.headers.get("ETag")

    def probe(self) -> Response:
        """One cheap request that needs the token, for its answer and Date (kiosk doctor)."""
        return self._request("GET", "/catalog")

    def submit(self, key: str, submission: dict[str, Any]) -> dict[str, Any]:
        """The CaseReceipt, for a first delivery (201) and a repeat (200) alike."""
        return self._request("POST", "/submissions", json=submission,
                             headers={"Idempotency-Key": key}).body

    def submit_batch(self, entries: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
        """One result per entry, in order, each judged as a single POST would be."""
        body = {"entries": [{"idempotency_key": k, "submission": s} for k, s in entries]}
        return self._request("POST", "/submissions/batch", json=body).body["results"]

    def lookup_cases(self, **query: Any) -> list[dict[str, Any]]:
        return self._request("POST", "/cases/lookup", json=query).body["cases"]

    def query(self, item_code: str, applicant: dict[str, Any],
              form: dict[str, Any] | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"applicant": applicant}
        if form:
            body["form"] = form
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

    def heartbeat(self, report: dict[str, Any]) -> dict[str, Any]:
        return self._request("POST", "/heartbeats", json=report).body
