"""Small pieces every route module needs: JSON bodies read by hand, OpenAPI response stubs.

Some operations read their body by hand instead of through FastAPI's model
binding, because the contract lists no 422 for them and FastAPI would
otherwise advertise one; they still answer malformed input with a problem.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from central.models import OutModel
from central.problems import PROBLEM_MEDIA_TYPE, FieldError, validation_problem

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for problem answers with the given statuses."""
    return {
        status: {"description": "A problem document.",
                 "content": {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}}}
        for status in statuses
    }


def schema_body(component: str) -> dict[str, Any]:
    """An `openapi_extra` that documents a hand-read JSON body by component name."""
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}}}}


async def json_body(request: Request) -> Any:
    """The parsed JSON body, or a 422 problem naming the body when it is not JSON."""
    raw = await request.body()
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise validation_problem([FieldError("body", f"is not valid JSON ({exc})")]) from exc


def reply(model: OutModel, status: int = 200,
          headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(model.wire(), status_code=status, headers=headers)
