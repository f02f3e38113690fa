"""`/health`: each dependency with its state and latency; 503 when the graph is down."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from rq import Worker

from api.deps import StateDep

router = APIRouter(tags=["health"])
CHECK_TIMEOUT = 1.5


async def _check(probe: Callable[[], Awaitable[Any]]) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        detail = await asyncio.wait_for(probe(), CHECK_TIMEOUT)
    except Exception as exc:  # any failure is the answer here
        return {"status": "down", "latencyMs": round((time.perf_counter() - started) * 1000, 2),
                "error": f"{type(exc).__name__}: {exc}"[:300]}
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
        count = await asyncio.to_thread(Worker.count, connection=state.sync_redis)
        if count == 0:
            raise RuntimeError("no RQ worker is running")
        return {"count": count}

    checks = dict(zip(("graph", "redis", "workers"),
                      await asyncio.gather(_check(graph), _check(redis_ping), _check(workers)), strict=True))
    core_ok = checks["graph"]["status"] == "ok" and checks["redis"]["status"] == "ok"
    overall = "ok" if core_ok and checks["workers"]["status"] == "ok" else ("degraded" if core_ok else "down")
    body = {"success": core_ok, "data": {"status": overall, "dependencies": checks}}
    if not core_ok:
        down = [name for name, c in checks.items() if c["status"] != "ok" and name != "workers"]
        code = "GRAPH_UNAVAILABLE" if "graph" in down else "INTERNAL_ERROR"
        body["error"] = {"code": code, "message": f"unavailable: {', '.join(down)}"}
    return JSONResponse(body, status_code=200 if core_ok else 503)
