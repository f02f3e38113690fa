"""A GraphStore that counts the statements it runs and hands them to the real store."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from graph.stores.base import AbstractUnit, FulltextIndex, GraphStore, Row, VectorIndex


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

    async def vector_search(self, index: VectorIndex, vector: Sequence[float], k: int, **filters: Any) -> list[Row]:
        self.calls[f"vector_search_{index}"] += 1
        return await self.inner.vector_search(index, vector, k, **filters)

    async def fulltext_search(self, index: FulltextIndex, text: str, k: int, **filters: Any) -> list[Row]:
        self.calls[f"fulltext_search_{index}"] += 1
        return await self.inner.fulltext_search(index, text, k, **filters)

    async def ping(self) -> float:
        return await self.inner.ping()

    async def ensure_schema(self, embedding_dim: int) -> None:
        await self.inner.ensure_schema(embedding_dim)

    async def drop_all(self) -> None:
        await self.inner.drop_all()

    async def close(self) -> None:
        await self.inner.close()
