"""`/health` counts workers by their heartbeats: a SIGKILLed worker stops counting at once (its pid
is gone on this host), a worker elsewhere stops counting once its heartbeat is stale."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import redis
from rq import Worker
from rq.utils import utcformat

from api.routers.health import worker_liveness
from explainer.core.settings import Settings
from jobs.queues import ALL_QUEUES
from tests.conftest import settings_env

pytestmark = pytest.mark.slow


async def wait_for_workers(client: httpx.AsyncClient, count: int, timeout: float = 60) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    workers: dict[str, object] = {}
    while time.monotonic() < deadline:
        workers = (await client.get("/health")).json()["data"]["dependencies"]["workers"]
        if workers.get("count") == count:
            return workers
        time.sleep(0.2)
    raise AssertionError(f"workers never reached {count}: {workers}")


async def test_a_sigkilled_worker_is_reported_not_ok(client: httpx.AsyncClient, app_settings: Settings) -> None:
    worker = subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], env=settings_env(app_settings),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert (await wait_for_workers(client, 1))["status"] == "ok"
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)

    response = await client.get("/health")
    body = response.json()
    workers = body["data"]["dependencies"]["workers"]
    assert response.status_code == 200  # the API still answers: workers are not a core dependency
    assert body["data"]["status"] == "degraded"
    assert workers["status"] == "down" and "1 registered without a heartbeat" in workers["error"]


def test_a_worker_elsewhere_counts_while_its_heartbeat_is_fresh(settings: Settings,
                                                               redis_client: redis.Redis) -> None:
    worker = Worker(list(ALL_QUEUES), connection=redis_client, name="remote-worker")
    worker.register_birth()
    redis_client.hset(worker.key, mapping={"hostname": "another-host", "pid": "1"})
    assert worker_liveness(redis_client, settings.worker_ttl_seconds) == {"count": 1, "dead": 0}

    stale = datetime.now(UTC) - timedelta(seconds=settings.worker_ttl_seconds + 5)
    redis_client.hset(worker.key, "last_heartbeat", utcformat(stale))
    assert worker_liveness(redis_client, settings.worker_ttl_seconds) == {"count": 0, "dead": 1}
