"""Request bodies are capped before anything parses them: a declared Content-Length over the cap
is answered at once, and a streamed body is counted as it arrives. A body must also arrive in
time: one that is not complete `timeout` seconds after its request head is answered 408 (a
client trickling bytes held a connection for as long as it liked). Pure ASGI, so it guards the
REST routes and the GraphQL router alike."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response


class BodyLimit:
    def __init__(self, app: ASGIApp, *, limit_for: Callable[[str], int], timeout: float = 60.0) -> None:
        self.app = app
        self.limit_for = limit_for
        self.timeout = timeout

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
        late = False
        started = False
        deadline = time.monotonic() + self.timeout
        complete = False

        async def counted() -> Message:
            nonlocal received, cut, late, complete
            if cut:
                return {"type": "http.disconnect"}
            if complete:  # the body is in: what follows is the app waiting for a disconnect
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                cut = late = True
                return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                complete = not message.get("more_body", False)
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
            if late:
                response = error_response("REQUEST_TIMEOUT",
                                          f"the request body did not arrive within {self.timeout:g} s")
                response.headers["Connection"] = "close"
                await response(scope, receive, send)
            else:
                await error_response("PAYLOAD_TOO_LARGE", _message(limit))(scope, receive, send)


def _message(limit: int) -> str:
    return f"request bodies are limited to {limit} bytes"
