"""`/health`: each dependency with its state and latency; 503 when the graph is down.

Workers count as alive from their RQ heartbeats, not from their registration: a worker's key
outlives a SIGKILL by its TTL, so a registered worker is alive only while its last heartbeat is
younger than `worker_ttl_seconds` and, when it runs on this host, its pid still exists.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from redis import Redis
from rq import Worker

from api.deps import StateDep
from explainer.core.runtime import pid_alive

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])
CHECK_TIMEOUT = 1.5
# a 503 of /health tells clients and load balancers when to look again
RETRY_AFTER_SECONDS = 5


def worker_liveness(connection: Redis, stale_after: float) -> dict[str, int]:
    """Registered RQ workers split into alive and dead (stale heartbeat, or a vanished pid here)."""
    now = datetime.now(UTC)
    here = socket.gethostname()
    alive = dead = 0
    for worker in Worker.all(connection=connection):
        beat = worker.last_heartbeat or worker.birth_date
        if beat is not None and beat.tzinfo is None:
            beat = beat.replace(tzinfo=UTC)
        fresh = beat is not None and (now - beat).total_seconds() <= stale_after
        if fresh and worker.hostname == here and worker.pid:
            fresh = pid_alive(worker.pid)
        alive, dead = (alive + 1, dead) if fresh else (alive, dead + 1)
    return {"count": alive, "dead": dead}


class Unhealthy(Exception):
    """A failed check whose message is ours to show."""

    def __init__(self, public: str) -> None:
        super().__init__(public)
        self.public = public


async def _check(name: str, probe: Callable[[], Awaitable[Any]]) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        detail = await asyncio.wait_for(probe(), CHECK_TIMEOUT)
    except Exception as exc:  # any failure is the answer here
        # the detail (addresses, ports) is for the log; /health is public
        log.warning("health check %s failed: %s: %s", name, type(exc).__name__, exc)
        reason = exc.public if isinstance(exc, Unhealthy) else (
            "timed out" if isinstance(exc, TimeoutError) else "unavailable")
        return {"status": "down", "latencyMs": round((time.perf_counter() - started) * 1000, 2), "error": reason}
    result: dict[str, Any] = {"status": "ok", "latencyMs": round((time.perf_counter() - started) * 1000, 2)}
    if isinstance(detail, dict):
        result.update(detail)
    return result


@router.get("/health")
async def health(state: StateDep) -> JSONResponse:
    async def graph() -> dict[str, Any]:
        await state.store.ping()
        return {"backend": state.store.backend}

    async def redis_ping() -> None:
        await state.redis.ping()

    async def workers() -> dict[str, Any]:
        found = await asyncio.to_thread(worker_liveness, state.sync_redis, state.settings.worker_ttl_seconds)
        if found["count"] == 0:
            raise Unhealthy(f"no live RQ worker ({found['dead']} registered without a heartbeat)")
        return found

    checks = dict(zip(("graph", "redis", "workers"),
                      await asyncio.gather(_check("graph", graph), _check("redis", redis_ping),
                                                         _check("workers", workers)), strict=True))
    core_ok = checks["graph"]["status"] == "ok" and checks["redis"]["status"] == "ok"
    overall = "ok" if core_ok and checks["workers"]["status"] == "ok" else ("degraded" if core_ok else "down")
    body = {"success": core_ok, "data": {"status": overall, "dependencies": checks}}
    if not core_ok:
        down = [name for name, c in checks.items() if c["status"] != "ok" and name != "workers"]
        code = "GRAPH_UNAVAILABLE" if "graph" in down else "INTERNAL_ERROR"
        body["error"] = {"code": code, "message": f"unavailable: {', '.join(down)}",
                         "retryAfter": RETRY_AFTER_SECONDS}
        return JSONResponse(body, status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    return JSONResponse(body, status_code=200)
