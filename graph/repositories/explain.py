"""Spoiler-bounded reads for explain, and the Question log. Every read takes the viewer's
position (`ordinal` of the episode, `until` = seconds visible in it) and returns only what
was visible there; the statements are in `cypher/explain_*.cypher`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.stores import GraphStore, Row

RECENT_LINES = 14
SCENE_ENTITIES = 20
NEAR_REFERENCES = 20
RELATIONS_PER_ENTITY = 5
# the vector index is searched for this many neighbours per wanted moment: most of them are
# from other series, later episodes or the current scene and get filtered out
OVERFETCH = 8


async def segment_at(store: GraphStore, *, video_id: str, at: float) -> Row | None:
    rows = await store.read("explain_segment_at", videoId=video_id, at=at)
    return rows[0] if rows else None


async def recent_lines(store: GraphStore, *, video_id: str, since: float, until: float,
                       limit: int = RECENT_LINES) -> list[Row]:
    """Lines of the episode starting in [since, until], oldest first."""
    rows = await store.read("explain_recent_lines", videoId=video_id, **{"from": since}, until=until, limit=limit)
    return list(reversed(rows))


async def scene_entities(store: GraphStore, *, video_id: str, since: float, until: float,
                         limit: int = SCENE_ENTITIES) -> list[Row]:
    return await store.read("explain_scene_entities", videoId=video_id, **{"from": since}, until=until, limit=limit)


async def references_near(store: GraphStore, *, video_id: str, since: float, until: float,
                          limit: int = NEAR_REFERENCES) -> list[Row]:
    return await store.read("explain_references_near", videoId=video_id, **{"from": since}, until=until,
                            limit=limit)


async def similar_segments(store: GraphStore, *, vector: Sequence[float], series_id: str, ordinal: int,
                           before: float, k: int) -> list[Row]:
    """`[{id, score}]`: segments of the series that ended before the viewer's current scene."""
    return await store.read("explain_similar_segments", vector=list(vector), seriesId=series_id, ordinal=ordinal,
                            before=before, k=k, candidates=max(k * OVERFETCH, 40))


async def lines_like(store: GraphStore, *, text: str, series_id: str, k: int = 20) -> list[Row]:
    """`[{id, score}]`: lines of the series sharing words with `text` (not bounded: pass the ids
    through `visible_lines`)."""
    return await store.fulltext_search("line", text, k, seriesId=series_id)


async def visible_lines(store: GraphStore, *, line_ids: list[str], series_id: str, ordinal: int,
                        before: float) -> list[Row]:
    if not line_ids:
        return []
    return await store.read("explain_lines", ids=line_ids, seriesId=series_id, ordinal=ordinal, before=before)


async def moments(store: GraphStore, *, segment_ids: list[str]) -> list[Row]:
    if not segment_ids:
        return []
    return await store.read("explain_moments", ids=segment_ids)


async def entity_facts(store: GraphStore, *, entity_ids: list[str], ordinal: int, until: float) -> list[Row]:
    """Entities without a visible mention are left out: the viewer has not met them yet."""
    if not entity_ids:
        return []
    return await store.read("explain_entity_facts", ids=entity_ids, ordinal=ordinal, until=until)


async def entity_relations(store: GraphStore, *, entity_ids: list[str], ordinal: int, until: float,
                           limit: int = RELATIONS_PER_ENTITY) -> list[Row]:
    if not entity_ids:
        return []
    return await store.read("explain_entity_relations", ids=entity_ids, ordinal=ordinal, until=until, limit=limit)


async def record_question(store: GraphStore, *, question_id: str, video_id: str, text: str, at: float,
                          response_ms: int, cached: bool, degraded: bool, asked_at: str) -> None:
    await store.write("record_question", id=question_id, videoId=video_id, text=text, at=at,
                      responseMs=response_ms, cached=cached, degraded=degraded, askedAt=asked_at)


async def set_feedback(store: GraphStore, *, question_id: str, helpful: bool, comment: str | None,
                       feedback_at: str) -> bool:
    """False when there is no such question."""
    rows = await store.write("set_question_feedback", id=question_id, helpful=helpful, comment=comment,
                             feedbackAt=feedback_at)
    return bool(rows)


async def get_question(store: GraphStore, question_id: str) -> dict[str, Any] | None:
    rows = await store.read("get_question", id=question_id)
    return rows[0] if rows else None
