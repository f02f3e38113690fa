"""How uvicorn serves the app: options that belong to the API's security, kept with it.

Read timeouts: uvicorn closes an idle keep-alive connection (`timeout_keep_alive`) but gives a
connection all the time it likes to send a request head, so 50 connections sending headers a
byte at a time were held for minutes (slowloris). `HeadDeadlineProtocol` closes a connection
whose request line and headers are not complete `API_HEADER_TIMEOUT_SECONDS` after it opened
or after its previous response; bodies have their own deadline (api/bodylimit.py). Behind a
reverse proxy the proxy's own limits come first (README, Production).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from explainer.core.settings import Settings, get_settings

log = logging.getLogger(__name__)

# set by uvicorn_options in this process; API worker processes uvicorn spawns read their settings
_head_timeout: float | None = None


class HeadDeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline for each request head."""

    _head_deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        timeout = _head_timeout if _head_timeout is not None else get_settings().api_header_timeout_seconds
        self._head_deadline = self.loop.call_later(timeout, self._head_too_slow)

    def _disarm(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_too_slow(self) -> None:
        self._head_deadline = None
        if not self.transport.is_closing():
            log.info("closed a connection whose request head did not arrive in time")
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()  # each request of a kept-alive connection has the same deadline

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    global _head_timeout
    _head_timeout = settings.api_header_timeout_seconds
    return {
        "host": settings.api_host, "port": settings.api_port, "log_config": None,
        # forwarded headers are read by the app, only from TRUSTED_PROXIES (api/clients.py); uvicorn
        # would otherwise trust them from loopback and rewrite the client address itself
        "proxy_headers": False,
        # a WebSocket frame above this closes the socket (1009) before it is buffered
        "ws_max_size": settings.ws_max_frame_bytes,
        "http": HeadDeadlineProtocol,
        # an idle kept-alive connection is closed after this (uvicorn's default, said explicitly)
        "timeout_keep_alive": 5,
        # a worker process that does not answer uvicorn's health check this long is restarted:
        # on a busy 2-core machine a process starting up can take more than uvicorn's 5 s
        "timeout_worker_healthcheck": 60,
    }
