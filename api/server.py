"""How uvicorn serves the app: options that belong to the API's security, kept with it."""

from __future__ import annotations

from typing import Any

from explainer.core.settings import Settings


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    return {
        "host": settings.api_host, "port": settings.api_port, "log_config": None,
        # forwarded headers are read by the app, only from TRUSTED_PROXIES (api/clients.py); uvicorn
        # would otherwise trust them from loopback and rewrite the client address itself
        "proxy_headers": False,
        # a WebSocket frame above this closes the socket (1009) before it is buffered
        "ws_max_size": settings.ws_max_frame_bytes,
    }
