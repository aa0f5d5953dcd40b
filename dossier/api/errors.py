"""One JSON error shape for every failure of the API:

    {"error": {"status": 404, "code": "not_found", "message": "no article 'abc'", "detail": null}}

400 (a request the API understood but cannot answer: an ambiguous id prefix, a date range that ends
before it starts), 401/403 (ingest without the right token), 404, 405, 422 (a parameter of the wrong
form, with the offending fields in ``detail``) and 500 alike. A 500 never carries the traceback:
it is logged on the server.
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from dossier.errors import ConfigError, DossierError

log = logging.getLogger("dossier.api")

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 413: "too_large", 422: "invalid_parameter", 500: "internal_error"}


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    detail: Any = None


class ErrorBody(BaseModel):
    """The body of every failed request."""

    error: ErrorDetail


# The error responses every endpoint documents in the OpenAPI description (in place of FastAPI's
# own 422 shape, which this API never sends).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in ((400, "a request that cannot be answered (e.g. a bad search query)"),
                                (404, "no such article, entity or path"),
                                (422, "a parameter is missing or has the wrong form; detail lists them"),
                                (500, "an internal failure (logged on the server; no traceback here)"))}


class ApiError(Exception):
    def __init__(self, status: int, message: str, *, code: str | None = None, detail: Any = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.detail, self.headers = status, message, detail, headers
        self.code = code or CODES.get(status, "error")


def error_body(status: int, message: str, code: str | None = None, detail: Any = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code or CODES.get(status, "error"), "message": message,
                      "detail": detail}}


def _response(status: int, message: str, code: str | None = None, detail: Any = None,
              headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, code, detail), status_code=status, headers=headers)


def _validation_detail(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Only plain fields: the raw error may hold exception objects that JSON cannot carry.
    return [{"location": [str(part) for part in error.get("loc", ())], "message": str(error.get("msg", "")),
             "type": str(error.get("type", ""))} for error in exc.errors()]


def install_error_handlers(app: FastAPI, *, wants_html=lambda request: False, html_error=None) -> None:
    """Register the handlers; ``html_error(request, status, message)`` renders UI pages' errors."""

    def respond(request: Request, status: int, message: str, **extra: Any):
        if html_error is not None and wants_html(request):
            return html_error(request, status, message)
        return _response(status, message, **extra)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return respond(request, exc.status, exc.message, code=exc.code, detail=exc.detail, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
        return respond(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return respond(request, 422, "a request parameter is missing or has the wrong form",
                       detail=_validation_detail(exc))

    @app.exception_handler(DossierError)
    async def dossier_error(request: Request, exc: DossierError):
        if isinstance(exc, ConfigError):
            return respond(request, 400, exc.message, detail={"hint": exc.hint or None})
        log.error("store failure on %s: %s", request.url.path, exc)
        return respond(request, 500, "the database could not answer", code="store_error")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected failure on %s", request.url.path)
        return respond(request, 500, "internal server error")
