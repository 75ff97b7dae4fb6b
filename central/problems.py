"""RFC 9457 problem documents: the only shape an error from this server may take.

The contract promises `application/problem+json` for every error, with the
offending fields named, so FastAPI's and Starlette's own error bodies are
replaced here in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://central.invalid/problems/"

_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Too many entries",
    422: "Unprocessable request",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


@dataclass(frozen=True)
class FieldError:
    """One field that failed validation, named the way the client sent it."""

    field: str
    message: str


@dataclass(eq=False)
class ProblemError(Exception):
    """Raise anywhere in a request to answer with a problem document."""

    status: int
    detail: str | None = None
    errors: Sequence[FieldError] = ()
    kind: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    title: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.detail or self.resolved_title)

    @property
    def resolved_title(self) -> str:
        return self.title or _TITLES.get(self.status, "Error")

    def body(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "type": PROBLEM_BASE + self.kind if self.kind else "about:blank",
            "title": self.resolved_title,
            "status": self.status,
        }
        if self.detail:
            document["detail"] = self.detail
        if self.errors:
            document["errors"] = [{"field": e.field, "message": e.message} for e in self.errors]
        return document

    def response(self) -> JSONResponse:
        return JSONResponse(
            self.body(), status_code=self.status, headers=dict(self.headers),
            media_type=PROBLEM_MEDIA_TYPE,
        )


def validation_problem(errors: Iterable[FieldError], detail: str | None = None) -> ProblemError:
    """A 422 naming every field that is wrong."""
    return ProblemError(422, detail or "The request failed validation.", list(errors),
                        kind="validation")


def field_name(location: Sequence[int | str]) -> str:
    """Turn a pydantic error location into a dotted field name, e.g. ('body','form','phone')."""
    parts = list(location)
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += f".{part}" if name else str(part)
    return name or "body"


def field_errors_of(errors: Iterable[Mapping[str, Any]]) -> list[FieldError]:
    """Field errors from pydantic's or FastAPI's error list."""
    return [FieldError(field_name(e.get("loc", ())), str(e.get("msg", "invalid")))
            for e in errors]


def problem_from_validation(exc: ValidationError, detail: str | None = None) -> ProblemError:
    return validation_problem(field_errors_of(exc.errors()), detail)


def install_problem_handlers(app: FastAPI) -> None:
    """Make every error path of the app answer with a problem document."""

    @app.exception_handler(ProblemError)
    async def _problem(_: Request, exc: ProblemError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return validation_problem(field_errors_of(exc.errors())).response()

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:
            # FastAPI's answer to a body that is not UTF-8. The contract has no 400:
            # it answers every unreadable body with 422.
            return validation_problem([FieldError("body", "is not valid JSON")]).response()
        headers = dict(exc.headers or {})
        return ProblemError(exc.status_code, str(exc.detail), headers=headers).response()

    @app.exception_handler(Exception)
    async def _crash(_: Request, __: Exception) -> JSONResponse:
        return ProblemError(500, "The server failed; the incident was logged.").response()
