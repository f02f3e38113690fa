"""Per-client rate limits in Redis (fixed one-minute windows), so counts survive an API restart
and are shared by every API process. A client is its API key when it sends a configured one,
else its IP address: an unknown key must not buy a fresh allowance."""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Awaitable, Callable

import redis.exceptions as redis_errors
from fastapi import Request

from api.deps import get_state
from explainer.core.errors import RateLimitExceeded

log = logging.getLogger(__name__)

WINDOW_SECONDS = 60


def client_id(request: Request) -> str:
    key = request.headers.get("x-api-key")
    if key and key in get_state(request).settings.api_key_scopes:
        return "key:" + hashlib.sha256(key.encode()).hexdigest()[:16]
    return "ip:" + (request.client.host if request.client else "unknown")


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
        except (redis_errors.RedisError, OSError):
            # fail open: without Redis there is no cache either, and the graph answers for itself
            log.warning("rate limiter unavailable", exc_info=True)
            return
        limit = state.settings.rate_limit_per_minute
        if int(count) > limit:
            retry_after = max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))
            raise RateLimitExceeded(f"more than {limit} requests per minute; try again in {retry_after} s",
                                    retry_after=retry_after)

    return check
