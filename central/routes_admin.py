"""Admin operations for tests, demos and integrators; answered only on loopback.

They are not part of the contract: they let a test break the network on
purpose, move the server's clock, and act as the platform's operators would
(queue a remote command, revoke a kiosk, issue an enrollment code), and read the
text messages a real platform would send to citizens' phones.
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from central.faults import FaultSpec
from central.http_helpers import problem_responses
from central.models import CommandType
from central.problems import ProblemError
from central.services import Services, services_of


def is_loopback(host: str | None) -> bool:
    """Whether a client address is this machine's loopback (IPv4, IPv6 or IPv4-mapped)."""
    if not host:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def loopback_only(request: Request) -> None:
    if not is_loopback(request.client.host if request.client else None):
        raise ProblemError(403, "Admin operations are answered only on loopback.",
                           kind="admin-loopback-only")


router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(loopback_only)],
                   responses=problem_responses(403, 404, 422))
ServicesDep = Annotated[Services, Depends(services_of)]


class CommandRequest(BaseModel):
    device_id: str
    type: CommandType
    args: dict[str, Any] | None = None


class RevokeRequest(BaseModel):
    device_id: str


class CodeRequest(BaseModel):
    code: Annotated[str, Field(min_length=6)] | None = None
    ttl_s: Annotated[int, Field(gt=0)] = 86_400


class ClockRequest(BaseModel):
    advance_s: Annotated[float, Field(gt=0)]


@router.post("/faults", status_code=201)
async def arm_fault(spec: FaultSpec, services: ServicesDep) -> dict[str, Any]:
    """Arm a fault for one operation (or "*"), replacing the one armed there before."""
    services.faults.arm(spec)
    return {"armed": services.faults.armed()}


@router.get("/faults")
async def list_faults(services: ServicesDep) -> dict[str, Any]:
    return {"armed": services.faults.armed()}


@router.delete("/faults", status_code=204)
async def clear_faults(services: ServicesDep) -> Response:
    services.faults.clear()
    return Response(status_code=204)


@router.get("/counters")
async def counters(services: ServicesDep) -> dict[str, Any]:
    stored, distinct = services.intake.counts()
    return {"submissions": stored, "distinct_keys": distinct,
            "cases": services.casebook.count(), "payments": services.payments.counts(),
            "requests_by_operation": services.faults.requests_by_operation()}


@router.delete("/counters", status_code=204)
async def reset_request_counts(services: ServicesDep) -> Response:
    """Reset requests_by_operation (stored data is never reset)."""
    services.faults.reset_requests()
    return Response(status_code=204)


@router.post("/commands", status_code=201)
async def queue_command(body: CommandRequest, services: ServicesDep) -> dict[str, Any]:
    if not services.devices.exists(body.device_id):
        raise ProblemError(404, "No such device.", kind="unknown-device")
    command_id = services.devices.queue_command(body.device_id, body.type, body.args,
                                                services.clock.now())
    return {"id": command_id, "device_id": body.device_id, "type": body.type, "args": body.args}


@router.post("/revoke")
async def revoke(body: RevokeRequest, services: ServicesDep) -> dict[str, Any]:
    if not services.devices.revoke(body.device_id):
        raise ProblemError(404, "No such device.", kind="unknown-device")
    return {"device_id": body.device_id, "revoked": True}


@router.post("/enrollment-codes", status_code=201)
async def add_enrollment_code(body: CodeRequest, services: ServicesDep) -> dict[str, Any]:
    expires_at = services.clock.now() + timedelta(seconds=body.ttl_s)
    code = services.devices.add_enrollment_code(body.code, expires_at)
    return {"code": code, "expires_at": expires_at.isoformat()}


@router.post("/clock")
async def advance_clock(body: ClockRequest, services: ServicesDep) -> dict[str, Any]:
    """Move the server's clock forward, e.g. to let cases progress or codes expire."""
    services.clock.advance(body.advance_s)
    return {"now": services.clock.now().isoformat()}


@router.post("/payments/{payment_id}/paid")
async def mark_paid(payment_id: str, services: ServicesDep) -> dict[str, Any]:
    """The citizen paid with a phone: what the payment provider would tell the central."""
    return services.payments.mark_paid(payment_id).wire()


@router.get("/outbox")
async def outbox(services: ServicesDep) -> dict[str, Any]:
    """The one-time codes sent to citizens' phones, oldest first (the demo's phone)."""
    return {"messages": services.challenges.outbox()}


@router.get("/devices")
async def devices(services: ServicesDep) -> dict[str, Any]:
    return {"devices": services.devices.overview()}
