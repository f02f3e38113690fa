"""What analysis derived from one episode: entities, mentions, speakers, references, relations,
descriptions and segment facts. An episode's analysis is rewritten as one unit of work (one
transaction on Neo4j, so a failure never leaves an episode half cleared; one pipeline on
FalkorDB, where a failure part-way is repaired by the job's retry, which rewrites it all)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.stores import GraphStore, WriteUnit

Params = dict[str, Any]


@dataclass(frozen=True, slots=True)
class PriorEntity:
    """An entity mentioned in an earlier episode of the series."""

    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: int
    importance: float
    # series-wide clock: episode ordinal * 100000 + seconds of the last mention
    last_seen: float


@dataclass
class EpisodeAnalysis:
    """Statement parameters, one dict per node or relationship (see the `merge_*` statements)."""

    entities: list[Params] = field(default_factory=list)
    mentions: list[Params] = field(default_factory=list)
    speakers: list[Params] = field(default_factory=list)
    references: list[Params] = field(default_factory=list)
    relations: list[Params] = field(default_factory=list)
    descriptions: list[Params] = field(default_factory=list)
    segment_facts: list[Params] = field(default_factory=list)


async def entities_before(store: GraphStore, *, series_id: str, ordinal: int) -> list[PriorEntity]:
    rows = await store.read("known_entities_before", seriesId=series_id, ordinal=ordinal)
    return [PriorEntity(id=r["id"], name=r["name"], type=r["type"] or "concept", aliases=list(r["aliases"] or []),
                        mentions=int(r["mentions"] or 0), importance=float(r["importance"] or 0.0),
                        last_seen=float(r["lastSeen"] or 0.0)) for r in rows]


def _chunks(rows: list[Params], size: int) -> Iterator[list[Params]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _write_all(unit: WriteUnit, name: str, key: str, rows: list[Params], size: int) -> None:
    for chunk in _chunks(rows, size):
        unit.write(name, **{key: chunk})


async def rewrite_episode_analysis(store: GraphStore, *, video_id: str, series_id: str,
                                   analysis: EpisodeAnalysis) -> None:
    """Clears what an earlier run derived from the episode and writes `analysis`, then refreshes
    the series-wide aggregates (co-appearance, mention counts, entities no longer mentioned)."""
    async with store.unit_of_work() as unit:
        unit.write("clear_video_analysis", videoId=video_id)
        unit.write("clear_video_descriptions", videoId=video_id)
        _write_all(unit, "merge_entities", "entities", analysis.entities, 500)
        _write_all(unit, "merge_mentions", "mentions", analysis.mentions, 1000)
        _write_all(unit, "merge_speakers", "speakers", analysis.speakers, 1000)
        _write_all(unit, "merge_references", "references", analysis.references, 1000)
        _write_all(unit, "merge_relations", "relations", analysis.relations, 1000)
        _write_all(unit, "merge_entity_descriptions", "descriptions", analysis.descriptions, 1000)
        _write_all(unit, "set_segment_facts", "segments", analysis.segment_facts, 500)
        unit.write("refresh_co_appearance", seriesId=series_id)
        unit.write("refresh_entity_mentions", seriesId=series_id)
        unit.write("delete_unmentioned_entities", seriesId=series_id)
