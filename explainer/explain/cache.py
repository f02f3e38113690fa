"""The explain cache: Redis, keyed by (video, normalised text, 10-second bucket).

The video's generation (`explain:gen:{videoId}`, bumped by every ingestion) is stored with the
answer, and the hit path reads both with one MGET: an answer from before a re-ingestion is a
miss, without a key scan to delete old answers.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import redis.asyncio as aioredis
import redis.exceptions as redis_errors

from explainer.core.keys import generation_key

log = logging.getLogger(__name__)

BUCKET_SECONDS = 10


def bucket_of(timestamp: float) -> int:
    return int(timestamp // BUCKET_SECONDS)


def cache_key(video_id: str, normalised_text: str, bucket: int) -> str:
    digest = hashlib.sha1(normalised_text.encode("utf-8")).hexdigest()[:20]
    return f"explain:answer:{video_id}:{bucket}:{digest}"


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    """Kept as `generation\nduration\nexplanation JSON`: a hit is served without decoding the
    explanation (it goes out as it was stored)."""

    generation: int
    duration: float | None
    explanation_json: str

    def encode(self) -> str:
        duration = "" if self.duration is None else repr(self.duration)
        return f"{self.generation}\n{duration}\n{self.explanation_json}"

    @classmethod
    def decode(cls, raw: bytes | str) -> CachedAnswer | None:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        parts = text.split("\n", 2)
        if len(parts) != 3 or not parts[2].startswith("{"):
            return None
        try:
            return cls(int(parts[0]), float(parts[1]) if parts[1] else None, parts[2])
        except ValueError:
            return None


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
    answer = CachedAnswer.decode(cached_raw) if cached_raw is not None else None
    return generation, answer if answer is not None and answer.generation == generation else None


async def store(redis: aioredis.Redis, key: str, answer: CachedAnswer, ttl_seconds: int) -> None:
    if answer.generation < 0:
        return  # the lookup failed: the generation is unknown
    try:
        await redis.set(key, answer.encode(), ex=ttl_seconds)
    except (redis_errors.RedisError, OSError):
        log.warning("explain cache unavailable", exc_info=True)
