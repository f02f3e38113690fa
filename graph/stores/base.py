"""The graph port: what every graph store offers, whichever backend answers."""

from __future__ import annotations

import abc
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any, Literal

Row = dict[str, Any]
VectorIndex = Literal["segment"]
FulltextIndex = Literal["line", "entity"]
# vector scores are (1 + cos) / 2 to within this: the vector indexes are approximate (Neo4j's
# HNSW index quantises; FalkorDB's answers exact scores for the candidates it finds)
VECTOR_SCORE_TOLERANCE = 0.01


class WriteUnit(abc.ABC):
    """Collects writes that are sent together (see each store for its guarantees)."""

    @abc.abstractmethod
    def write(self, name: str, **params: Any) -> None: ...


class GraphStore(abc.ABC):
    """Async port over the graph database. Statements are named files from `cypher/`;
    results are lists of plain dicts (projections), never driver objects."""

    backend: str

    @abc.abstractmethod
    async def read(self, name: str, **params: Any) -> list[Row]: ...

    @abc.abstractmethod
    async def write(self, name: str, **params: Any) -> list[Row]: ...

    @abc.abstractmethod
    def _unit(self) -> AbstractUnit: ...

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[WriteUnit]:
        """Several writes sent as one unit when the block exits without error."""
        unit = self._unit()
        yield unit
        await unit.commit()

    async def vector_search(self, index: VectorIndex, vector: Sequence[float], k: int,
                            **filters: Any) -> list[Row]:
        """`[{id, score}]`, score = cosine similarity mapped to [0, 1] as (1 + cos) / 2 (to within
        VECTOR_SCORE_TOLERANCE), highest first.
        `filters` go to the statement `vector_search_<index>` as parameters; the index is
        over-fetched (`candidates`) so filtering after the search still leaves `k`."""
        return await self.read(f"vector_search_{index}", vector=list(vector), k=k,
                               candidates=max(k * 4, 20), **{"seriesId": None, **filters})

    async def fulltext_search(self, index: FulltextIndex, text: str, k: int, *, match_all: bool = False,
                              statement: str | None = None, **filters: Any) -> list[Row]:
        """`[{id, score}]` for nodes matching the words of `text` (any of them, or every one with
        `match_all`), best first. `statement` replaces `fulltext_search_<index>` with a variant
        that filters or projects more (it gets `query`, `k` and the filters)."""
        query = self.fulltext_query(text, match_all=match_all)
        if not query:
            return []
        return await self.read(statement or f"fulltext_search_{index}", query=query, k=k,
                               **{"seriesId": None, **filters})

    @staticmethod
    @abc.abstractmethod
    def fulltext_query(text: str, *, match_all: bool = False) -> str:
        """The user's words in this backend's fulltext query syntax, never interpreted as syntax."""

    async def ping(self) -> float:
        """Round trip in seconds; raises GraphUnavailable."""
        started = time.perf_counter()
        await self.read("ping")
        return time.perf_counter() - started

    @abc.abstractmethod
    async def ensure_schema(self, embedding_dim: int) -> None: ...

    @abc.abstractmethod
    async def drop_all(self) -> None:
        """Delete every node, relationship and index (tests and `explainer db reset`)."""

    @abc.abstractmethod
    async def close(self) -> None: ...


class AbstractUnit(WriteUnit):
    def __init__(self) -> None:
        self.statements: list[tuple[str, dict[str, Any]]] = []

    def write(self, name: str, **params: Any) -> None:
        self.statements.append((name, params))

    @abc.abstractmethod
    async def commit(self) -> None: ...
