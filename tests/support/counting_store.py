"""A GraphStore that counts the statements it runs and hands them to the real store. Searches
and pings go through `read` (the port implements them), so they are counted by statement name."""

from __future__ import annotations

from collections import Counter
from typing import Any

from graph.stores.base import AbstractUnit, GraphStore, Row


class CountingStore(GraphStore):
    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.backend = inner.backend
        self.calls: Counter[str] = Counter()

    @property
    def total(self) -> int:
        return sum(self.calls.values())

    def reset(self) -> None:
        self.calls.clear()

    async def read(self, name: str, **params: Any) -> list[Row]:
        self.calls[name] += 1
        return await self.inner.read(name, **params)

    async def write(self, name: str, **params: Any) -> list[Row]:
        self.calls[name] += 1
        return await self.inner.write(name, **params)

    def _unit(self) -> AbstractUnit:
        return self.inner._unit()

    def fulltext_query(self, text: str, *, match_all: bool = False) -> str:  # type: ignore[override]
        return self.inner.fulltext_query(text, match_all=match_all)

    async def ensure_schema(self, embedding_dim: int) -> None:
        await self.inner.ensure_schema(embedding_dim)

    async def drop_all(self) -> None:
        await self.inner.drop_all()

    async def close(self) -> None:
        await self.inner.close()
