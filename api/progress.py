"""Live progress for every subscriber of an API process (`/ws` and the GraphQL subscription) over
one Redis pub/sub connection of its own, bounded per client.

Each subscriber used to hold a pub/sub connection drawn from the API's request pool, so 128
sockets from one client exhausted it and explain, status and /health answered 503. Now one
connection outside that pool carries every channel a process follows (subscribed while anyone
follows it), and a reader task hands each message to the subscribers' queues. A client (its
address, as the rate limits see it) may hold `WS_MAX_SOCKETS_PER_CLIENT` sockets and
`WS_MAX_SUBSCRIPTIONS_PER_CLIENT` subscriptions per API process.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import redis.asyncio as aioredis
import redis.exceptions as redis_errors
from starlette.requests import HTTPConnection

from api.clients import client_address
from explainer.core.errors import RateLimitExceeded
from explainer.core.keys import progress_channel
from explainer.core.settings import Settings

log = logging.getLogger(__name__)

# messages a slow subscriber may fall behind by; older ones are dropped for it (the next
# progress message says where the job is anyway)
QUEUE_SIZE = 64
RETRY_AFTER_SECONDS = 10
# subscriptions one socket may hold (/ws, and GraphQL operations in flight on one WebSocket)
MAX_SUBSCRIPTIONS_PER_SOCKET = 20


def connection_client(connection: HTTPConnection, settings: Settings) -> str:
    """Who a socket or request comes from: its address (a trusted proxy's X-Forwarded-For)."""
    return client_address(connection.client.host if connection.client else None,
                          connection.headers.get("x-forwarded-for"), settings.trusted_proxy_list)


class TooManySockets(Exception):
    pass


class Subscription:
    """One subscriber's view of a video's channel: the messages, in order, as dicts."""

    def __init__(self, hub: ProgressHub, client: str, video_id: str) -> None:
        self.hub, self.client, self.video_id = hub, client, video_id
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(QUEUE_SIZE)
        self.closed = False

    def put(self, message: dict[str, Any]) -> None:
        if self.queue.full():
            self.queue.get_nowait()
        self.queue.put_nowait(message)

    async def messages(self) -> AsyncIterator[dict[str, Any]]:
        while True:
            yield await self.queue.get()

    async def close(self) -> None:
        if not self.closed:
            self.closed = True
            await self.hub._leave(self)


class ProgressHub:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        # a client of its own (not the request pool): one pub/sub connection, reconnected on failure
        self._redis = aioredis.Redis.from_url(settings.effective_redis_url, max_connections=2,
                                              socket_connect_timeout=settings.graph_timeout_seconds)
        self._pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        self._followers: dict[str, set[Subscription]] = {}
        self._sockets: Counter[str] = Counter()
        self._subscriptions: Counter[str] = Counter()
        self._lock = asyncio.Lock()
        self._reader: asyncio.Task[None] | None = None
        self._following = asyncio.Event()

    # --- per-client bounds ------------------------------------------------------------------

    def open_socket(self, client: str) -> None:
        """Takes one of the client's socket slots (close_socket gives it back)."""
        if self._sockets[client] >= self._settings.ws_max_sockets_per_client:
            raise TooManySockets(f"at most {self._settings.ws_max_sockets_per_client} sockets per client")
        self._sockets[client] += 1

    def close_socket(self, client: str) -> None:
        self._sockets[client] -= 1
        if self._sockets[client] <= 0:
            del self._sockets[client]

    async def subscribe(self, client: str, video_id: str) -> Subscription:
        limit = self._settings.ws_max_subscriptions_per_client
        if self._subscriptions[client] >= limit:
            raise RateLimitExceeded(f"at most {limit} progress subscriptions per client",
                                    retry_after=RETRY_AFTER_SECONDS)
        subscription = Subscription(self, client, video_id)
        self._subscriptions[client] += 1
        channel = progress_channel(video_id)
        try:
            async with self._lock:
                followers = self._followers.setdefault(channel, set())
                if not followers:
                    await self._pubsub.subscribe(channel)
                followers.add(subscription)
        except BaseException:
            self._release(client)
            raise
        self._following.set()
        if self._reader is None or self._reader.done():
            self._reader = asyncio.create_task(self._read())
        return subscription

    def _release(self, client: str) -> None:
        self._subscriptions[client] -= 1
        if self._subscriptions[client] <= 0:
            del self._subscriptions[client]

    async def _leave(self, subscription: Subscription) -> None:
        self._release(subscription.client)
        channel = progress_channel(subscription.video_id)
        async with self._lock:
            followers = self._followers.get(channel)
            if followers is None:
                return
            followers.discard(subscription)
            if not followers:
                del self._followers[channel]
                with contextlib.suppress(redis_errors.RedisError, OSError):
                    await self._pubsub.unsubscribe(channel)

    # --- the one reader -----------------------------------------------------------------------

    async def _read(self) -> None:
        failures = 0
        while True:
            if not self._followers:
                self._following.clear()
                await self._following.wait()
                continue
            try:
                message = await self._pubsub.get_message(timeout=1.0)
                failures = 0
            except (redis_errors.RedisError, OSError) as exc:
                # the store restarted or went away: redis-py reconnects and subscribes again
                failures += 1
                if failures == 1:
                    log.warning("progress pub/sub lost its connection: %s", exc)
                await asyncio.sleep(min(failures, 5))
                continue
            if message is None or message.get("type") != "message":
                continue
            channel, data = message["channel"], message["data"]
            channel = channel.decode() if isinstance(channel, bytes) else str(channel)
            try:
                payload = json.loads(data.decode() if isinstance(data, bytes) else data)
            except ValueError:
                log.warning("dropped a progress message that is not JSON", extra={"channel": channel})
                continue
            for subscription in list(self._followers.get(channel, ())):
                subscription.put(payload)

    async def aclose(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        with contextlib.suppress(Exception):
            await self._pubsub.aclose()
        await self._redis.aclose()
