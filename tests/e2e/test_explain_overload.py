"""Explain under overload: cache misses beyond EXPLAIN_MAX_CONCURRENT_MISSES wait briefly, then
get 503 OVERLOADED with Retry-After before doing any work; hits are never held back."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import redis

from explainer.core.settings import Settings
from seeds.loader import demo_facts
from tests.e2e.conftest import app_client

pytestmark = [pytest.mark.graph, pytest.mark.e2e, pytest.mark.slow]

CALLBACK = demo_facts()["callback"]


@pytest.fixture
async def client(demo_graph: Settings, redis_client: redis.Redis) -> AsyncIterator[httpx.AsyncClient]:
    settings = demo_graph.model_copy(update={"rate_limit_per_minute": 1000, "explain_max_concurrent_misses": 1,
                                             "graph_pool_wait_seconds": 0.2})
    async for http in app_client(settings):
        yield http


def question(timestamp: float) -> dict[str, object]:
    return {"videoId": CALLBACK["videoId"], "selectedText": CALLBACK["selectedText"], "timestamp": timestamp}


async def test_misses_beyond_the_limit_are_overloaded_and_hits_still_served(client: httpx.AsyncClient) -> None:
    cached = question(CALLBACK["timestamp"])
    assert (await client.post("/api/explain", json=cached)).status_code == 200  # now a hit
    service = client._transport.app.state.explainer_service  # type: ignore[attr-defined]
    await service._misses.acquire()  # the one miss slot is taken
    try:
        refused = await client.post("/api/explain", json=question(CALLBACK["timestamp"] - 30))
        hit = await client.post("/api/explain", json=cached)
    finally:
        service._misses.release()
    assert refused.status_code == 503
    assert refused.json()["error"]["code"] == "OVERLOADED"
    assert int(refused.headers["Retry-After"]) >= 1
    assert hit.status_code == 200 and hit.json()["data"]["cached"] is True
    again = await client.post("/api/explain", json=question(CALLBACK["timestamp"] - 30))
    assert again.status_code == 200 and again.json()["data"]["cached"] is False
