"""The explain cache: Redis, keyed by (video, normalised text, 10-second bucket).

The video's generation (`explain:gen:{videoId}`, bumped by every ingestion) is stored with the
answer, and the hit path reads both with one MGET: an answer from before a re-ingestion is a
miss, without a key scan to delete old answers.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

import redis.asyncio as aioredis
import redis.exceptions as redis_errors

log = logging.getLogger(__name__)

BUCKET_SECONDS = 10


def generation_key(video_id: str) -> str:
    # the same key as jobs.pipeline.explain_generation_key (the writer); domain code reads it here
    return f"explain:gen:{video_id}"


def bucket_of(timestamp: float) -> int:
    return int(timestamp // BUCKET_SECONDS)


def cache_key(video_id: str, normalised_text: str, bucket: int) -> str:
    digest = hashlib.sha1(normalised_text.encode("utf-8")).hexdigest()[:20]
    return f"explain:answer:{video_id}:{bucket}:{digest}"


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    generation: int
    duration: float | None
    data: dict[str, Any]


def _generation(raw: object) -> int:
    if raw is None:
        return 0
    text = raw.decode() if isinstance(raw, bytes) else str(raw)
    return int(text) if text.lstrip("-").isdigit() else 0


async def lookup(redis: aioredis.Redis, video_id: str, key: str) -> tuple[int, CachedAnswer | None]:
    """(current generation, the cached answer if it is of that generation). Redis trouble is a
    miss: the cache must never take explain down with it."""
    try:
        generation_raw, cached_raw = await redis.mget(generation_key(video_id), key)
    except (redis_errors.RedisError, OSError):
        log.warning("explain cache unavailable", exc_info=True)
        return -1, None
    generation = _generation(generation_raw)
    if cached_raw is None:
        return generation, None
    try:
        cached = json.loads(cached_raw)
        answer = CachedAnswer(int(cached["generation"]), cached.get("duration"), dict(cached["data"]))
    except (ValueError, KeyError, TypeError):
        return generation, None
    return generation, answer if answer.generation == generation else None


async def store(redis: aioredis.Redis, key: str, answer: CachedAnswer, ttl_seconds: int) -> None:
    if answer.generation < 0:
        return  # the lookup failed: the generation is unknown
    payload = json.dumps({"generation": answer.generation, "duration": answer.duration, "data": answer.data},
                         ensure_ascii=False)
    try:
        await redis.set(key, payload, ex=ttl_seconds)
    except (redis_errors.RedisError, OSError):
        log.warning("explain cache unavailable", exc_info=True)
