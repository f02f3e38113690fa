"""Request bodies are capped before anything parses them: a declared Content-Length over the cap
is answered at once, and a streamed body is counted as it arrives. Pure ASGI, so it guards the
REST routes and the GraphQL router alike."""

from __future__ import annotations

from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response


class BodyLimit:
    def __init__(self, app: ASGIApp, *, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await error_response("PAYLOAD_TOO_LARGE", _message(limit))(scope, receive, send)
            return
        received = 0
        cut = False
        started = False

        async def counted() -> Message:
            nonlocal received, cut
            if cut:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # the app sees a client that went away; the 413 below is the answer
                    cut = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if cut and not started:
                return  # whatever the app makes of a cut body is not sent
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not cut:
                raise
        if cut and not started:
            await error_response("PAYLOAD_TOO_LARGE", _message(limit))(scope, receive, send)


def _message(limit: int) -> str:
    return f"request bodies are limited to {limit} bytes"
