"""Online-only operations: query-and-print items, appointment slots and tickets."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse, Response

from central.clock import parse_full_date
from central.devices import Device
from central.http_helpers import problem_responses, reply
from central.models import (
    AppointmentRequest,
    Document,
    IdempotencyKey,
    QueryRequest,
    SlotList,
    Ticket,
)
from central.problems import FieldError, validation_problem
from central.services import Services, current_device, services_of

router = APIRouter()
ServicesDep = Annotated[Services, Depends(services_of)]
DeviceDep = Annotated[Device, Depends(current_device)]


@router.post("/queries/{item_code}", response_model=Document,
             responses={404: {"description": "No record for this applicant.",
                              "content": {"application/problem+json": {
                                  "schema": {"$ref": "#/components/schemas/Problem"}}}},
                        **problem_responses(401, 422, 429, 503)})
def run_query(item_code: str, query: QueryRequest, services: ServicesDep,
              device: DeviceDep) -> JSONResponse:
    """Run a query item and return the document to show and print (a typed applicant
    verified first); an A4 item's document names its signed PDF. Not a coroutine: pyHanko
    signs in an event loop of its own, so this runs in FastAPI's thread pool."""
    services.challenges.require(query.applicant, query.verification, services.clock.now())
    return reply(services.records.query(item_code, query.applicant, query.form,
                                        device.device_id))


@router.get("/documents/{document_no}/pdf", response_class=Response,
            responses={200: {"description": "The PDF.", "content": {"application/pdf": {
                "schema": {"type": "string", "format": "binary"}}}},
                **problem_responses(401, 404, 410)},
            openapi_extra={"parameters": [{"in": "path", "name": "document_no",
                                           "required": True, "schema": {"type": "string"}}]})
async def document_pdf(request: Request, services: ServicesDep,
                       device: DeviceDep) -> Response:
    """The signed A4 rendition of a document this device's query issued, for ten minutes.
    The number is read from the path by hand: any string is a number that may be unknown
    (404), never a malformed request (422)."""
    pdf = services.records.renditions.fetch(request.path_params["document_no"],
                                            device.device_id, services.clock.now())
    return Response(pdf, media_type="application/pdf")


def _slot_query(request: Request) -> tuple[str, date]:
    errors: list[FieldError] = []
    item_code = request.query_params.get("item_code")
    if item_code is None:  # an empty code is a string, as the contract allows: it has no slots
        errors.append(FieldError("item_code", "is required"))
    day = parse_full_date(request.query_params.get("date", ""))
    if day is None:
        errors.append(FieldError("date", "must be a real date written YYYY-MM-DD"))
    if errors or item_code is None or day is None:
        raise validation_problem(errors)
    return item_code, day


@router.get("/appointments/slots", response_model=SlotList,
            responses=problem_responses(401, 422),
            openapi_extra={"parameters": [
                {"in": "query", "name": "item_code", "required": True,
                 "schema": {"type": "string"}},
                {"in": "query", "name": "date", "required": True,
                 "schema": {"type": "string", "format": "date"}}]})
async def free_slots(request: Request, services: ServicesDep, _: DeviceDep) -> JSONResponse:
    """Free slots of an item on a date (empty for items that have none)."""
    item_code, day = _slot_query(request)
    return reply(SlotList(slots=services.appointments.slots(item_code, day)))


@router.post("/appointments", status_code=201, response_model=Ticket,
             responses={200: {"model": Ticket, "description": "Already booked under this key."},
                        **problem_responses(401, 409, 422)})
async def book(
    booking: AppointmentRequest, request: Request, services: ServicesDep, _: DeviceDep,
    idempotency_key: Annotated[IdempotencyKey, Header(alias="Idempotency-Key")],
) -> JSONResponse:
    """Book a slot, or take a same-day queue ticket when no slot_id is given."""
    status, ticket = services.appointments.book(idempotency_key, await request.json(),
                                                booking)
    return reply(ticket, status)
