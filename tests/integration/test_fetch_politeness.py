"""Per-host politeness is global: fetchers of different jobs (each with its own Redis client, as
two worker processes have) share one interval per host through Redis (issue 12, item 10)."""

from __future__ import annotations

import asyncio

import redis.asyncio as aioredis

from explainer.core.fetch import SafeFetcher
from explainer.core.settings import Settings
from tests.support.http_fixture_server import serve_fixtures, text_route

INTERVAL = 0.5


async def _job(settings: Settings, netloc: str, url: str, requests: int) -> None:
    client = aioredis.Redis.from_url(settings.effective_redis_url)
    try:
        async with SafeFetcher(settings, allow_hosts=[netloc], min_interval_seconds=INTERVAL, redis=client) as safe:
            for _ in range(requests):
                await safe.fetch(url)
    finally:
        await client.aclose()


async def test_two_fetchers_sharing_one_redis_respect_one_per_host_interval(settings: Settings,
                                                                             redis_client: object) -> None:
    with serve_fixtures() as server:
        server.add("/page", text_route("<p>hello</p>"))
        await asyncio.gather(*(_job(settings, server.netloc, server.url("/page"), 2) for _ in range(2)))
        times = sorted(r.at for r in server.requests_to("/page"))
    assert len(times) == 4
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    # each request starts one interval after the previous one, whichever job sent it (loopback
    # jitter allowed for); with per-fetcher limits both jobs' first requests arrive together
    assert min(gaps) >= INTERVAL - 0.1, gaps


async def test_the_slot_of_one_host_does_not_delay_another(settings: Settings, redis_client: object) -> None:
    with serve_fixtures() as server:
        server.add("/page", text_route("<p>hello</p>"))
        client = aioredis.Redis.from_url(settings.effective_redis_url)
        try:
            async with SafeFetcher(settings, allow_hosts=[server.netloc, f"localhost:{server.port}"],
                                   min_interval_seconds=30, redis=client) as safe:
                await safe.fetch(server.url("/page"))
                await asyncio.wait_for(safe.fetch(f"http://localhost:{server.port}/page"), timeout=10)
                # the first host's next slot is reserved in Redis, ~30 s ahead, with an expiry
                [key] = [k async for k in client.scan_iter(match="fetch:host-slot:127.0.0.1:*")]
                assert 0 < await client.pttl(key) <= 31_000 + 1000
        finally:
            await client.aclose()
