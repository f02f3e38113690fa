"""An episode's analysis is rewritten as one unit of work: a statement of the unit that fails
leaves the previous analysis as it was (nothing sent on FalkorDB, rolled back on Neo4j)."""

from __future__ import annotations

import pytest

from graph.repositories.analysis import EpisodeAnalysis, rewrite_episode_analysis
from graph.repositories.entities import series_entities
from graph.stores import GraphStore
from tests.graph.test_store_contract import seed_video

pytestmark = pytest.mark.graph


def _analysis(names: list[str]) -> EpisodeAnalysis:
    entities = [{"id": f"s1:character:{n}", "seriesId": "s1", "name": n, "type": "character", "aliases": [],
                 "aliasText": n} for n in names]
    mentions = [{"entityId": e["id"], "segmentId": "v1:seg:00000", "count": 1, "firstAt": 1.0} for e in entities]
    return EpisodeAnalysis(entities=entities, mentions=mentions)


async def _names(store: GraphStore) -> list[str]:
    return sorted(str(e["name"]) for e in await series_entities(store, "s1"))


async def test_a_failing_statement_leaves_the_previous_analysis(store: GraphStore) -> None:
    await seed_video(store)
    await store.write("merge_segments", segments=[
        {"id": "v1:seg:00000", "videoId": "v1", "seriesId": "s1", "ordinal": 1001, "index": 0, "start": 0.0,
         "end": 30.0, "text": "미소와 도윤"}])
    await rewrite_episode_analysis(store, video_id="v1", series_id="s1", analysis=_analysis(["미소", "도윤"]))
    assert await _names(store) == ["도윤", "미소"]

    broken = _analysis(["지훈"])
    # a parameter neither backend can send: FalkorDB refuses the empty map key before EXEC,
    # the Neo4j driver refuses the value inside the transaction
    broken.segment_facts = [{"id": "v1:seg:00000", "": object()}]
    with pytest.raises(Exception):  # noqa: B017 - each backend raises its own error
        await rewrite_episode_analysis(store, video_id="v1", series_id="s1", analysis=broken)
    assert await _names(store) == ["도윤", "미소"]  # not cleared, not half rewritten

    await rewrite_episode_analysis(store, video_id="v1", series_id="s1", analysis=_analysis(["지훈"]))
    assert await _names(store) == ["지훈"]
