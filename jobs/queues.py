"""RQ queues, and the JobQueue that ingestion enqueues through. Queue objects are cheap wrappers
around a Redis connection given by the caller; every blocking RQ call of RqJobQueue runs in a
thread, so the API's event loop never waits on Redis."""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
import uuid
from typing import Any

import redis
from rq import Queue, Retry
from rq.exceptions import InvalidJobOperation
from rq.job import Job, JobStatus

from explainer.core.keys import DELETED_MARK, current_job_key, progress_key
from explainer.core.logs import request_id_var
from explainer.core.settings import Settings
from jobs.tasks import process_video

INGEST = "ingest"
ENRICH = "enrich"
MAINTENANCE = "maintenance"
ALL_QUEUES = (INGEST, ENRICH, MAINTENANCE)
_JOB_TTL = 7 * 24 * 3600
_UNSAFE_IN_JOB_ID = re.compile(r"[^A-Za-z0-9_-]")


def queue(name: str, connection: redis.Redis) -> Queue:
    return Queue(name, connection=connection)


def job_counts(connection: redis.Redis) -> dict[tuple[str, str], int]:
    """Jobs per (queue, state), read from RQ's queues and registries: what every worker did,
    whichever process asks."""
    counts: dict[tuple[str, str], int] = {}
    for name in ALL_QUEUES:
        q = queue(name, connection)
        counts[(name, "queued")] = q.count
        for state, registry in (("started", q.started_job_registry), ("deferred", q.deferred_job_registry),
                                ("scheduled", q.scheduled_job_registry), ("finished", q.finished_job_registry),
                                ("failed", q.failed_job_registry), ("canceled", q.canceled_job_registry)):
            counts[(name, state)] = registry.count
    return counts


def ingest_job_id(video_id: str) -> str:
    """RQ job ids allow letters, digits, '_' and '-' only; a video id may hold '.' or ':'. The
    readable part keeps what is safe and a digest of the full id keeps distinct ids distinct."""
    safe = _UNSAFE_IN_JOB_ID.sub("_", video_id)[:80]
    if safe != video_id:
        safe = f"{safe}_{hashlib.blake2b(video_id.encode(), digest_size=4).hexdigest()}"
    return f"ingest-{safe}-{uuid.uuid4().hex[:8]}"


class RqJobQueue:
    """The JobQueue of explainer.ingest, over RQ."""

    def __init__(self, settings: Settings, connection: redis.Redis) -> None:
        self._settings = settings
        self._redis = connection

    async def enqueue_ingest(self, video_id: str, source: dict[str, Any], *, depends_on: str | None = None,
                             request_id: str | None = None) -> str:
        request = request_id or request_id_var.get()
        return await asyncio.to_thread(self._enqueue, video_id, source, depends_on, request)

    async def current_job_id(self, video_id: str) -> str | None:
        return await asyncio.to_thread(self._current_job_id, video_id)

    async def retire(self, video_id: str) -> None:
        await asyncio.to_thread(self._retire, video_id)

    # --- blocking parts, run in a thread ---

    def _current_job_id(self, video_id: str) -> str | None:
        raw = self._redis.get(current_job_key(video_id))
        job_id = raw.decode() if isinstance(raw, bytes) else (raw if isinstance(raw, str) else None)
        return None if job_id == DELETED_MARK else job_id

    def _current_job(self, video_id: str) -> Job | None:
        job_id = self._current_job_id(video_id)
        if not job_id:
            return None
        try:
            return Job.fetch(job_id, connection=self._redis)
        except Exception:  # NoSuchJobError and friends: expired or deleted
            return None

    def _video_lock(self, video_id: str) -> Any:
        # serialises the uploads of one video in every API process: which job is the latest and
        # which one waits are decided one upload at a time
        return self._redis.lock(f"ingest:enqueue:{video_id}", timeout=30, blocking_timeout=30)

    def _retire(self, video_id: str) -> None:
        with self._video_lock(video_id):
            previous = self._current_job(video_id)
            self._redis.set(current_job_key(video_id), DELETED_MARK, ex=_JOB_TTL)
            if previous is not None:
                _cancel(previous)

    def _enqueue(self, video_id: str, source: dict[str, Any], depends_on: str | None,
                 request_id: str | None) -> str:
        """The new job becomes the video's latest before it is queued, so a worker that picks it
        up at once finds it current; a job still waiting is cancelled, and one running stops at
        its next write (explainer.ingest.turns) while the new one waits for the video's turn."""
        settings = self._settings
        base = settings.job_retry_base_seconds
        job_id = ingest_job_id(video_id)
        with self._video_lock(video_id):
            previous = self._current_job(video_id)
            self._redis.set(current_job_key(video_id), job_id, ex=_JOB_TTL)
            if previous is not None:
                _cancel(previous)
            job = queue(INGEST, self._redis).enqueue(
                process_video, video_id, source, request_id,
                job_id=job_id, depends_on=depends_on,
                retry=Retry(max=settings.job_retries, interval=[base, base * 4, base * 16]),
                job_timeout=settings.job_timeout_seconds, result_ttl=_JOB_TTL, failure_ttl=_JOB_TTL,
                description=f"ingest {video_id}")
            self._redis.hset(progress_key(video_id), mapping={"status": "processing", "step": "queued",
                                                              "progress": 0, "startedAt": time.time()})
        return str(job.id)


def _cancel(job: Job) -> None:
    """Cancel a job that has not started (queued, deferred, waiting for a retry)."""
    try:
        if job.get_status() in (JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.SCHEDULED):
            job.cancel()
    except InvalidJobOperation:  # another upload cancelled it a moment ago
        pass
