"""Fulltext search of a series' lines and entities (GraphQL `search`)."""

from __future__ import annotations

from dataclasses import dataclass

from graph.stores import GraphStore


@dataclass(frozen=True, slots=True)
class TextHit:
    id: str
    score: float


async def lines_matching(store: GraphStore, *, text: str, series_id: str, k: int) -> list[TextHit]:
    rows = await store.fulltext_search("line", text, k, seriesId=series_id)
    return [TextHit(id=r["id"], score=float(r["score"])) for r in rows]


async def entities_matching(store: GraphStore, *, text: str, series_id: str, k: int) -> list[TextHit]:
    rows = await store.fulltext_search("entity", text, k, seriesId=series_id)
    return [TextHit(id=r["id"], score=float(r["score"])) for r in rows]
