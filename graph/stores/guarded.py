"""A store whose writes first pass a check: an ingestion job writes through one, so a job that
is no longer the video's (a newer upload superseded it, the video was deleted) stops at its
next write instead of writing over what came after it. Reads pass straight through."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from graph.stores.base import AbstractUnit, GraphStore, Row

WriteCheck = Callable[[], Awaitable[None]]


class GuardedStore(GraphStore):
    def __init__(self, inner: GraphStore, check: WriteCheck) -> None:
        self._inner = inner
        self._check = check
        self.backend = inner.backend

    async def read(self, name: str, **params: Any) -> list[Row]:
        return await self._inner.read(name, **params)

    async def write(self, name: str, **params: Any) -> list[Row]:
        await self._check()
        return await self._inner.write(name, **params)

    def _unit(self) -> AbstractUnit:
        return _GuardedUnit(self._inner, self._check)

    def fulltext_query(self, text: str, *, match_all: bool = False) -> str:  # type: ignore[override]
        return self._inner.fulltext_query(text, match_all=match_all)

    async def ensure_schema(self, embedding_dim: int) -> None:
        await self._inner.ensure_schema(embedding_dim)

    async def drop_all(self) -> None:
        await self._check()
        await self._inner.drop_all()

    async def close(self) -> None:
        await self._inner.close()


class _GuardedUnit(AbstractUnit):
    def __init__(self, inner: GraphStore, check: WriteCheck) -> None:
        super().__init__()
        self._inner = inner
        self._check = check

    async def commit(self) -> None:
        if not self.statements:
            return
        await self._check()
        unit = self._inner._unit()
        unit.statements = self.statements
        await unit.commit()
