"""Periodic work, scheduled through RQ's scheduler (workers run with `with_scheduler=True`):
the wiki refresh re-enqueues itself every `WIKI_REFRESH_INTERVAL` seconds on the `enrich` queue."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import redis
import redis.asyncio as aioredis

from explainer.core.settings import Settings, get_settings
from explainer.ingest.enrich import refresh_expired_sources
from graph.stores import open_store
from jobs.queues import ENRICH, queue

log = logging.getLogger(__name__)

SCHEDULED_KEY = "maintenance:wiki-refresh:scheduled"


def schedule_wiki_refresh(settings: Settings, connection: redis.Redis) -> bool:
    """Schedules the next refresh unless one is already scheduled (one across all workers)."""
    interval = settings.wiki_refresh_interval_seconds
    if not connection.set(SCHEDULED_KEY, "1", nx=True, ex=interval):
        return False
    queue(ENRICH, connection).enqueue_in(timedelta(seconds=interval), refresh_wiki_sources,
                                         description="refresh expired wiki sources")
    return True


async def refresh_wiki_sources() -> dict[str, Any]:
    settings = get_settings()
    store = open_store(settings)
    async_redis = aioredis.Redis.from_url(settings.effective_redis_url)  # the shared per-host fetch interval
    try:
        refreshed = await refresh_expired_sources(settings, store, async_redis)
    finally:
        await store.close()
        await async_redis.aclose()
    connection = redis.Redis.from_url(settings.effective_redis_url)
    try:
        connection.delete(SCHEDULED_KEY)
        schedule_wiki_refresh(settings, connection)
    finally:
        connection.close()
    log.info("wiki sources refreshed", extra={"series": refreshed})
    return {"refreshed": refreshed}
