"""The query-side embedder for `search`: one LLM provider per app, created on first use (the
offline one loads a morphology model), closed with the app."""

from __future__ import annotations

import asyncio

from explainer.llm import LLMProvider, build_provider
from explainer.settings import Settings


class QueryEmbeddings:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._provider: LLMProvider | None = None
        self._lock = asyncio.Lock()

    async def embed(self, text: str) -> list[float]:
        async with self._lock:
            if self._provider is None:
                self._provider = build_provider(self._settings)
        vectors = await self._provider.embed([text])
        return vectors[0]

    async def aclose(self) -> None:
        if self._provider is not None:
            await self._provider.aclose()
            self._provider = None
