"""Progress of one video: Redis hash (fast status reads), pub/sub (WebSocket relays in any API
process) and the Video node (durable)."""

from __future__ import annotations

import json
import time
from typing import Any

import redis.asyncio as aioredis

from explainer.core.keys import progress_channel, progress_key
from graph.repositories.videos import set_progress
from graph.stores import GraphStore


class ProgressReporter:
    def __init__(self, store: GraphStore, redis: aioredis.Redis, video_id: str) -> None:
        self._store = store
        self._redis = redis
        self._video_id = video_id
        self._started = time.monotonic()

    async def report(self, step: str, progress: int, *, status: str = "processing", error: str | None = None,
                     error_code: str | None = None, **extra: Any) -> None:
        message: dict[str, Any] = {"type": "progress", "videoId": self._video_id, "status": status,
                                   "step": step, "progress": progress,
                                   "elapsed": round(time.monotonic() - self._started, 3), **extra}
        if status == "ready":
            message["type"] = "complete"
        elif status == "error":
            message.update(type="error", error={"code": error_code, "message": error})
        await set_progress(self._store, self._video_id, status=status, progress=progress, step=step,
                           error=error, error_code=error_code)
        mapping = {"status": status, "step": step, "progress": progress, "updatedAt": time.time(),
                   "error": error or "", "errorCode": error_code or ""}
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(progress_key(self._video_id), mapping=mapping)  # type: ignore[arg-type]
            pipe.publish(progress_channel(self._video_id), json.dumps(message, ensure_ascii=False))
            await pipe.execute()
