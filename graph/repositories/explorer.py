"""Spoiler-bounded reads for the series explorer: the entity network, mentions, the timeline and
the question figures of a series as a viewer at one position knows them.

A position is an `AsOfBound`: every episode before `ordinal`, and episode `ordinal` up to `until`
seconds (the same predicate as explain's bound). Facts kept per episode (typed relations,
descriptions) count only for episodes watched to their end: those before `complete`. Importance
and communities are computed on the bounded graph, so a character who matters only later does
not stand out earlier. The statements are in `cypher/explorer_*.cypher`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.algorithms import compute_importance_and_communities
from graph.stores import GraphStore, Row

# the relation type ingestion derives from shared segments; counted here up to the bound instead
CO_APPEARANCE = "co_appearance"


@dataclass(frozen=True, slots=True)
class AsOfBound:
    """Episodes before `ordinal`, episode `ordinal` up to `until` s; `complete`: the episodes
    before it were watched to their end."""

    ordinal: int
    until: float
    complete: int


def co_appearance_strength(together: int) -> float:
    """The weight ingestion gives co-appearance (cypher/refresh_co_appearance.cypher)."""
    return 1.0 - 1.0 / (1.0 + together / 3.0)


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    source: str
    target: str
    type: str
    strength: float


@dataclass(frozen=True, slots=True)
class NetworkNode:
    id: str
    name: str
    aliases: list[str]
    type: str
    description: str | None
    mentions: int
    importance: float
    community: int
    first_video_id: str
    first_ordinal: int
    first_at: float


@dataclass(frozen=True, slots=True)
class Network:
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


async def network(store: GraphStore, *, series_id: str, entity_type: str | None, bound: AsOfBound,
                  limit: int) -> Network:
    """The `limit` most mentioned entities met by the bound, the relations between them known by
    then, and importance (PageRank) and communities (Louvain) of that bounded graph."""
    at = {"ordinal": bound.ordinal, "until": bound.until}
    rows = await store.read("explorer_entities_as_of", seriesId=series_id, type=entity_type, limit=limit, **at)
    ids = [str(r["id"]) for r in rows]
    if not ids:
        return Network(nodes=[], edges=[])
    details = {r["id"]: r for r in await store.read("explorer_entity_details_as_of", ids=ids,
                                                    complete=bound.complete, **at)}
    together = await store.read("explorer_co_appearance_as_of", ids=ids, **at)
    typed = await store.read("explorer_relations_as_of", ids=ids, complete=bound.complete,
                             derivedType=CO_APPEARANCE)
    edges = [NetworkEdge(str(r["source"]), str(r["target"]), CO_APPEARANCE,
                         co_appearance_strength(int(r["together"]))) for r in together]
    edges += [NetworkEdge(str(r["source"]), str(r["target"]), str(r["type"] or "related"), float(r["strength"]))
              for r in typed]
    scores = compute_importance_and_communities(ids, [(e.source, e.target, e.strength) for e in edges])
    nodes = []
    for row in rows:
        detail = details.get(row["id"], {})
        score = scores[row["id"]]
        nodes.append(NetworkNode(
            id=str(row["id"]), name=str(row["name"] or ""), aliases=[str(a) for a in detail.get("aliases") or []],
            type=str(row["type"] or "concept"), description=detail.get("description"),
            mentions=int(row["mentions"] or 0), importance=score.importance, community=score.community,
            first_video_id=str(row["firstVideoId"]), first_ordinal=int(row["firstOrdinal"]),
            first_at=float(row["firstAt"])))
    return Network(nodes=nodes, edges=edges)


@dataclass(frozen=True, slots=True)
class MentionsKey:
    """An entity's mentions up to a bound, at most `limit` of them."""

    entity_id: str
    ordinal: int
    until: float
    limit: int = 100


async def mentions_as_of(store: GraphStore, keys: Sequence[MentionsKey]) -> list[list[Row]]:
    """Per key: the entity's mentions up to the bound in viewing order, rows shaped like
    `entity_mentions` (a segment the bound cuts ends at the bound, without its text)."""
    rows = await store.read("explorer_mentions_as_of", keys=[
        {"key": i, "entityId": k.entity_id, "ordinal": k.ordinal, "until": float(k.until), "limit": k.limit}
        for i, k in enumerate(keys)])
    found = {int(r["key"]): list(r["rows"] or []) for r in rows}
    return [found.get(i, []) for i in range(len(keys))]


async def timeline_as_of(store: GraphStore, *, series_id: str, entity_id: str | None, bound: AsOfBound,
                         limit: int) -> list[Row]:
    """Rows shaped like `entities.timeline`, up to the bound."""
    return await store.read("explorer_timeline_as_of", seriesId=series_id, entityId=entity_id,
                            ordinal=bound.ordinal, until=bound.until, limit=limit)


async def questions_per_episode(store: GraphStore, *, series_id: str, bound: AsOfBound) -> list[Row]:
    """`[{videoId, ordinal, questions, helpful, notHelpful}]` for episodes up to the bound."""
    return await store.read("explorer_questions_per_episode", seriesId=series_id, ordinal=bound.ordinal,
                            until=bound.until)


async def most_asked_lines_as_of(store: GraphStore, *, series_id: str, bound: AsOfBound, limit: int) -> list[Row]:
    """`[{videoId, text, count, at, segmentId, helpful, rated}]`: the selections asked most,
    only those asked at a moment the viewer has seen."""
    return await store.read("explorer_most_asked_lines_as_of", seriesId=series_id, ordinal=bound.ordinal,
                            until=bound.until, limit=limit)
