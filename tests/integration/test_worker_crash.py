"""A worker SIGKILLed in the middle of a job does not lose the video: the next worker picks the
job up again and the graph ends up exactly as after a clean run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import redis

from cli.local_ingest import demo_items, ingest_files
from explainer.core.keys import progress_key
from explainer.core.settings import Settings
from explainer.ingest import registration as ingest
from jobs.queues import RqJobQueue
from seeds.loader import demo_episodes
from tests.conftest import fresh_store, graph_counts, settings_env

pytestmark = [pytest.mark.graph, pytest.mark.slow]


async def test_sigkilled_worker_job_is_retried_to_the_same_graph(settings: Settings, redis_client: redis.Redis) -> None:
    ep = demo_episodes()[0]
    store = await fresh_store(settings)
    import redis.asyncio as aioredis

    async_redis = aioredis.Redis.from_url(settings.effective_redis_url)
    reg = ingest.make_registration(platform="local", video_id=ep.video_id, title=ep.title,
                                   series_title=ep.series_title, series_id=ep.series_id, season=1, episode=1,
                                   duration=ep.duration, language="ko")
    await ingest.register(settings, store, RqJobQueue(settings, redis_client), reg)
    await ingest.submit_file(settings, store, async_redis, RqJobQueue(settings, redis_client), ep.video_id, ep.read(),
                             filename=ep.file, content_type=None)

    worker = subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], env=settings_env(settings),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        progress = 0
        while time.monotonic() < deadline:
            progress = int(float(redis_client.hget(progress_key(ep.video_id), "progress") or 0))
            if progress >= 15:
                break
            time.sleep(0.02)
        assert 15 <= progress < 100, f"job never got going (progress {progress})"
    finally:
        os.killpg(worker.pid, signal.SIGKILL)  # the worker and its work horse, mid-job
        worker.wait(10)
    killed_at = (await store.read("get_video", id=ep.video_id))[0]
    assert killed_at["status"] == "processing"

    recovery = subprocess.run([sys.executable, "-m", "cli.main", "worker", "--burst"],
                              env=settings_env(settings), capture_output=True, text=True, timeout=180, check=False)
    assert recovery.returncode == 0, recovery.stderr[-2000:]
    video = (await store.read("get_video", id=ep.video_id))[0]
    assert video["status"] == "ready", video
    recovered = await graph_counts(store)
    await store.close()
    await async_redis.aclose()

    clean_settings = settings.model_copy(update={"graph_name": "explainer_clean_run"})
    clean = await fresh_store(clean_settings)
    await ingest_files(clean_settings, demo_items()[:1])
    assert await graph_counts(clean) == recovered
    await clean.drop_all()
    await clean.close()
