"""The CORS allow-list (CORS_ORIGINS, `*` matching one host label such as an extension id), used
by the CORS middleware and by the WebSocket handshakes; a refused preflight answers in the
envelope like every other error."""

from __future__ import annotations

import re

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp
from starlette.websockets import WebSocket

from api.errors import error_response


class OriginPolicy:
    def __init__(self, origins: list[str]) -> None:
        self.exact = [o for o in origins if "*" not in o]
        self.pattern = "|".join(re.escape(o).replace(r"\*", "[^/]+") for o in origins if "*" in o) or None

    def allows(self, origin: str) -> bool:
        return origin in self.exact or (self.pattern is not None and re.fullmatch(self.pattern, origin) is not None)


def websocket_origin_allowed(websocket: WebSocket) -> bool:
    """The handshake rule of every WebSocket (`/ws`, `/graphql`): a browser always sends Origin,
    and only pages of the allow-list may open a socket; a client that sends none is no browser
    and carries no ambient credentials, so it is not a cross-site risk. The service's own pages
    (the web player, the explorer) are same-origin: their Origin names the host they were served by."""
    origin = websocket.headers.get("origin")
    policy: OriginPolicy = websocket.app.state.origin_policy
    return origin is None or policy.allows(origin) or _same_origin(origin, websocket)


def _same_origin(origin: str, websocket: WebSocket) -> bool:
    host = websocket.headers.get("host")
    scheme = "https" if websocket.url.scheme == "wss" else "http"
    return host is not None and origin == f"{scheme}://{host}"


class EnvelopeCORSMiddleware(CORSMiddleware):
    def __init__(self, app: ASGIApp, *, policy: OriginPolicy) -> None:
        super().__init__(app, allow_origins=policy.exact, allow_origin_regex=policy.pattern,
                         allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
                         allow_headers=["Content-Type", "X-API-Key", "X-Request-ID"],
                         expose_headers=["Retry-After", "X-Request-ID"], max_age=600)

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        refused = error_response("INVALID_REQUEST", bytes(response.body).decode())
        for name, value in response.headers.items():
            if name.lower() not in ("content-type", "content-length"):
                refused.headers[name] = value
        return refused
