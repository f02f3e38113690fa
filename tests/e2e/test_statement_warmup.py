"""Explain's statements are run once at start-up (api/warmup.py), in the background of the
lifespan: every one of them, on every backend; a store that is down is logged, not fatal."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
import redis

from api.app import create_app
from api.warmup import (
    explain_statement_names,
    explain_statements,
    neutral_values,
    statement_parameters,
    warm_statements,
)
from explainer.core.keys import generation_key
from explainer.core.settings import Settings
from graph.catalog import BACKENDS, load_statement, statement_names
from graph.stores import Row
from seeds.loader import demo_facts
from tests.conftest import fresh_store, graph_down
from tests.support.counting_store import CountingStore

pytestmark = pytest.mark.e2e


async def test_every_explain_statement_runs_once(settings: Settings) -> None:
    store = await fresh_store(settings)
    try:
        named = list(explain_statements(store, settings.embedding_dim))
        assert {n for n in statement_names() if n.startswith("explain_")} <= set(named)  # a new one is warmed too
        assert await warm_statements(store, settings.embedding_dim) == named
    finally:
        await store.close()


async def test_the_app_warms_them_in_the_background(app_settings: Settings) -> None:
    app = create_app(app_settings)
    async with app.router.lifespan_context(app):
        warmup = app.state.statement_warmup
        assert await warmup == list(explain_statements(app.state.explainer.store, app_settings.embedding_dim))


async def test_a_store_that_is_down_does_not_stop_the_api(app_settings: Settings,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    down = graph_down(app_settings)  # this backend's graph at a port nobody listens on
    caplog.set_level(logging.WARNING, logger="api.warmup")
    app = create_app(down)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
            health = await client.get("/health")
        assert health.status_code == 503 and health.json()["error"]["code"] == "GRAPH_UNAVAILABLE"
        assert await app.state.statement_warmup == []
    # the first statement found the graph down: the warm-up said so once and stopped knocking
    messages = [r.getMessage() for r in caplog.records]
    assert sum("the graph is unavailable" in m for m in messages) == 1
    assert not any("could not warm the statement" in m for m in messages)


class ReadLog(CountingStore):
    """Counts the reads only (the Question log written after an answer is no statement to warm)."""

    async def write(self, name: str, **params: Any) -> list[Row]:
        return await self.inner.write(name, **params)


async def test_every_read_of_an_explain_miss_is_warmed(demo_graph: Settings) -> None:
    settings = demo_graph.model_copy(update={"rate_limit_per_minute": 1000})
    facts = demo_facts()
    questions = [{k: fact[k] for k in ("videoId", "selectedText", "timestamp")}
                 for fact in (facts["callback"], facts["spoiler"], facts["englishCallback"])]
    with redis.Redis.from_url(settings.effective_redis_url) as client:  # answers cached before: misses now
        for question in questions:
            client.incr(generation_key(question["videoId"]))
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        warmed = await app.state.statement_warmup
        reads = ReadLog(app.state.explainer.store)
        app.state.explainer.store = reads  # the explain service is built on the first question
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
            for question in questions:
                response = await client.post("/api/explain", json=question)
                assert response.status_code == 200 and response.json()["data"]["cached"] is False
    assert len(reads.calls) > 3
    assert set(reads.calls) <= set(warmed), f"explain reads that are not warmed: {set(reads.calls) - set(warmed)}"


def test_every_parameter_of_either_backend_has_a_neutral_value() -> None:
    assert statement_parameters("// $comment\nMATCH (v:Video {id: $videoId}) WHERE v.x < $until RETURN $videoId") \
        == ["videoId", "until"]
    named = {p for backend in BACKENDS for name in explain_statement_names(backend)
             for p in statement_parameters(load_statement(name, backend))}
    assert named <= set(neutral_values(4)), f"no neutral value for {named - set(neutral_values(4))}"
