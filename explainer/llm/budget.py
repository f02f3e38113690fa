"""A per-minute request budget for one process: callers wait for a free slot, never fail."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable


class RequestBudget:
    """At most `limit` acquisitions in any sliding window of `window` seconds.

    `acquire()` sleeps until the oldest acquisition in the window expires. Waiters are served in
    arrival order (they queue on one lock). `clock` and `sleep` are injectable for tests.
    """

    def __init__(self, limit: int, *, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("RequestBudget needs limit >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._clock = clock
        self._sleep = sleep
        self._stamps: deque[float] = deque()
        self._lock = asyncio.Lock()

    async def acquire(self) -> float:
        """Take one slot; returns the seconds spent waiting for it."""
        waited = 0.0
        async with self._lock:
            while True:
                now = self._clock()
                while self._stamps and self._stamps[0] <= now - self.window:
                    self._stamps.popleft()
                if len(self._stamps) < self.limit:
                    self._stamps.append(now)
                    return waited
                delay = self._stamps[0] + self.window - now
                waited += delay
                await self._sleep(delay)
