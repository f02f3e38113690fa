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
# characters of the cast listed in a reading packet
CAST = 80
RELATIONS_PER_ENTITY = 5
# companions in the current episode are counted over its last ten minutes up to the bound
COMPANION_SECONDS = 600.0
# the vector index is searched for this many neighbours per wanted moment: most of them are
# from other series, later episodes or the current scene and get filtered out
OVERFETCH = 8


async def recent_lines(store: GraphStore, *, video_id: str, since: float, until: float,
                       limit: int = RECENT_LINES) -> list[Row]:
    """Lines of the episode starting in [since, until], oldest first."""
    rows = await store.read("explain_recent_lines", videoId=video_id, since=since, until=until, limit=limit)
    return list(reversed(rows))


async def scene_entities(store: GraphStore, *, video_id: str, since: float, until: float,
                         scene_since: float | None = None, limit: int = SCENE_ENTITIES) -> list[Row]:
    """Entities mentioned in [since, until], the latest first; `sceneAt` is their first mention
    in the segments reaching past `scene_since` (default `since`), None when they have none."""
    return await store.read("explain_scene_entities", videoId=video_id, since=since, until=until,
                            sceneSince=since if scene_since is None else scene_since, limit=limit)


async def references_near(store: GraphStore, *, video_id: str, since: float, until: float,
                          limit: int = NEAR_REFERENCES) -> list[Row]:
    return await store.read("explain_references_near", videoId=video_id, since=since, until=until,
                            limit=limit)


async def cast_before(store: GraphStore, *, series_id: str, ordinal: int, until: float, limit: int = CAST,
                      relations: int = RELATIONS_PER_ENTITY) -> list[Row]:
    """`[{id, name, aliases, mentions, firstSeen, lastSeen, description, relations: [{name, type}]}]`:
    the characters of the series the viewer has seen by the bound, the most mentioned first;
    `firstSeen` / `lastSeen` on the series clock (ordinal * 100000 + seconds)."""
    return await store.read("explain_cast", seriesId=series_id, ordinal=ordinal, until=until, limit=limit,
                            relations=relations)


async def previous_episode_lines(store: GraphStore, *, series_id: str, ordinal: int, limit: int) -> list[Row]:
    """The last `limit` lines of the series' latest ready episode before `ordinal`, oldest first,
    each with the episode's `videoId`, `season` and `episode`."""
    rows = await store.read("explain_previous_lines", seriesId=series_id, ordinal=ordinal, limit=limit)
    return list(reversed(rows))


async def similar_segments(store: GraphStore, *, vector: Sequence[float], series_id: str, ordinal: int,
                           before: float, k: int) -> list[Row]:
    """Segments of the series like `vector` that ended before the viewer's current scene, with
    their video, text and the entities mentioned in them, most similar first."""
    return await store.read("explain_similar_segments", vector=list(vector), seriesId=series_id, ordinal=ordinal,
                            before=before, k=k, candidates=max(k * OVERFETCH, 40))


async def echoed_lines(store: GraphStore, *, texts: list[str], series_id: str, ordinal: int, before: float,
                       k: int = 5) -> list[Row]:
    """Lines of the series holding every word of one of `texts` (the best `k` for each) that the
    viewer saw before `before` in this episode (or in an earlier one), with their speaker; in one
    statement (a line that several texts find comes once per text)."""
    queries = [q for q in (store.fulltext_query(t, match_all=True) for t in texts) if q]
    if not queries:
        return []
    return await store.read("explain_echo_lines", queries=queries, seriesId=series_id, ordinal=ordinal,
                            before=before, k=k, candidates=k * OVERFETCH)


async def entities_named(store: GraphStore, *, text: str, series_id: str, k: int) -> list[Row]:
    """`[{id, score}]`: entities of the series whose name or alias is a word of `text`."""
    return await store.fulltext_search("entity", text, k, seriesId=series_id)


async def entity_facts(store: GraphStore, *, entity_ids: list[str], ordinal: int, until: float,
                       relations: int = RELATIONS_PER_ENTITY) -> list[Row]:
    """Entities without a visible mention are left out: the viewer has not met them yet. Each row
    holds `relations: [{id, name, type}]` too, those established in earlier episodes, strongest
    first (read with the facts: one statement, one round trip fewer)."""
    if not entity_ids:
        return []
    return await store.read("explain_entity_facts", ids=entity_ids, ordinal=ordinal, until=until,
                            relations=relations)


async def scene_companions(store: GraphStore, *, entity_ids: list[str], video_id: str, until: float,
                           limit: int = RELATIONS_PER_ENTITY) -> list[Row]:
    """`[{id, companions: [{id, name, type, count}]}]`: who each entity was seen with in this
    episode over the last COMPANION_SECONDS up to the bound, and in how many segments."""
    if not entity_ids:
        return []
    return await store.read("explain_scene_companions", ids=entity_ids, videoId=video_id,
                            since=max(0.0, until - COMPANION_SECONDS), until=until, limit=limit)


async def record_questions(store: GraphStore, questions: list[dict[str, Any]]) -> None:
    """Rows of {id, videoId, text, at, responseMs, cached, degraded, askedAt}."""
    if questions:
        await store.write("record_questions", questions=questions)


async def set_feedback(store: GraphStore, *, question_id: str, helpful: bool, comment: str | None,
                       feedback_at: str) -> bool:
    """False when there is no such question."""
    rows = await store.write("set_question_feedback", id=question_id, helpful=helpful, comment=comment,
                             feedbackAt=feedback_at)
    return bool(rows)


async def get_question(store: GraphStore, question_id: str) -> dict[str, Any] | None:
    rows = await store.read("get_question", id=question_id)
    return rows[0] if rows else None
