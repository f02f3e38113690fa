"""Hand curation of the graph (GraphQL mutations, admin tools): deleting a video with
everything derived from it, merging a duplicate entity into the one it duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import redis.asyncio as aioredis

from explainer.core.errors import VideoProcessing
from explainer.core.keys import generation_key, progress_key, subtitle_key
from explainer.core.settings import Settings
from explainer.ingest.queue import JobQueue
from explainer.ingest.registration import require_video
from explainer.ingest.scores import update_entity_scores
from explainer.ingest.turns import wait_until_free
from graph.repositories.entities import MergeResult, merge_entities, prune_series_entities, series_of_entity
from graph.repositories.videos import delete_series_if_empty, delete_video_graph
from graph.stores import GraphStore


async def delete_video(settings: Settings, store: GraphStore, async_redis: aioredis.Redis,
                       jobs: JobQueue, video_id: str) -> dict[str, Any]:
    """Removes the video, its segments, lines, references and questions; entities no longer
    mentioned anywhere go too, and the series when it has no video left. Returns the counts."""
    video = await require_video(store, video_id)
    # final: no job of the video writes after this (a running one stops at its next write)
    await jobs.retire(video_id)
    if not await wait_until_free(async_redis, video_id, timeout=settings.delete_wait_seconds):
        raise VideoProcessing(f"video {video_id} is stopping its ingestion job; delete it again in a moment",
                              retry_after=5)
    deleted = await delete_video_graph(store, video_id, video.series_id)
    deleted["entities"] = await prune_series_entities(store, video.series_id)
    deleted["series"] = await delete_series_if_empty(store, video.series_id)
    if not deleted["series"]:
        await update_entity_scores(settings, store, video.series_id)
    # the deleted mark stays on current_job_key: a retry of an old job finds it and stops
    await async_redis.delete(subtitle_key(video_id), progress_key(video_id))
    await async_redis.incr(generation_key(video_id))  # cached answers about it die
    return {"videoId": video_id, "seriesId": video.series_id, "deleted": deleted}


async def merge_duplicate_entities(settings: Settings, store: GraphStore, keep_id: str,
                                   duplicate_ids: Sequence[str]) -> MergeResult:
    result = await merge_entities(store, keep_id, duplicate_ids)
    series_id = await series_of_entity(store, keep_id)
    if series_id is not None:
        await update_entity_scores(settings, store, series_id)
    return result
