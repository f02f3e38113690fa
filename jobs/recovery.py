"""Jobs whose worker died (SIGKILL, OOM, lost container) go back on their queue at once.

RQ notices abandoned jobs by itself only after their registry entry expires; a worker that
starts checks the started registries and requeues jobs whose worker is gone: its registration
expired, or it ran on this host and its process no longer exists. The pipeline is idempotent,
so the job simply runs again."""

from __future__ import annotations

import logging
import socket

import redis
from rq import Queue, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job
from rq.registry import StartedJobRegistry

from explainer.core.runtime import pid_alive

log = logging.getLogger(__name__)


def requeue_orphaned_jobs(connection: redis.Redis, queue_names: list[str] | tuple[str, ...]) -> list[str]:
    workers = {w.name: w for w in Worker.all(connection=connection)}
    host = socket.gethostname()
    requeued: list[str] = []
    for name in queue_names:
        queue = Queue(name, connection=connection)
        registry = StartedJobRegistry(queue=queue)
        for job_id in registry.get_job_ids(cleanup=False):
            try:
                job = Job.fetch(job_id, connection=connection)
            except NoSuchJobError:
                continue
            worker = workers.get(job.worker_name or "")
            gone = worker is None or (worker.hostname == host and worker.pid is not None
                                      and not pid_alive(worker.pid))
            if not gone:
                continue
            if worker is not None:
                worker.register_death()
            _forget_executions(connection, registry, job)
            queue.enqueue_job(job, at_front=True)
            requeued.append(job.id)
            log.warning("requeued a job whose worker died", extra={"jobId": job.id, "worker": job.worker_name})
    return requeued


def _forget_executions(connection: redis.Redis, registry: StartedJobRegistry, job: Job) -> None:
    """Drop the job's entries (`<job id>:<execution id>`) from the started registry. RQ's own
    `remove_executions` raises ValueError when an execution's hash is gone (the store restarted
    between the entry and the hash), which used to make every starting worker exit."""
    try:
        registry.remove_executions(job)
        return
    except ValueError:
        pass
    prefix = f"{job.id}:".encode()
    stale = [m for m in connection.zrange(registry.key, 0, -1) if isinstance(m, bytes) and m.startswith(prefix)]
    if stale:
        connection.zrem(registry.key, *stale)
