"""Fees paid at the kiosk: open a payment, ask after it, cancel it (online only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse

from central.devices import Device
from central.http_helpers import problem_responses, reply
from central.models import IdempotencyKey, Payment, PaymentRequest
from central.services import Services, current_device, services_of

router = APIRouter()
ServicesDep = Annotated[Services, Depends(services_of)]
DeviceDep = Annotated[Device, Depends(current_device)]


@router.post("/payments", status_code=201, response_model=Payment,
             responses={200: {"model": Payment, "description": "Already opened under this key."},
                        **problem_responses(401, 409, 422, 429, 503)})
async def open_payment(
    payment: PaymentRequest, request: Request, services: ServicesDep, device: DeviceDep,
    idempotency_key: Annotated[IdempotencyKey, Header(alias="Idempotency-Key")],
) -> JSONResponse:
    """Open a payment for an item's fee; idempotent by key."""
    status, opened = services.payments.open(idempotency_key, await request.json(), payment,
                                            device.device_id)
    return reply(opened, status)


# The path's payment_id is read by hand: the contract lists no 422 for these two, which
# FastAPI would otherwise advertise for a declared parameter.
_PAYMENT_ID = {"parameters": [{"in": "path", "name": "payment_id", "required": True,
                               "schema": {"type": "string"}}]}


@router.get("/payments/{payment_id}", response_model=Payment,
            responses=problem_responses(401, 404), openapi_extra=_PAYMENT_ID)
async def read_payment(request: Request, services: ServicesDep,
                       device: DeviceDep) -> JSONResponse:
    """The state of a payment this device opened."""
    return reply(services.payments.read(request.path_params["payment_id"], device.device_id))


@router.post("/payments/{payment_id}/cancel", response_model=Payment,
             responses=problem_responses(401, 404), openapi_extra=_PAYMENT_ID)
async def cancel_payment(request: Request, services: ServicesDep,
                         device: DeviceDep) -> JSONResponse:
    """The citizen gave up; a payment already paid comes back paid."""
    return reply(services.payments.cancel(request.path_params["payment_id"],
                                          device.device_id))
