"""A callback delivery that fails after registration accepted its URL is recorded on the Video
and shown by `GET /api/video/{id}/status` (issue 12, item 6, second half)."""

from __future__ import annotations

import socket
from typing import Any

import httpx
import pytest

from explainer.core.settings import Settings
from explainer.ingest.pipeline import deliver_callback
from graph.stores import open_store
from tests.e2e.conftest import INGEST, app_client
from tests.support.http_fixture_server import FixtureServer, json_route, serve_fixtures

pytestmark = [pytest.mark.e2e]

PAYLOAD = {"videoId": "cb-video", "status": "ready", "cues": 3}


def closed_port() -> int:
    """A port that was free a moment ago; nothing listens on it afterwards."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _register(client: httpx.AsyncClient, video_id: str, callback_url: str) -> None:
    body = {"platform": "local", "videoId": video_id, "title": "x", "seriesTitle": "Callbacks",
            "callbackUrl": callback_url}
    answer = await client.post("/api/video/register", json=body, headers=INGEST)
    assert answer.status_code == 200, answer.text


async def _deliver(settings: Settings, video_id: str) -> None:
    store = open_store(settings)
    try:
        await deliver_callback(settings, store, video_id, {**PAYLOAD, "videoId": video_id})
    finally:
        await store.close()


async def _callback_status(client: httpx.AsyncClient, video_id: str) -> dict[str, Any] | None:
    answer = await client.get(f"/api/video/{video_id}/status")
    assert answer.status_code == 200, answer.text
    callback: dict[str, Any] | None = answer.json()["data"]["callback"]
    return callback


async def test_failed_callback_deliveries_are_recorded_on_the_video_status(app_settings: Settings) -> None:
    port = closed_port()
    with serve_fixtures() as server:
        server.add("/hooks/ok", json_route({"ok": True}))
        server.add("/hooks/broken", json_route({"error": "boom"}, status=500))
        # registration vets the URLs with these hosts allowed; deliveries below run with or without
        allowed = app_settings.model_copy(update={"fetch_allow_hosts": f"{server.netloc},127.0.0.1:{port}"})
        async for client in app_client(allowed):
            await _register(client, "cb-none", server.url("/hooks/ok"))
            assert await _callback_status(client, "cb-none") is None  # nothing delivered yet
            await _failures(client, allowed, server, port)


async def _failures(client: httpx.AsyncClient, allowed: Settings, server: FixtureServer, port: int) -> None:
    # the address is refused at delivery (the name now resolves to a private address: here the
    # allow-list that let registration pass is gone); nothing is sent
    await _register(client, "cb-refused", server.url("/hooks/ok"))
    await _deliver(allowed.model_copy(update={"fetch_allow_hosts": ""}), "cb-refused")
    refused = await _callback_status(client, "cb-refused")
    assert refused is not None and refused["status"] == "failed" and "non-public" in refused["error"]
    assert refused["at"] and refused["httpStatus"] is None
    assert server.requests_to("/hooks/ok") == []

    # a non-2xx answer
    await _register(client, "cb-500", server.url("/hooks/broken"))
    await _deliver(allowed, "cb-500")
    broken = await _callback_status(client, "cb-500")
    assert broken is not None and broken["status"] == "failed" and broken["httpStatus"] == 500
    assert "500" in broken["error"]
    assert len(server.requests_to("/hooks/broken")) == 1

    # a connection error: nothing listens there
    await _register(client, "cb-closed", f"http://127.0.0.1:{port}/hook")
    await _deliver(allowed, "cb-closed")
    closed = await _callback_status(client, "cb-closed")
    assert closed is not None and closed["status"] == "failed" and "failed" in closed["error"]

    # a later delivery that succeeds replaces the failure
    await _register(client, "cb-500", server.url("/hooks/ok"))
    await _deliver(allowed, "cb-500")
    delivered = await _callback_status(client, "cb-500")
    assert delivered is not None and delivered["status"] == "delivered" and delivered["httpStatus"] == 200
    assert delivered["error"] is None
