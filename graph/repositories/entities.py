"""Entities of a series: batch reads (mentions, relations, per-video lists), the timeline of
appearances, and merging a duplicate into the entity it duplicates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from explainer.core.errors import InvalidRequest, NotFound
from graph.stores import GraphStore, Row


async def entities_by_ids(store: GraphStore, ids: Sequence[str]) -> dict[str, Row]:
    return {r["id"]: r for r in await store.read("entities_by_ids", ids=list(ids))}


async def series_of_entity(store: GraphStore, entity_id: str) -> str | None:
    rows = await store.read("entities_by_ids", ids=[entity_id])
    return str(rows[0]["seriesId"]) if rows else None


async def series_entities(store: GraphStore, series_id: str) -> list[Row]:
    """`[{id, name, aliases, type, importance, mentions, description}]`, the rows entity
    resolution (`explainer.ingest.resolution.EntityResolver`) starts from."""
    return await store.read("series_entities", seriesId=series_id)


async def _grouped(store: GraphStore, statement: str, group: str, keys: Sequence[str],
                   **params: object) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in await store.read(statement, **params):
        grouped[row[group]].append(row)
    return {k: grouped.get(k, []) for k in keys}


async def video_entities(store: GraphStore, video_ids: Sequence[str]) -> dict[str, list[Row]]:
    """Per video: `{videoId, id, count}` for each entity mentioned there, most mentioned first."""
    return await _grouped(store, "video_entities", "videoId", video_ids, videoIds=list(video_ids))


async def entity_mentions(store: GraphStore, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Per entity: its mentions in viewing order (episode ordinal, then time)."""
    return await _grouped(store, "entity_mentions", "entityId", ids, ids=list(ids))


async def entity_relations(store: GraphStore, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Per entity: relations in both directions, strongest first."""
    return await _grouped(store, "entity_relations", "entityId", ids, ids=list(ids))


async def timeline(store: GraphStore, *, series_id: str, entity_id: str | None, limit: int) -> list[Row]:
    return await store.read("series_timeline", seriesId=series_id, entityId=entity_id, limit=limit)


@dataclass(frozen=True)
class MergeResult:
    keep_id: str
    merged_ids: list[str]
    moved: dict[str, int]


_MOVES = (("mentions", "move_entity_mentions"), ("speakers", "move_entity_speakers"),
          ("references", "move_entity_references"), ("relationsOut", "move_entity_relations_out"),
          ("relationsIn", "move_entity_relations_in"), ("descriptions", "move_entity_descriptions"),
          ("sources", "move_entity_sources"))


async def merge_entities(store: GraphStore, keep_id: str, duplicate_ids: Sequence[str]) -> MergeResult:
    """Folds each duplicate into `keep_id`: every mention, spoken line, reference, typed relation,
    description and source moves over, the duplicate's names become aliases, the duplicate goes.
    Co-appearance weights and mention totals are recomputed for the series afterwards."""
    duplicates = [d for d in dict.fromkeys(duplicate_ids) if d != keep_id]
    if not duplicates:
        raise InvalidRequest("give at least one entity id other than the one to keep")
    found = await entities_by_ids(store, [keep_id, *duplicates])
    missing = [i for i in (keep_id, *duplicates) if i not in found]
    if missing:
        raise NotFound(f"no entity with id {', '.join(missing)}")
    keep = found[keep_id]
    if any(found[d]["seriesId"] != keep["seriesId"] for d in duplicates):
        raise InvalidRequest("entities of different series cannot be merged")
    names: list[str] = list(keep["aliases"] or [])
    for duplicate in duplicates:
        for name in (found[duplicate]["name"], *(found[duplicate]["aliases"] or [])):
            if name and name != keep["name"] and name not in names:
                names.append(name)
    moved: dict[str, int] = defaultdict(int)
    for duplicate in duplicates:
        for kind, statement in _MOVES:
            rows = await store.write(statement, duplicateId=duplicate, keepId=keep_id)
            moved[kind] += int(rows[0]["moved"]) if rows else 0
        await store.write("delete_entity", id=duplicate)
    await store.write("set_entity_names", id=keep_id, aliases=names, aliasText=" ".join([keep["name"], *names]))
    series_id = keep["seriesId"]
    await store.write("delete_series_co_appearance", seriesId=series_id)
    await store.write("refresh_co_appearance", seriesId=series_id)
    await store.write("refresh_entity_mentions", seriesId=series_id)
    return MergeResult(keep_id=keep_id, merged_ids=duplicates, moved=dict(moved))


async def prune_series_entities(store: GraphStore, series_id: str) -> int:
    """After a deletion: recompute co-appearance and mention totals, drop entities nothing
    mentions any more and sources that describe nothing. Returns how many entities went."""
    await store.write("delete_series_co_appearance", seriesId=series_id)
    await store.write("refresh_co_appearance", seriesId=series_id)
    await store.write("refresh_entity_mentions", seriesId=series_id)
    rows = await store.write("delete_unmentioned_entities", seriesId=series_id)
    await store.write("delete_orphan_sources")
    return int(rows[0]["deleted"]) if rows else 0


async def fold_stored_duplicates(store: GraphStore, duplicates: dict[str, list[str]]) -> list[MergeResult]:
    """Ingestion's fold: for each kept entity, the duplicates analysis joined to it that are still
    in the store (an earlier episode's node named by what turned out to be an alias) are merged
    into it like a curator's merge. Duplicates (or keeps) no longer there are skipped, so running
    it again after a re-ingestion changes nothing."""
    results: list[MergeResult] = []
    for keep_id, duplicate_ids in sorted(duplicates.items()):
        found = await entities_by_ids(store, [keep_id, *duplicate_ids])
        present = [d for d in duplicate_ids if d in found and d != keep_id]
        if keep_id in found and present:
            results.append(await merge_entities(store, keep_id, present))
    return results
