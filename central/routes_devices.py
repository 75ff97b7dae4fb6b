"""Operations a kiosk uses to join the central and to report on itself."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from central.devices import Device
from central.http_helpers import json_body, problem_responses, reply, schema_body
from central.models import Command, Enrollment, EnrollmentRequest, Heartbeat, HeartbeatReply, Site
from central.problems import problem_from_validation
from central.services import Services, current_device, services_of

router = APIRouter()
ServicesDep = Annotated[Services, Depends(services_of)]


@router.post("/enrollments", status_code=201, response_model=Enrollment,
             responses=problem_responses(401, 409, 422), openapi_extra={"security": []})
async def enroll(body: EnrollmentRequest, services: ServicesDep) -> JSONResponse:
    """Redeem a one-time enrollment code for a device token."""
    device_id, token = services.devices.enroll(
        body.enrollment_code, body.serial_number, body.model, body.software_version,
        services.clock.now())
    return reply(Enrollment(
        device_id=device_id, device_token=token, site=Site(**services.site),
        heartbeat_interval_s=services.settings.heartbeat_interval_s,
        document_ca_pem=services.records.renditions.ca_pem), 201)


@router.post("/heartbeats", response_model=HeartbeatReply,
             responses=problem_responses(401, 422),
             openapi_extra=schema_body("Heartbeat"))
async def heartbeat(request: Request, services: ServicesDep,
                    device: Annotated[Device, Depends(current_device)]) -> JSONResponse:
    """Store a health report and hand back the commands not yet acknowledged."""
    raw = await json_body(request)
    try:
        beat = Heartbeat.model_validate(raw)
    except ValidationError as exc:
        raise problem_from_validation(exc) from exc
    pending = services.devices.record_heartbeat(device.device_id, raw, beat.acked_command_ids,
                                                services.clock.now())
    return reply(HeartbeatReply(commands=[Command(**c) for c in pending],
                                heartbeat_interval_s=services.settings.heartbeat_interval_s))
