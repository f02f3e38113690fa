"""RQ job functions. RQ's default worker forks per job and runs a coroutine on a fresh event
loop, so every client (graph store, Redis, LLM provider) is opened here, inside the job."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import redis.asyncio as aioredis
from rq import get_current_job

from explainer.core.errors import ExplainerError
from explainer.core.logs import request_id_var
from explainer.core.settings import get_settings
from explainer.ingest.pipeline import Pipeline, deliver_callback, not_retryable, record_failure
from explainer.ingest.turns import JobSuperseded, VideoTurn
from explainer.llm import build_provider
from graph.stores import GraphStore, open_store
from graph.stores.guarded import GuardedStore

log = logging.getLogger(__name__)


def _superseded(video_id: str, exc: JobSuperseded) -> dict[str, Any]:
    log.info("ingestion job stopped: %s", exc.message, extra={"videoId": video_id})
    return {"videoId": video_id, "status": "superseded", "reason": exc.message}


async def process_video(video_id: str, source: dict[str, Any], request_id: str | None = None) -> dict[str, Any]:
    """The ingestion job of one video: the pipeline, its failure recorded on the Video (final
    when no retry is left or none could help), the callback when it is done. It runs only as
    the video's latest job and in the video's turn (explainer.ingest.turns): every graph write
    checks that first, so a superseded or deleted video's job stops at its next write."""
    request_id_var.set(request_id)
    settings = get_settings()
    job = get_current_job()
    redis = aioredis.Redis.from_url(settings.effective_redis_url)
    turn = VideoTurn(job.connection, redis, video_id, job.id) if job is not None else None
    store: GraphStore = open_store(settings)
    provider = build_provider(settings)
    try:
        if turn is not None:
            try:
                await turn.take(timeout=settings.job_timeout_seconds)
            except JobSuperseded as exc:
                return _superseded(video_id, exc)
            store = GuardedStore(store, turn.check)
        try:
            result = await Pipeline(settings, store, redis, provider).run(video_id, source)
        except JobSuperseded as exc:
            return _superseded(video_id, exc)
        except ExplainerError as exc:
            hopeless = not_retryable(exc)
            final = hopeless or not (job and job.retries_left)
            with contextlib.suppress(JobSuperseded):
                await record_failure(store, redis, video_id, exc.code, exc.message, final=final)
            if hopeless:
                return {"videoId": video_id, "status": "error", "error": {"code": exc.code, "message": exc.message}}
            raise
        except Exception as exc:
            final = not (job and job.retries_left)
            with contextlib.suppress(JobSuperseded):
                await record_failure(store, redis, video_id, "INTERNAL_ERROR", f"{type(exc).__name__}: {exc}",
                                     final=final)
            raise
        log.info("video ingested", extra=result.as_dict())
        await deliver_callback(settings, store, video_id, result.as_dict())
        return result.as_dict()
    finally:
        if turn is not None:
            await turn.give_back()
        await provider.aclose()
        await store.close()
        await redis.aclose()
