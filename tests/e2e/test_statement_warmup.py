"""Explain's statements are run once at start-up (api/warmup.py), in the background of the
lifespan: every one of them, on every backend; a store that is down is logged, not fatal."""

from __future__ import annotations

import logging

import httpx
import pytest

from api.app import create_app
from api.warmup import explain_statements, warm_statements
from explainer.core.settings import Settings
from graph.catalog import statement_names
from tests.conftest import free_port, fresh_store

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
    down = app_settings.model_copy(update={"redis_url": f"redis://127.0.0.1:{free_port()}"})  # nobody listens
    caplog.set_level(logging.WARNING, logger="api.warmup")
    app = create_app(down)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
            health = await client.get("/health")
        assert health.status_code == 503 and health.json()["error"]["code"] == "GRAPH_UNAVAILABLE"
        assert await app.state.statement_warmup == []
        statements = explain_statements(app.state.explainer.store, down.embedding_dim)
    assert sum("could not warm the statement" in r.getMessage() for r in caplog.records) == len(statements)
