"""Operations about service items and cases: the catalog, submissions, progress lookups."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request, Response
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from central.devices import Device
from central.http_helpers import json_body, problem_responses, reply, schema_body
from central.identifiers import applicant_id_problem
from central.intake import Verdict
from central.models import (
    BatchEnvelope,
    BatchReply,
    BatchResult,
    Case,
    CaseList,
    CaseLookup,
    CaseReceipt,
    Catalog,
    IdempotencyKey,
    Problem,
    Submission,
)
from central.problems import FieldError, ProblemError, problem_from_validation, validation_problem
from central.services import Services, current_device, services_of

router = APIRouter()
ServicesDep = Annotated[Services, Depends(services_of)]
DeviceDep = Annotated[Device, Depends(current_device)]
BATCH_LIMIT = 100


@router.get("/catalog", response_model=Catalog,
            responses={304: {"description": "Unchanged since the ETag given."},
                       **problem_responses(401)},
            openapi_extra={"parameters": [
                {"in": "header", "name": "If-None-Match", "schema": {"type": "string"}}]})
async def catalog(request: Request, services: ServicesDep, _: DeviceDep) -> Response:
    """The full catalog, or 304 when the kiosk's cached copy is current."""
    book = services.catalog
    if book.unchanged_for(request.headers.get("if-none-match")):
        return Response(status_code=304, headers={"ETag": book.etag})
    return reply(Catalog(version=book.version, items=book.document["items"]),
                 headers={"ETag": book.etag})


def _verdict_reply(verdict: Verdict) -> JSONResponse:
    if verdict.problem is not None:
        return verdict.problem.response()
    assert verdict.receipt is not None
    return reply(verdict.receipt, verdict.status)


@router.post("/submissions", status_code=201, response_model=CaseReceipt,
             responses={200: {"model": CaseReceipt, "description": "Already accepted earlier."},
                        **problem_responses(401, 409, 422, 429, 503)})
async def submit(
    submission: Submission, request: Request, services: ServicesDep, device: DeviceDep,
    idempotency_key: Annotated[IdempotencyKey, Header(alias="Idempotency-Key")],
) -> JSONResponse:
    """Deliver one spooled submission; idempotent by key."""
    del submission  # validated by FastAPI; judged from the raw body like a batch entry
    raw = await request.json()
    return _verdict_reply(services.intake.judge(idempotency_key, raw, device))


def _judge_entry(services: Services, device: Device, key: str,
                 entry: dict[str, Any]) -> BatchResult:
    """One entry of a batch, judged under its checked `key` as if it had been sent alone."""
    if "submission" in entry:
        verdict = services.intake.judge(key, entry["submission"], device)
    else:
        problem = validation_problem([FieldError("submission", "is required")])
        verdict = Verdict(422, problem=problem)
    return BatchResult(
        idempotency_key=entry["idempotency_key"], status=verdict.status, case=verdict.receipt,
        problem=Problem(**verdict.problem.body()) if verdict.problem else None)


@router.post("/submissions/batch", response_model=BatchReply,
             responses=problem_responses(401, 413, 422, 429, 503),
             openapi_extra=schema_body("BatchRequest"))
async def submit_batch(request: Request, services: ServicesDep, device: DeviceDep) -> JSONResponse:
    """Deliver up to 100 submissions; each is judged exactly as it would be alone."""
    raw = await json_body(request)
    entries = raw.get("entries") if isinstance(raw, dict) else None
    if isinstance(entries, list) and len(entries) > BATCH_LIMIT:
        raise ProblemError(413, f"A batch holds at most {BATCH_LIMIT} entries.",
                           kind="batch-too-large")
    try:
        envelope = BatchEnvelope.model_validate(raw)
    except ValidationError as exc:
        raise problem_from_validation(exc) from exc
    return reply(BatchReply(results=[
        _judge_entry(services, device, keyed.idempotency_key, entry)
        for keyed, entry in zip(envelope.entries, raw["entries"], strict=True)]))


@router.post("/cases/lookup", response_model=CaseList, responses=problem_responses(401, 422))
async def lookup_cases(query: CaseLookup, services: ServicesDep, _: DeviceDep) -> JSONResponse:
    """Cases by case number, a receipt (local reference and lookup token) or applicant (ID
    number and name; a typed one verified), newest first."""
    now = services.clock.now()
    applicant = None
    if query.applicant is not None:
        problem = applicant_id_problem(query.applicant.id_type, query.applicant.id_number,
                                       now.date())
        if problem:
            raise validation_problem([FieldError("applicant.id_number", problem)])
        services.challenges.require(query.applicant, query.verification, now)
        applicant = (query.applicant.id_number, query.applicant.name)
    receipt = None
    if query.local_ref is not None:
        if query.lookup_token is None:
            raise validation_problem([FieldError(
                "lookup_token", "is required with local_ref: the token in the receipt's QR code")])
        receipt = (query.local_ref, query.lookup_token)
    found = services.casebook.lookup(now, case_no=query.case_no, receipt=receipt,
                                     applicant=applicant)
    cases = [Case(**{k: v for k, v in case.items() if k != "received_at"}) for case in found]
    return reply(CaseList(cases=cases))
