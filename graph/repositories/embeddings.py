"""Segment embeddings and the embedding space that filled them.

A series records the embedder (`EmbedderInfo.key`: provider, model, dimension) whose vectors
its segments hold. Vectors of two embedders are never compared: searches check `segment_embedder`
before they embed a query, and a new embedder clears the series' vectors before it re-embeds them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.stores import GraphStore


@dataclass(frozen=True, slots=True)
class SegmentText:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class SegmentHit:
    id: str
    score: float


async def segment_embedder(store: GraphStore, series_id: str) -> str | None:
    """The key of the embedder that filled the series' segment vectors (None: none yet)."""
    rows = await store.read("get_segment_embedder", seriesId=series_id)
    return str(rows[0]["embedder"]) if rows and rows[0]["embedder"] else None


async def start_embedding_space(store: GraphStore, series_id: str, embedder: str) -> int:
    """Makes `embedder` the series' space: vectors of any other space are removed first.
    Returns how many segment vectors were removed."""
    rows = await store.write("clear_series_segment_embeddings", seriesId=series_id)
    await store.write("set_segment_embedder", seriesId=series_id, embedder=embedder)
    return int(rows[0]["cleared"]) if rows else 0


async def series_segment_texts(store: GraphStore, series_id: str) -> list[SegmentText]:
    return [SegmentText(id=r["id"], text=str(r["text"] or ""))
            for r in await store.read("series_segment_texts", seriesId=series_id)]


async def set_segment_embeddings(store: GraphStore, ids: Sequence[str], vectors: Sequence[Sequence[float]]) -> None:
    await store.write("set_segment_embeddings", rows=[
        {"id": i, "embedding": list(v)} for i, v in zip(ids, vectors, strict=True)])


async def similar_segments(store: GraphStore, *, vector: Sequence[float], series_id: str, k: int) -> list[SegmentHit]:
    """Segments of the series nearest to `vector`, which the caller embedded with the series'
    embedder (`segment_embedder`)."""
    rows = await store.vector_search("segment", vector, k, seriesId=series_id)
    return [SegmentHit(id=r["id"], score=float(r["score"])) for r in rows]
