"""Per-client rate limits in Redis (fixed one-minute windows), so counts survive an API restart
and are shared by every API process. A client is its API key when it sends a configured one,
else its IP address (`api.clients`: forwarded headers count only from TRUSTED_PROXIES): an
unknown key or a made-up X-Forwarded-For must not buy a fresh allowance. When the Redis pool is
exhausted the call is refused (503 OVERLOADED), never let through uncounted."""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Awaitable, Callable

import redis.exceptions as redis_errors
from fastapi import Request

from api.clients import client_address
from api.deps import get_state
from explainer.core.errors import Overloaded, RateLimitExceeded

log = logging.getLogger(__name__)

WINDOW_SECONDS = 60


def client_id(request: Request) -> str:
    settings = get_state(request).settings
    key = request.headers.get("x-api-key")
    if key and key in settings.api_key_scopes:
        return "key:" + hashlib.sha256(key.encode()).hexdigest()[:16]
    return "ip:" + client_address(request.client.host if request.client else None,
                                  request.headers.get("x-forwarded-for"), settings.trusted_proxy_list)


def _pool_exhausted(exc: BaseException) -> bool:
    # BlockingConnectionPool waited its timeout for a free connection; a plain pool hit its maximum
    return isinstance(exc, redis_errors.MaxConnectionsError) or (
        isinstance(exc, redis_errors.ConnectionError) and str(exc) == "No connection available.")


def rate_limit(scope: str) -> Callable[[Request], Awaitable[None]]:
    """A dependency allowing `rate_limit_per_minute` calls per client and minute to `scope`."""

    async def check(request: Request) -> None:
        state = get_state(request)
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        key = f"ratelimit:{scope}:{client_id(request)}:{window}"
        try:
            count = await state.redis.incr(key)
            if count == 1:  # the window's first call sets its expiry (one round trip per call)
                await state.redis.expire(key, WINDOW_SECONDS + 5)
        except (redis_errors.RedisError, OSError) as exc:
            if _pool_exhausted(exc):  # load must never switch the limit off: refuse, do not wave through
                raise Overloaded("the service is busy; try again shortly", retry_after=1) from exc
            # Redis itself is down: no cache, no queue either; the graph answers for itself
            log.warning("rate limiter unavailable", exc_info=True)
            return
        limit = state.settings.rate_limit_per_minute
        if int(count) > limit:
            retry_after = max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))
            raise RateLimitExceeded(f"more than {limit} requests per minute; try again in {retry_after} s",
                                    retry_after=retry_after)

    return check


async def spend_quota(request: Request, *, name: str, who: str, amount: int, limit: int, window_seconds: int,
                      what: str) -> None:
    """Counts `amount` against `who`'s allowance of `limit` per fixed window of `window_seconds`
    (a viewer's videos per hour, upload bytes per day, new client tokens per address). Past it:
    429 with Retry-After (the end of the window), and nothing is counted for the refused call."""
    redis = get_state(request).redis
    now = time.time()
    window = int(now // window_seconds)
    key = f"quota:{name}:{who}:{window}"
    try:
        total = int(await redis.incrby(key, amount))
        if total == amount:
            await redis.expire(key, window_seconds + 60)
        if total > limit:
            await redis.decrby(key, amount)
    except (redis_errors.RedisError, OSError) as exc:
        # a quota that cannot be counted refuses: viewers' writes are never let through uncounted
        raise Overloaded("the service is busy; try again shortly", retry_after=1) from exc
    if total > limit:
        retry_after = max(1, math.ceil((window + 1) * window_seconds - now))
        raise RateLimitExceeded(f"more than {limit} {what}; try again in {retry_after} s", retry_after=retry_after)
