"""A citizen at a kiosk asks for a person: the reference central takes the request and
says who will come, or the hotline to call.

The reference server has no staff to page: it queues each request in memory, answers
that staff on site are told, with the site's hotline, and keeps nothing the kiosk
did not send (the contract's body carries no personal data, and this keeps to it).
"""

from __future__ import annotations

import itertools
from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import Field

from central.devices import Device
from central.http_helpers import problem_responses, reply
from central.models import InModel, OutModel
from central.services import Services, current_device, services_of

router = APIRouter()
ServicesDep = Annotated[Services, Depends(services_of)]
DeviceDep = Annotated[Device, Depends(current_device)]
DEFAULT_HOTLINE = "12345"  # the city service hotline, when the site names none
EXPECTED_WAIT_S = 120
_numbers = itertools.count(1)


class HelpRequest(InModel):
    reason: Literal["cannot_read_card", "form_question", "device_fault", "other"]
    language: Literal["zh_CN", "zh_TW", "en"]
    screen: Annotated[str, Field(min_length=1, max_length=40)]
    item_code: Annotated[str, Field(max_length=64)] | None = None


class HelpAnswer(OutModel):
    request_id: str
    status: Literal["queued", "staff_on_site", "video_available"]
    expected_wait_s: Annotated[int, Field(ge=0)] | None = None
    hotline: str | None = None


@router.post("/help-requests", status_code=201, response_model=HelpAnswer,
             responses=problem_responses(401, 422, 429))
async def ask_for_help(_request: HelpRequest, services: ServicesDep,
                       _device: DeviceDep) -> JSONResponse:
    """Take a citizen's call for a person: staff on site are told, the hotline given."""
    return reply(HelpAnswer(request_id=f"H{next(_numbers):06d}", status="staff_on_site",
                            expected_wait_s=EXPECTED_WAIT_S,
                            hotline=str(services.site.get("hotline") or DEFAULT_HOTLINE)),
                 201)
