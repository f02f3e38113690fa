"""FastAPI app factory. Clients are opened once in the lifespan and closed after `yield`."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis
import redis.asyncio as aioredis
from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from redis.asyncio.retry import Retry as AsyncRetry
from redis.backoff import NoBackoff

from api.auth import document_client_tokens
from api.bodylimit import BodyLimit
from api.cors import EnvelopeCORSMiddleware, OriginPolicy
from api.deps import AppState
from api.errors import install_error_handlers
from api.graphql.schema import graphql_router
from api.observe import Observe
from api.progress import ProgressHub
from api.routers import clients, docs, explain, health, pages, progress_ws, videos
from api.warmup import warm_statements
from explainer.core.metrics import QUEUE_DEPTH
from explainer.core.settings import Settings, get_settings
from explainer.llm import build_provider
from explainer.llm.offline import warm_up
from graph.stores import open_store
from jobs.queues import RqJobQueue, job_counts

log = logging.getLogger(__name__)


def _redis_clients(settings: Settings) -> tuple[aioredis.Redis, redis.Redis]:
    url = settings.effective_redis_url
    timeout = settings.graph_timeout_seconds
    # a bounded pool where a call waits for a free connection (up to the pool timeout) rather than
    # failing at once with "Too many connections" under a burst
    pool = aioredis.BlockingConnectionPool.from_url(
        url, max_connections=settings.effective_api_redis_max_connections,
        timeout=settings.api_redis_pool_timeout_seconds, socket_connect_timeout=timeout, socket_timeout=5.0,
        # once more on a fresh connection when a pooled one broke (the server restarted)
        retry=AsyncRetry(NoBackoff(), 1, supported_errors=(redis.ConnectionError,)))
    return (aioredis.Redis.from_pool(pool),
            redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=5.0))


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = open_store(settings, query_timeout=min(settings.graph_query_timeout_seconds, 10.0))
        async_redis, sync_redis = _redis_clients(settings)
        provider = build_provider(settings)
        app.state.explainer = AppState(settings=settings, store=store, redis=async_redis, sync_redis=sync_redis,
                                       jobs=RqJobQueue(settings, sync_redis), provider=provider,
                                       progress=(progress := ProgressHub(settings)))
        # the offline analyser (explain embeds queries with it) loads its Korean model before the
        # API serves: loading holds the GIL for seconds, so done in the background it stalled the
        # event loop past the stores' timeouts and the first explains answered 503
        log.info("loading the Korean model (kiwipiepy)…")
        started = time.perf_counter()
        await asyncio.to_thread(warm_up)
        log.info("Korean model loaded in %.1f s; the API serves", time.perf_counter() - started)
        # and the store plans explain's statements once (a task: the API serves meanwhile)
        app.state.statement_warmup = statements = asyncio.create_task(warm_statements(store, settings.embedding_dim))
        try:
            yield
        finally:
            statements.cancel()  # a store that hangs must not hold up the shutdown
            await asyncio.gather(statements, return_exceptions=True)
            await provider.aclose()
            await progress.aclose()
            await store.close()
            await async_redis.aclose()
            sync_redis.close()

    # /docs and /redoc are our own pages (api/routers/docs.py): FastAPI's load their code from a CDN
    app = FastAPI(title="Subtitle Context Explainer", version="0.1.0", lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Explains subtitle lines from a spoiler-bounded knowledge graph of the series.")
    install_error_handlers(app)
    policy = OriginPolicy(settings.cors_origin_list)
    app.state.origin_policy = policy  # the WebSocket handshake checks Origin against it too
    app.add_middleware(EnvelopeCORSMiddleware, policy=policy)

    app.add_middleware(Observe)  # request ids, request counts and latencies

    @app.get("/metrics", include_in_schema=False)
    async def metrics(request: Request) -> Response:
        state: AppState = request.app.state.explainer
        try:  # jobs by queue and state: a gauge read from RQ at scrape time
            for (queue_name, job_state), count in (await asyncio.to_thread(job_counts, state.sync_redis)).items():
                QUEUE_DEPTH.labels(queue_name, job_state).set(count)
        except redis.RedisError:
            log.warning("could not read the job queues for /metrics", exc_info=True)
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    def body_limit(path: str) -> int:
        if path.startswith("/api/video/") and path.endswith("/subtitles"):
            return settings.subtitle_max_bytes + 64 * 1024  # the multipart envelope around the file
        return settings.graphql_max_body_bytes if path.startswith("/graphql") else settings.api_max_body_bytes

    # outermost: an oversized body is refused before CORS, logging or parsing see it
    app.add_middleware(BodyLimit, limit_for=body_limit, timeout=settings.api_body_timeout_seconds)

    app.include_router(health.router)
    app.include_router(videos.router)
    app.include_router(clients.router)  # viewers' client tokens
    app.include_router(explain.router)
    app.include_router(progress_ws.router)
    app.include_router(graphql_router(settings))
    app.include_router(pages.router)  # the web player: /, /watch/{videoId}, /static/*
    app.include_router(docs.router)  # /docs and /redoc
    document_client_tokens(app)
    return app
