"""`explainer worker`: an RQ worker on every queue, with the scheduler for periodic work."""

from __future__ import annotations

import logging

import redis
from rq import Worker

from explainer.core.settings import Settings
from jobs.maintenance import schedule_wiki_refresh
from jobs.queues import ALL_QUEUES
from jobs.recovery import requeue_orphaned_jobs

log = logging.getLogger(__name__)


def run_worker(settings: Settings, *, burst: bool = False, name: str | None = None) -> bool:
    connection = redis.Redis.from_url(settings.effective_redis_url)
    requeue_orphaned_jobs(connection, ALL_QUEUES)
    if not settings.gemini_enabled:
        from explainer.llm.offline import warm_up  # only a worker without Gemini needs the model

        warm_up()  # loaded once here, shared by every forked job
    if settings.enrich_enabled:
        schedule_wiki_refresh(settings, connection)
    # short TTL and monitoring interval: heartbeats /health can tell a dead worker by
    worker = Worker(list(ALL_QUEUES), connection=connection, name=name, worker_ttl=settings.worker_ttl_seconds,
                    job_monitoring_interval=settings.worker_heartbeat_seconds)
    # RQ waits up to a minute between attempts while Redis is away; the embedded store is back in
    # seconds after a restart, so the worker tries again every two seconds at most
    worker.max_connection_wait_time = 2.0
    log.info("worker starting", extra={"queues": list(ALL_QUEUES), "redis": settings.effective_redis_url})
    return bool(worker.work(burst=burst, with_scheduler=True, logging_level="WARNING"))

