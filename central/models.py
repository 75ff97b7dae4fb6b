"""Pydantic mirrors of the contract's schemas.

Requests are validated against these before any business rule runs, and every
response is built from them, so the wire shapes live in one place and follow
`central-api.yaml` field for field.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    field_validator,
    model_validator,
)
from pydantic.json_schema import WithJsonSchema

I18nText = dict[str, str]
CaseStatus = Literal[
    "received", "accepted", "in_review", "approved", "rejected", "completed", "withdrawn"
]
CommandType = Literal[
    "refresh_catalog", "out_of_service", "in_service", "restart_app", "print_test_page",
    "upload_diagnostics",
]
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.I)


def _rfc3339_text(value: Any) -> Any:
    """Refuse what pydantic would otherwise turn into a time: numbers, other date layouts."""
    if not isinstance(value, str) or not _RFC3339.match(value):
        raise ValueError("must be an RFC 3339 time with offset, e.g. 2026-11-23T09:58:00+08:00")
    return value


# A request's time: only the contract's `format: date-time` text, read as an aware datetime.
RequestTime = Annotated[AwareDatetime, BeforeValidator(_rfc3339_text)]

_UUID_TEXT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


def _uuid_text(value: str) -> str:
    """Refuse the other spellings Python's UUID reads (no hyphens, braces, urn:)."""
    if not _UUID_TEXT.match(value):
        raise ValueError("must be a UUID written as 8-4-4-4-12 hex digits")
    return value.lower()


# An Idempotency-Key: the contract's `format: uuid` text, in the lower case it is stored in.
IdempotencyKey = Annotated[str, AfterValidator(_uuid_text),
                           WithJsonSchema({"type": "string", "format": "uuid"})]


