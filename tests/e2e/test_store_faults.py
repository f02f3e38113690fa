"""Store faults and overload through the real app, on an embedded server of their own (so the
session's server is never restarted under other tests):
- after the store restarts, the very next request succeeds (stale pooled connections reconnect);
- a killed store answers 503 GRAPH_UNAVAILABLE with Retry-After, never a raw 500;
- a full graph pool answers 503 OVERLOADED with Retry-After after a brief wait."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from api.app import create_app
from explainer.core.errors import Overloaded
from explainer.core.runtime import ServerInfo, start_server, stop_server
from explainer.core.settings import Settings
from graph.stores import open_store
from graph.stores.falkor import FalkorStore
from tests.conftest import free_port, fresh_store, make_settings
from tests.e2e.conftest import app_client

pytestmark = pytest.mark.slow


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[ServerInfo]:
    info = start_server(tmp_path, free_port())
    yield info
    stop_server(tmp_path)


@pytest.fixture
async def own_settings(own_server: ServerInfo) -> Settings:
    settings = make_settings(own_server, graph_pool_size=4, graph_pool_wait_seconds=0.3)
    store = await fresh_store(settings)
    await store.close()
    return settings


@pytest.fixture
async def client(own_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async for http in app_client(own_settings):
        yield http


async def busy(client: httpx.AsyncClient, path: str = "/api/video/nobody-s01e01/status",
               n: int = 4) -> list[httpx.Response]:
    """n requests at once, so the app's pools hold n connections."""
    return list(await asyncio.gather(*(client.get(path) for _ in range(n))))


async def test_the_very_next_request_after_a_store_restart_succeeds(client: httpx.AsyncClient,
                                                                   own_server: ServerInfo) -> None:
    assert {r.status_code for r in await busy(client)} == {404}
    assert {r.status_code for r in await busy(client, "/health")} == {200}
    stop_server(own_server.data_dir)
    start_server(own_server.data_dir, own_server.port)

    health = await client.get("/health")
    assert health.status_code == 200, health.text
    dependencies = health.json()["data"]["dependencies"]
    assert (dependencies["graph"]["status"], dependencies["redis"]["status"]) == ("ok", "ok")
    # every pooled connection is stale now; each request reconnects on its own
    assert [r.json()["error"]["code"] for r in await busy(client)] == ["VIDEO_NOT_FOUND"] * 4


async def test_a_killed_store_gives_503_graph_unavailable_with_retry_after(client: httpx.AsyncClient,
                                                                          own_server: ServerInfo) -> None:
    assert (await client.get("/health")).status_code == 200
    os.kill(own_server.pid, signal.SIGKILL)

    for response in [await client.get("/api/video/nobody-s01e01/status"), await client.get("/health")]:
        assert response.status_code == 503, response.text
        assert response.json()["error"]["code"] == "GRAPH_UNAVAILABLE"
        assert int(response.headers["Retry-After"]) > 0

    start_server(own_server.data_dir, own_server.port)
    assert (await client.get("/api/video/nobody-s01e01/status")).status_code == 404  # the very next one


async def test_a_full_pool_waits_briefly_then_answers_overloaded(own_settings: Settings) -> None:
    store = open_store(own_settings)
    assert isinstance(store, FalkorStore)
    held = [await store._pool.get_connection() for _ in range(own_settings.graph_pool_size)]
    try:
        with pytest.raises(Overloaded) as raised:
            await store.read("ping")
        assert raised.value.retry_after >= 1
        waiting = asyncio.create_task(store.read("ping"))  # queues for a slot...
        await asyncio.sleep(0.05)
        await store._pool.release(held.pop())  # ...and gets the one freed meanwhile
        assert await waiting == [{"ok": 1}]
    finally:
        for connection in held:
            await store._pool.release(connection)
        await store.close()


async def test_overload_reaches_the_client_as_503_overloaded(client: httpx.AsyncClient,
                                                            own_settings: Settings) -> None:
    store = client._transport.app.state.explainer.store  # type: ignore[attr-defined]
    held = [await store._pool.get_connection() for _ in range(own_settings.graph_pool_size)]
    try:
        response = await client.get("/api/video/nobody-s01e01/status")
    finally:
        for connection in held:
            await store._pool.release(connection)
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "OVERLOADED"
    assert int(response.headers["Retry-After"]) >= 1
    assert (await client.get("/api/video/nobody-s01e01/status")).status_code == 404


async def test_an_outage_is_told_by_its_code_and_its_detail_only_to_the_log(
        client: httpx.AsyncClient, own_server: ServerInfo, caplog: pytest.LogCaptureFixture) -> None:
    """Connection errors name the store's address ("Error 111 connecting to 127.0.0.1:6402"):
    clients get the code and a generic message on every door, the log keeps the detail."""
    assert (await client.get("/health")).status_code == 200
    os.kill(own_server.pid, signal.SIGKILL)
    address = str(own_server.port)

    answers = [await client.get("/api/video/nobody-s01e01/status"), await client.get("/health"),
               await client.post("/api/explain", json={"videoId": "nobody-s01e01", "selectedText": "그때",
                                                       "timestamp": 1.0}),
               await client.post("/graphql", json={"query": '{ video(id: "nobody-s01e01") { id } }'}),
               await client.post("/graphql", json={"query": "{ seriesList { totalCount } }"})]
    for response in answers:
        text = response.text
        assert address not in text and "127.0.0.1" not in text and "Error 111" not in text, text
        assert "GRAPH_UNAVAILABLE" in text, text
    assert any(address in record.getMessage() for record in caplog.records), "the detail is logged"
    start_server(own_server.data_dir, own_server.port)


def test_a_progress_socket_outlives_an_outage_and_hides_its_detail(own_settings: Settings,
                                                                   own_server: ServerInfo) -> None:
    with TestClient(create_app(own_settings)) as http, http.websocket_connect("/ws") as ws:
        os.kill(own_server.pid, signal.SIGKILL)
        ws.send_json({"type": "subscribe", "videoId": "nobody-s01e01"})
        answer = ws.receive_json()
        assert answer["type"] == "error" and answer["error"]["code"] == "GRAPH_UNAVAILABLE", answer
        assert str(own_server.port) not in str(answer)
        ws.send_json({"type": "ping"})  # the socket stays open
        assert ws.receive_json() == {"type": "pong"}
        start_server(own_server.data_dir, own_server.port)
