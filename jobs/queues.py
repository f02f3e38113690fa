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
