"""RQ queues. Queue objects are cheap wrappers around a Redis connection given by the caller."""

from __future__ import annotations

import redis
from rq import Queue

INGEST = "ingest"
ENRICH = "enrich"
MAINTENANCE = "maintenance"
ALL_QUEUES = (INGEST, ENRICH, MAINTENANCE)


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
