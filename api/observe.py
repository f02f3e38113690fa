"""Every HTTP request gets a request id (the caller's X-Request-ID or a new one: in the logs of
the request, echoed in the answer) and is counted and timed in the Prometheus metrics by route
template. Pure ASGI: a `BaseHTTPMiddleware` ran each request in a task of its own behind memory
streams, the costliest part of a cached explain in a profile."""

from __future__ import annotations

import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from explainer.core.logs import request_id_var
from explainer.core.metrics import HTTP_LATENCY, HTTP_REQUESTS

_REQUEST_ID = b"x-request-id"


class Observe:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((value for name, value in scope["headers"] if name == _REQUEST_ID), b"")
        request_id = given.decode("latin-1") or uuid.uuid4().hex[:16]
        echoed = (_REQUEST_ID, request_id.encode("latin-1"))
        status = 500  # what an exception becomes (the outermost error handler answers it)

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [h for h in message.get("headers", ()) if h[0].lower() != _REQUEST_ID]
                message["headers"] = [*headers, echoed]
            await send(message)

        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            _count(scope, status, started)
            raise
        else:
            _count(scope, status, started)
        finally:
            request_id_var.reset(token)


def _count(scope: Scope, status: int, started: float) -> None:
    # the router put the matched route into the scope on the way in
    path = getattr(scope.get("route"), "path", "unmatched")
    HTTP_REQUESTS.labels(scope["method"], path, str(status)).inc()
    HTTP_LATENCY.labels(scope["method"], path).observe(time.perf_counter() - started)
