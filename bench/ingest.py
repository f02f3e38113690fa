"""Ingestion benchmark: wall time per episode, cues/s and the worker's peak RSS, with the
offline provider, for the demo series and a synthetic 60-minute episode (~900 cues).

Runs its own embedded server in a temporary directory and a real RQ worker process
(`explainer worker --burst`), and stops both at the end.

    python bench/ingest.py
"""

from __future__ import annotations

import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis
import redis.asyncio as aioredis
from rq.job import Job

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import synthetic_episode  # noqa: E402
from explainer.core.runtime import start_server, stop_server  # noqa: E402
from explainer.core.settings import Settings  # noqa: E402
from explainer.ingest import registration as ingest  # noqa: E402
from graph.schema import ensure_schema  # noqa: E402
from graph.stores import open_store  # noqa: E402
from jobs.queues import RqJobQueue  # noqa: E402
from seeds.loader import demo_episodes  # noqa: E402


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def enqueue_all(settings: Settings) -> list[tuple[str, str, int]]:
    store = open_store(settings)
    async_redis = aioredis.Redis.from_url(settings.effective_redis_url)
    sync_redis = redis.Redis.from_url(settings.effective_redis_url)
    queue = RqJobQueue(settings, sync_redis)
    await ensure_schema(store, settings.embedding_dim)
    items = [(ep.video_id, ep.series_id, ep.series_title, ep.season, ep.episode, ep.read(), ep.file, ep.language)
             for ep in demo_episodes()]
    items.append(("synthetic-60min", "synthetic", "합성 드라마", 1, 1, synthetic_episode(7), "synthetic.srt", "ko"))
    jobs: list[tuple[str, str, int]] = []
    previous: dict[str, str] = {}
    for video_id, series_id, series_title, season, episode, data, filename, language in items:
        reg = ingest.make_registration(platform="local", video_id=video_id, title=video_id, series_id=series_id,
                                       series_title=series_title, season=season, episode=episode,
                                       language=language)
        await ingest.register(settings, store, queue, reg)
        answer = await ingest.submit_file(settings, store, async_redis, queue, video_id, data,
                                          filename=filename, content_type=None, depends_on=previous.get(series_id))
        previous[series_id] = answer.job_id
        jobs.append((video_id, answer.job_id, answer.file.cues if answer.file else 0))
    await store.close()
    await async_redis.aclose()
    sync_redis.close()
    return jobs


def main() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    port = free_port()
    info = start_server(data_dir, port)
    settings = Settings(_env_file=None, redis_url=info.url, data_dir=data_dir, embedded_port=port,  # type: ignore[call-arg]
                        llm_provider="offline", enrich_enabled=False, graph_name="bench_ingest")
    env = {**os.environ, "REDIS_URL": info.url, "DATA_DIR": str(data_dir), "EMBEDDED_PORT": str(port),
           "LLM_PROVIDER": "offline", "ENRICH_ENABLED": "false", "GRAPH_NAME": "bench_ingest",
           "LOG_LEVEL": "WARNING"}
    try:
        jobs = asyncio.run(enqueue_all(settings))
        started = time.perf_counter()
        worker = subprocess.run([sys.executable, "-m", "cli.main", "worker", "--burst"], env=env,
                                capture_output=True, text=True, check=False)
        wall = time.perf_counter() - started
        if worker.returncode != 0:
            print(worker.stderr[-3000:])
            raise SystemExit("worker failed")
        peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        connection = redis.Redis.from_url(info.url)
        print(f"{'episode':<28} {'cues':>5} {'seconds':>8} {'cues/s':>8}  slowest stage")
        for video_id, job_id, cues in jobs:
            result = Job.fetch(job_id, connection=connection).return_value() or {}
            seconds = float(result.get("seconds", float("nan")))
            stages = result.get("stages", {})
            slowest = max(stages.items(), key=lambda kv: kv[1]) if stages else ("-", 0.0)
            print(f"{video_id:<28} {cues:>5} {seconds:>8.2f} {cues / seconds:>8.0f}  {slowest[0]} {slowest[1]:.2f}s")
        connection.close()
        total_cues = sum(c for _, _, c in jobs)
        print(f"worker wall time {wall:.2f} s for {len(jobs)} episodes ({total_cues} cues, "
              f"{total_cues / wall:.0f} cues/s including worker start-up)")
        print(f"worker peak RSS {peak_rss_mb:.0f} MB")
    finally:
        stop_server(data_dir)


if __name__ == "__main__":
    main()
