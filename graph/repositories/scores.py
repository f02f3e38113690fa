"""The entity graph of a series as the algorithms see it, and their scores written back."""

from __future__ import annotations

from dataclasses import dataclass

from graph.stores import GraphStore

SCORE_BATCH = 1000


@dataclass(frozen=True, slots=True)
class SeriesGraph:
    nodes: list[str]
    # (source, target, strength)
    edges: list[tuple[str, str, float]]


@dataclass(frozen=True, slots=True)
class EntityScore:
    id: str
    importance: float
    community: int


async def series_graph(store: GraphStore, series_id: str) -> SeriesGraph:
    nodes = [row["id"] for row in await store.read("series_entity_ids", seriesId=series_id)]
    edges = [(row["source"], row["target"], float(row["strength"]))
             for row in await store.read("series_relations", seriesId=series_id)]
    return SeriesGraph(nodes=nodes, edges=edges)


async def write_entity_scores(store: GraphStore, series_id: str, scores: list[EntityScore]) -> None:
    rows = [{"id": s.id, "importance": s.importance, "community": s.community} for s in scores]
    for start in range(0, len(rows), SCORE_BATCH):
        await store.write("write_entity_scores", seriesId=series_id, rows=rows[start:start + SCORE_BATCH])