class OutModel(BaseModel):
    """A response body: built by the server, so unknown fields are a bug."""

    model_config = ConfigDict(extra="forbid")

    def wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class InModel(BaseModel):
    """A request body: an optional field may be left out, but as in the contract never null.

    Field validators do not run on defaults, so this rejects only an explicit
    null, and names the field that carried it.
    """

    @field_validator("*", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("must not be null")
        return value


class Problem(OutModel):
    type: str | None = None
    title: str
    status: int
    detail: str | None = None
    errors: list[dict[str, str]] | None = None


class EnrollmentRequest(InModel):
    enrollment_code: Annotated[str, Field(min_length=6)]
    serial_number: str
    model: str
    software_version: str


class Site(OutModel):
    name: I18nText
    region_code: str


class Enrollment(OutModel):
    device_id: str
    device_token: Annotated[str, Field(min_length=32)]
    site: Site
    heartbeat_interval_s: Annotated[int, Field(ge=10)]
    document_ca_pem: str | None = None


class Catalog(OutModel):
    version: str
    items: list[dict[str, Any]]


class Applicant(InModel):
    id_type: Literal[
        "resident_id", "foreign_permanent_resident", "hk_mo_tw_residence_permit", "uscc"
    ]
    id_number: str
    name: str
    source: Literal["id_card_reader", "smart_card", "scanner", "manual"] | None = None


class Submission(InModel):
    local_ref: str
    item_code: str
    item_version: StrictInt
    device_id: str
    created_at: RequestTime
    applicant: Applicant | None = None
    form: dict[str, Any]
    about_case_no: str | None = None
    payment_id: str | None = None
    lookup_token: Annotated[str, Field(min_length=16)] | None = None


class BatchEntry(InModel):
    idempotency_key: IdempotencyKey
    submission: Submission


class BatchRequest(InModel):
    """The documented body of POST /submissions/batch."""

    entries: Annotated[list[BatchEntry], Field(min_length=1, max_length=100)]


class KeyedEntry(BaseModel):
    """A batch entry as far as the batch checks it: a key to answer it under.

    Its submission is judged alone, as POST /submissions would judge it, and
    answered in the entry's own result; an entry without a usable key has no
    result the contract could describe, so it fails the whole batch.
    """

    idempotency_key: IdempotencyKey


class BatchEnvelope(InModel):
    """What is checked of a batch as a whole; each entry is then judged as if sent alone."""

    entries: Annotated[list[KeyedEntry], Field(min_length=1)]


class CaseReceipt(OutModel):
    case_no: str
    status: CaseStatus
    received_at: datetime


class BatchResult(OutModel):
    idempotency_key: str
    status: Literal[200, 201, 409, 422]
    case: CaseReceipt | None = None
    problem: Problem | None = None


class BatchReply(OutModel):
    results: list[BatchResult]


class Verification(InModel):
    challenge_id: str
    code: Annotated[str, Field(pattern=r"^[0-9]{6}$")]


class ChallengeRequest(InModel):
    applicant: Applicant


class ChallengeReply(OutModel):
    challenge_id: Annotated[str, Field(min_length=16)]
    masked_phone: str
    expires_at: datetime


class ProfileRequest(InModel):
    applicant: Applicant
    verification: Verification | None = None


class ProfileReply(OutModel):
    profile: dict[str, str]


class CaseLookup(InModel):
    case_no: str | None = None
    local_ref: str | None = None
    lookup_token: str | None = None
    applicant: Applicant | None = None
    verification: Verification | None = None

    @model_validator(mode="after")
    def _at_least_one(self) -> CaseLookup:
        if self.case_no is None and self.local_ref is None and self.applicant is None:
            raise ValueError("give case_no, local_ref or applicant")
        return self


class TimelineEntry(OutModel):
    at: datetime
    status: CaseStatus
    note: I18nText | None = None


class Case(OutModel):
    case_no: str
    local_ref: str | None = None
    item_code: str
    item_title: I18nText | None = None
    status: CaseStatus
    timeline: list[TimelineEntry]


class CaseList(OutModel):
    cases: list[Case]


class QueryRequest(InModel):
    applicant: Applicant
    verification: Verification | None = None
    form: dict[str, Any] = Field(default_factory=dict)


class DocumentLine(OutModel):
    label: I18nText
    value: str


class DocumentPdf(OutModel):
    sha256: Annotated[str, Field(pattern="^[0-9a-f]{64}$")]
    pages: Annotated[int, Field(ge=1)]
    bytes: Annotated[int, Field(ge=1, le=20_000_000)]


class Document(OutModel):
    document_no: str
    title: I18nText
    lines: list[DocumentLine]
    verify_url: str | None = None
    issued_at: datetime
    pdf: DocumentPdf | None = None


class Slot(OutModel):
    slot_id: str
    starts_at: datetime
    ends_at: datetime
    remaining: Annotated[int, Field(ge=0)]


class SlotList(OutModel):
    slots: list[Slot]


class AppointmentRequest(InModel):
    item_code: str
    slot_id: str | None = None
    applicant: Applicant


class Ticket(OutModel):
    ticket_no: str
    item_code: str
    window: str | None = None
    slot_id: str | None = None
    starts_at: datetime | None = None
    waiting_ahead: Annotated[int, Field(ge=0)] | None = None
    issued_at: datetime


class PaymentRequest(InModel):
    item_code: str
    applicant: Applicant
    amount_fen: Annotated[StrictInt, Field(ge=1)]
    reference: str | None = None


class Payment(OutModel):
    payment_id: str
    status: Literal["pending", "paid", "expired", "cancelled", "failed"]
    amount_fen: Annotated[int, Field(ge=1)]
    pay_code: str
    expires_at: datetime
    paid_at: datetime | None = None
    receipt_no: str | None = None


class Peripheral(InModel):
    name: str
    kind: Literal["id_card_reader", "smart_card_reader", "receipt_printer", "a4_printer",
                  "scanner", "camera", "other"]
    status: Literal["ok", "degraded", "offline", "error"]
    detail: str | None = None


class SpoolState(InModel):
    pending: StrictInt
    dead: StrictInt
    oldest_pending_at: RequestTime | None = None


class Heartbeat(InModel):
    sent_at: RequestTime
    software_version: str
    state: Literal["in_service", "out_of_service", "maintenance"]
    uptime_s: StrictInt | None = None
    catalog_version: str | None = None
    peripherals: list[Peripheral]
    spool: SpoolState
    disk_free_bytes: StrictInt | None = None
    sessions_since_last: StrictInt | None = None
    acked_command_ids: list[str] = Field(default_factory=list)


class Command(OutModel):
    id: str
    type: CommandType
    args: dict[str, Any] | None = None


class HeartbeatReply(OutModel):
    commands: list[Command]
    heartbeat_interval_s: Annotated[int, Field(ge=10)]
