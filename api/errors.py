"""Domain errors → the API envelope. The only place that knows HTTP status codes."""

from __future__ import annotations

import logging

import redis
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from explainer.core import errors

log = logging.getLogger(__name__)

STATUS_BY_CODE: dict[str, int] = {
    "INVALID_REQUEST": 400, "INVALID_PLATFORM": 400, "INVALID_VIDEO_ID": 400,
    "UNAUTHORIZED": 401, "FORBIDDEN": 403, "VIDEO_NOT_FOUND": 404, "NOT_FOUND": 404,
    "VIDEO_PROCESSING": 409, "REQUEST_TIMEOUT": 408, "PAYLOAD_TOO_LARGE": 413, "UNSUPPORTED_SUBTITLE_FORMAT": 415,
    "RATE_LIMIT_EXCEEDED": 429, "INTERNAL_ERROR": 500, "GEMINI_API_ERROR": 502,
    "EXTERNAL_SERVICE_ERROR": 502, "GRAPH_UNAVAILABLE": 503, "OVERLOADED": 503, "METHOD_NOT_ALLOWED": 405,
}

# fields whose refusal has its own error code
_CODE_BY_FIELD = {"platform": "INVALID_PLATFORM", "videoId": "INVALID_VIDEO_ID", "video_id": "INVALID_VIDEO_ID"}
_VALUE_ERRORS = frozenset({"string_pattern_mismatch", "string_too_long", "string_too_short", "literal_error"})


def error_body(code: str, message: str, retry_after: int | None = None) -> dict[str, object]:
    error: dict[str, object] = {"code": code, "message": message}
    if retry_after is not None:
        error["retryAfter"] = retry_after
    return {"success": False, "error": error}


# what a client is told of an outage: the store's own words name its address ("Error 111
# connecting to 127.0.0.1:6402") and statements, which are for the log
STORE_UNAVAILABLE = "the store is unavailable; try again shortly"


def public_message(exc: errors.ExplainerError) -> str:
    """The message a client may read; a store outage's detail goes to the log instead."""
    if isinstance(exc, errors.GraphUnavailable):
        log.warning("graph unavailable: %s", exc.message)
        return STORE_UNAVAILABLE
    return exc.message


# every 503 tells the client when to come back, even when the error did not say
UNAVAILABLE_RETRY_AFTER_SECONDS = 5


def error_response(code: str, message: str, retry_after: int | None = None) -> JSONResponse:
    if retry_after is None and STATUS_BY_CODE.get(code) == 503:
        retry_after = UNAVAILABLE_RETRY_AFTER_SECONDS
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return JSONResponse(error_body(code, message, retry_after), status_code=STATUS_BY_CODE.get(code, 500),
                        headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(errors.ExplainerError)
    async def _domain(_: Request, exc: errors.ExplainerError) -> JSONResponse:
        retry_after = getattr(exc, "retry_after", None)
        if exc.code == "INTERNAL_ERROR" or isinstance(exc, errors.BadQuery):
            log.error("internal error", exc_info=exc)
            return error_response("INTERNAL_ERROR", "internal error")
        return error_response(exc.code, public_message(exc), int(retry_after) if retry_after is not None else None)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "path", "query")]
        where = ".".join(loc)
        message = f"{where}: {first.get('msg', 'invalid request')}" if where else str(first.get("msg"))
        code = "INVALID_REQUEST"
        if loc and first.get("type") in _VALUE_ERRORS:  # a value of the right type that is not allowed
            code = _CODE_BY_FIELD.get(loc[-1], code)
        return error_response(code, message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 413: "PAYLOAD_TOO_LARGE"}.get(
            exc.status_code, "INVALID_REQUEST")
        response = error_response(code, str(exc.detail))
        response.status_code = exc.status_code
        return response

    @app.exception_handler(redis.ConnectionError)
    @app.exception_handler(redis.TimeoutError)
    async def _store_down(_: Request, exc: redis.RedisError) -> JSONResponse:
        # the Redis behind cache, queue and progress is down or dropped the connection
        log.warning("redis unavailable: %s", exc)
        return error_response("GRAPH_UNAVAILABLE", STORE_UNAVAILABLE)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, ClientDisconnect):  # the client went (or its body was cut at the cap)
            return error_response("INVALID_REQUEST", "the client disconnected")
        log.error("unhandled error", exc_info=exc)
        return error_response("INTERNAL_ERROR", "internal error")
