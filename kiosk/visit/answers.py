"""The central's answers to a visit's online questions, checked before use.

A document, a ticket or a case list goes straight to a citizen's eyes and
onto paper, so an answer that does not follow the contract is refused as a
whole (CentralMalformed) rather than shown half-filled.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from kiosk.catalog.items import I18nText
from kiosk.uplink.client import CentralError


class CentralMalformed(CentralError):
    """The central answered, but not in the contract's shape."""


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class DocumentLine(_Answer):
    label: I18nText
    value: str


class DocumentPdf(_Answer):
    sha256: Annotated[str, Field(pattern="^[0-9a-f]{64}$")]
    pages: Annotated[int, Field(ge=1)]
    bytes: Annotated[int, Field(ge=1, le=20_000_000)]


class Document(_Answer):
    document_no: str
    title: I18nText
    lines: tuple[DocumentLine, ...]
    verify_url: str | None = None
    issued_at: datetime
    pdf: DocumentPdf | None = None


class Slot(_Answer):
    slot_id: str
    starts_at: datetime
    ends_at: datetime
    remaining: Annotated[int, Field(ge=0)]


class Ticket(_Answer):
    ticket_no: str
    item_code: str
    window: str | None = None
    slot_id: str | None = None
    starts_at: datetime | None = None
    waiting_ahead: Annotated[int, Field(ge=0)] | None = None
    issued_at: datetime


class CaseStatus(StrEnum):
    RECEIVED = "received"
    ACCEPTED = "accepted"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


class TimelineStep(_Answer):
    at: datetime
    status: CaseStatus
    note: I18nText | None = None


class Case(_Answer):
    case_no: str
    local_ref: str | None = None
    item_code: str
    item_title: I18nText | None = None
    status: CaseStatus
    timeline: tuple[TimelineStep, ...]


T = TypeVar("T")


def parse_answer(shape: type[T], body: Any, what: str) -> T:
    """`body` as `shape` (a model or a tuple of models), or CentralMalformed naming `what`."""
    try:
        return TypeAdapter(shape).validate_python(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CentralMalformed(f"{what}: {where}: {first['msg']}") from None
