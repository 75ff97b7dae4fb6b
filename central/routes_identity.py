"""Verifying a typed identity (a one-time code to the phone the central holds), and the
profile an identified applicant's forms are prefilled from."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from central.devices import Device
from central.http_helpers import problem_responses, reply
from central.identifiers import applicant_id_problem
from central.models import ChallengeReply, ChallengeRequest, ProfileReply, ProfileRequest
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


@router.post("/applicants/profile", response_model=ProfileReply,
             responses=problem_responses(401, 422, 429, 503))
async def applicant_profile(body: ProfileRequest, services: ServicesDep,
                            device: DeviceDep) -> JSONResponse:
    """What the base databases hold for the applicant (possibly nothing); a typed applicant
    needs a verified one-time code, as for a case lookup."""
    now = services.clock.now()
    problem = applicant_id_problem(body.applicant.id_type, body.applicant.id_number, now.date())
    if problem:
        raise validation_problem([FieldError("applicant.id_number", problem)])
    services.challenges.require(body.applicant, body.verification, now)
    return reply(ProfileReply(profile=services.profiles.lookup(body.applicant,
                                                               device.device_id, now)))
