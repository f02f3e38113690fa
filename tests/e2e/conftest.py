from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator

import httpx
import pytest

from api.app import create_app
from explainer.core.settings import Settings
from tests.conftest import fresh_store, settings_env


@pytest.fixture
async def app_settings(settings: Settings, redis_client: object) -> Settings:
    store = await fresh_store(settings)
    await store.close()
    return settings


async def app_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The real app (lifespan included) over ASGI, against the stores `settings` name."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


@pytest.fixture
async def client(app_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The real app (lifespan included) over ASGI, against the embedded stores."""
    async for http in app_client(app_settings):
        yield http


def run_worker_burst(settings: Settings, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """A real RQ worker process that drains the queues and exits."""
    return subprocess.run([sys.executable, "-m", "cli.main", "worker", "--burst"], env=settings_env(settings),
                          capture_output=True, text=True, timeout=timeout, check=False)


INGEST = {"X-API-Key": "test-ingest"}
