"""Pydantic mirrors of the contract's schemas.

Requests are validated against these before any business rule runs, and every
response is built from them, so the wire shapes live in one place and follow
`central-api.yaml` field for field.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictInt, model_validator

I18nText = dict[str, str]
CaseStatus = Literal[
    "received", "accepted", "in_review", "approved", "rejected", "completed", "withdrawn"
]
CommandType = Literal[
    "refresh_catalog", "out_of_service", "in_service", "restart_app", "print_test_page",
    "upload_diagnostics",
]


class OutModel(BaseModel):
    """A response body: built by the server, so unknown fields are a bug."""

    model_config = ConfigDict(extra="forbid")

    def wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class Problem(OutModel):
    type: str | None = None
    title: str
    status: int
    detail: str | None = None
    errors: list[dict[str, str]] | None = None


class EnrollmentRequest(BaseModel):
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


class Catalog(OutModel):
    version: str
    items: list[dict[str, Any]]


class Applicant(BaseModel):
    id_type: Literal[
        "resident_id", "foreign_permanent_resident", "hk_mo_tw_residence_permit", "uscc"
    ]
    id_number: str
    name: str
    source: Literal["id_card_reader", "smart_card", "scanner", "manual"] | None = None


class Submission(BaseModel):
    local_ref: str
    item_code: str
    item_version: StrictInt
    device_id: str
    created_at: AwareDatetime
    applicant: Applicant | None = None
    form: dict[str, Any]
    about_case_no: str | None = None


class BatchEntry(BaseModel):
    idempotency_key: UUID
    submission: Submission


class BatchRequest(BaseModel):
    """The documented body of POST /submissions/batch."""

    entries: Annotated[list[BatchEntry], Field(min_length=1, max_length=100)]


class BatchEnvelope(BaseModel):
    """What is checked of a batch as a whole; each entry is then judged as if sent alone."""

    entries: Annotated[list[Any], Field(min_length=1)]


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


class CaseLookup(BaseModel):
    case_no: str | None = None
    local_ref: str | None = None
    applicant: Applicant | None = None

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


class QueryRequest(BaseModel):
    applicant: Applicant
    form: dict[str, Any] = Field(default_factory=dict)


class DocumentLine(OutModel):
    label: I18nText
    value: str


class Document(OutModel):
    document_no: str
    title: I18nText
    lines: list[DocumentLine]
    verify_url: str | None = None
    issued_at: datetime


class Slot(OutModel):
    slot_id: str
    starts_at: datetime
    ends_at: datetime
    remaining: Annotated[int, Field(ge=0)]


class SlotList(OutModel):
    slots: list[Slot]


class AppointmentRequest(BaseModel):
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


class Peripheral(BaseModel):
    name: str
    kind: Literal["id_card_reader", "smart_card_reader", "receipt_printer", "scanner", "other"]
    status: Literal["ok", "degraded", "offline", "error"]
    detail: str | None = None


class SpoolState(BaseModel):
    pending: StrictInt
    dead: StrictInt
    oldest_pending_at: AwareDatetime | None = None


class Heartbeat(BaseModel):
    sent_at: AwareDatetime
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
