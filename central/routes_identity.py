"""Verifying a typed identity: the central sends a one-time code to the phone it holds."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from central.devices import Device
from central.http_helpers import problem_responses, reply
from central.identifiers import applicant_id_problem
from central.models import ChallengeReply, ChallengeRequest
from central.problems import FieldError, validation_problem
from central.services import Services, current_device, services_of

router = APIRouter()
ServicesDep = Annotated[Services, Depends(services_of)]
DeviceDep = Annotated[Device, Depends(current_device)]


@router.post("/identity/challenges", status_code=201, response_model=ChallengeReply,
             responses=problem_responses(401, 404, 422, 429, 503))
async def start_challenge(body: ChallengeRequest, services: ServicesDep,
                          device: DeviceDep) -> JSONResponse:
    """Send a one-time code to the phone held for the applicant; the code is never returned."""
    now = services.clock.now()
    problem = applicant_id_problem(body.applicant.id_type, body.applicant.id_number, now.date())
    if problem:
        raise validation_problem([FieldError("applicant.id_number", problem)])
    challenge = services.challenges.start(body.applicant, device.device_id, now)
    return reply(ChallengeReply(challenge_id=challenge.challenge_id,
                                masked_phone=challenge.masked_phone,
                                expires_at=challenge.expires_at), 201)
