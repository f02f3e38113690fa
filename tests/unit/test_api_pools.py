"""The API's Redis pool per process: 1,024 connections shared out over the API processes (each
request in flight holds one per round trip; at 64 per process, tasks queueing for a connection
halved cache hits at 1,000 connections), at least 64, or exactly what is configured."""

from __future__ import annotations

import pytest

from explainer.core.settings import Settings


@pytest.mark.parametrize(("workers", "configured", "pool"), [
    (1, 0, 1024), (2, 0, 512), (8, 0, 128), (32, 0, 64), (2, 40, 40),
])
def test_redis_pool_per_api_process(workers: int, configured: int, pool: int) -> None:
    settings = Settings(_env_file=None, api_workers=workers, api_redis_max_connections=configured)  # type: ignore[call-arg]
    assert settings.effective_api_redis_max_connections == pool
