"""Per-app state opened in the lifespan, handed to routes through `Annotated` dependencies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import redis.asyncio as aioredis
from fastapi import Depends, Request
from redis import Redis

from api.progress import ProgressHub
from explainer.core.settings import Settings
from explainer.ingest.queue import JobQueue
from explainer.llm.base import LLMProvider
from graph.stores import GraphStore


@dataclass
class AppState:
    settings: Settings
    store: GraphStore
    redis: aioredis.Redis
    # RQ is synchronous: health and metrics read its registries through this client, in a thread
    sync_redis: Redis
    # where ingestion enqueues (RQ behind an async interface)
    jobs: JobQueue
    # explain's LLM provider (Gemini with the offline fallback, or offline), one per app
    provider: LLMProvider | None = None
    # live progress for /ws and GraphQL subscribers: one pub/sub connection per process
    progress: ProgressHub | None = None

    def progress_hub(self) -> ProgressHub:
        if self.progress is None:
            raise RuntimeError("the app's lifespan did not open the progress hub")
        return self.progress


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.explainer
    return state


async def get_settings_dep(request: Request) -> Settings:
    return get_state(request).settings


async def _state(request: Request) -> AppState:
    # the dependencies are async: FastAPI runs a plain def one in its thread pool (a thread hop
    # per request and dependency)
    return get_state(request)


StateDep = Annotated[AppState, Depends(_state)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
