"""Ingest local files in this process (no worker), with a progress bar on the terminal."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from pathlib import Path
from typing import Any

import redis
import redis.asyncio as aioredis

from explainer.core.keys import progress_key, subtitle_key
from explainer.core.settings import Settings
from explainer.ingest import registration as ingest
from explainer.ingest.pipeline import run_in_process
from explainer.ingest.registration import series_id_from
from explainer.subtitles import parse_subtitles
from graph.schema import ensure_schema
from graph.stores import open_store
from jobs.queues import RqJobQueue
from seeds.loader import demo_episodes


def _bar(label: str, progress: int, step: str, width: int = 30) -> str:
    filled = int(width * progress / 100)
    return f"\r{label[:28]:<28} [{'#' * filled}{'.' * (width - filled)}] {progress:3d}% {step:<10}"


async def _watch(async_redis: aioredis.Redis, video_id: str, label: str, done: asyncio.Event) -> None:

    while not done.is_set():
        raw = await async_redis.hgetall(progress_key(video_id))
        if raw:
            live = {(k.decode() if isinstance(k, bytes) else k): (v.decode() if isinstance(v, bytes) else v)
                    for k, v in raw.items()}
            sys.stderr.write(_bar(label, int(float(live.get("progress", 0))), live.get("step", "")))
            sys.stderr.flush()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), 0.1)


async def ingest_files(settings: Settings, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each item: registration fields + `data` (bytes) + `filename`. Runs them in order."""

    store = open_store(settings)
    async_redis = aioredis.Redis.from_url(settings.effective_redis_url)
    sync_redis = redis.Redis.from_url(settings.effective_redis_url)
    results = []
    try:
        await ensure_schema(store, settings.embedding_dim)
        for item in items:
            reg = ingest.make_registration(**item["registration"])
            await ingest.register(settings, store, RqJobQueue(settings, sync_redis), reg)
            parse_subtitles(item["data"], filename=item["filename"])  # fail fast on a bad file
            await async_redis.set(subtitle_key(reg.video_id), item["data"])
            done = asyncio.Event()
            watcher = asyncio.create_task(_watch(async_redis, reg.video_id, reg.title, done))
            try:
                result = await run_in_process(settings, reg.video_id, {"kind": "upload",
                                                                        "filename": item["filename"]})
            finally:
                done.set()
                await watcher
            sys.stderr.write(_bar(reg.title, 100, "done") + f" {result.seconds:.1f}s\n")
            results.append(result.as_dict())
    finally:
        await store.close()
        await async_redis.aclose()
        sync_redis.close()
    return results


def file_item(path: Path, *, series: str, episode: int, season: int, title: str | None,
              video_id: str | None, language: str | None) -> dict[str, Any]:
    vid = video_id or f"{series_id_from(series)}-s{season:02d}e{episode:02d}"
    return {"registration": {"platform": "local", "video_id": vid, "title": title or f"{series} {episode}",
                             "series_title": series, "season": season, "episode": episode,
                             "language": language},
            "data": path.read_bytes(), "filename": path.name}


def demo_items() -> list[dict[str, Any]]:
    return [{"registration": {"platform": ep.platform, "video_id": ep.video_id, "title": ep.title,
                              "series_title": ep.series_title, "series_id": ep.series_id, "season": ep.season,
                              "episode": ep.episode, "duration": ep.duration, "language": ep.language},
             "data": ep.read(), "filename": ep.file} for ep in demo_episodes()]
