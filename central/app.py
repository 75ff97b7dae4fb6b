"""The FastAPI application: the contract's operations under /kiosk/v1, admin under /admin.

Built by a factory around already-wired `Services`, so the command line, the
test helper and a test of the generated OpenAPI all get the same app.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from central import (
    routes_admin,
    routes_cases,
    routes_devices,
    routes_help,
    routes_identity,
    routes_payments,
    routes_services,
)
from central.faults import API_PREFIX, FaultInjector
from central.models import BatchRequest, Heartbeat, Problem
from central.problems import install_problem_handlers
from central.services import Services

TITLE = "Central approval API, kiosk-facing surface (reference server)"
# 1.1.0 less the operations it does not serve yet; the conformance tests list those
# (tests/central/central_contract_check.py, NOT_SERVED_YET) and check every other one
CONTRACT_VERSION = "1.1.0"


def _openapi_with_hand_read_bodies(app: FastAPI) -> dict[str, Any]:
    """FastAPI's OpenAPI plus the schemas of bodies that routes read by hand."""
    if app.openapi_schema is None:
        schema = get_openapi(title=TITLE, version=CONTRACT_VERSION, routes=app.routes)
        _, definitions = models_json_schema(
            [(model, "validation") for model in (Problem, Heartbeat, BatchRequest)],
            ref_template="#/components/schemas/{model}",
        )
        schema.setdefault("components", {}).setdefault("schemas", {}).update(
            definitions["$defs"])
        app.openapi_schema = schema
    return app.openapi_schema


def create_app(services: Services) -> FastAPI:
    """The ASGI app serving `services`; the caller owns and closes the services."""
    app = FastAPI(title=TITLE, version=CONTRACT_VERSION)
    app.state.central = services
    for module in (routes_devices, routes_cases, routes_services, routes_identity,
                   routes_payments, routes_help):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(routes_admin.router)
    install_problem_handlers(app)
    app.add_middleware(FaultInjector, plan=services.faults)
    app.openapi = lambda: _openapi_with_hand_read_bodies(app)  # type: ignore[method-assign]
    return app
