"""The ingestion pipeline on the demo series, in process, against the real embedded stores."""

from __future__ import annotations

import pytest

from cli.local_ingest import demo_items, ingest_files
from explainer.core.settings import Settings
from graph.stores import open_store
from seeds.loader import demo_episodes
from tests.conftest import graph_counts

pytestmark = [pytest.mark.graph, pytest.mark.slow]


async def test_demo_series_builds_the_graph(demo_graph: Settings) -> None:
    store = open_store(demo_graph)
    try:
        nodes, rels = await graph_counts(store)
        assert nodes["Series"] == 2 and nodes["Video"] == 5
        assert nodes["Segment"] > 100 and nodes["Line"] > 600 and nodes["Entity"] > 10 and nodes["Reference"] > 10
        for rel in ("OF_SERIES", "IN_VIDEO", "NEXT", "IN_SEGMENT", "MENTIONED_IN", "RELATED_TO", "REFERS_TO",
                    "SPOKEN_BY", "NEXT_EPISODE"):
            assert rels.get(rel, 0) > 0, rel
        assert rels["NEXT_EPISODE"] == 3  # 3 Korean episodes chained, 2 English
        for ep in demo_episodes():
            video = (await store.read("get_video", id=ep.video_id))[0]
            assert video["status"] == "ready" and video["progress"] == 100 and video["processedAt"]
            segments = await store.read("video_segments", videoId=ep.video_id)
            assert [s["index"] for s in segments] == sorted(s["index"] for s in segments)
        # entities belong to the series: the heroine of episode 1 is the same node in episode 3
        entities = {e["name"]: e for e in await store.read("series_entities", seriesId="spring-notebook")}
        assert "한미소" in entities
        heroine = entities["한미소"]
        assert {"미소"} <= set(heroine["aliases"])
        assert heroine["importance"] > 0
        videos = [r["videoId"] for r in await store.read("entity_videos", id=heroine["id"])]
        assert videos == ["spring-notebook-s01e01", "spring-notebook-s01e02", "spring-notebook-s01e03"]
    finally:
        await store.close()


async def test_ingesting_twice_changes_no_counts(demo_graph: Settings) -> None:
    store = open_store(demo_graph)
    try:
        before = await graph_counts(store)
        await ingest_files(demo_graph, demo_items()[:3])
        after = await graph_counts(store)
        assert after == before
    finally:
        await store.close()


async def test_every_character_has_importance_and_community(demo_graph: Settings) -> None:
    store = open_store(demo_graph)
    try:
        for series in ("spring-notebook", "harbor-lights"):
            characters = await store.read("series_character_scores", seriesId=series)
            assert len(characters) >= 4
            assert all(c["importance"] is not None and 0 < c["importance"] <= 1.0 for c in characters), characters
            assert all(isinstance(c["community"], int) for c in characters)
            assert characters[0]["importance"] == pytest.approx(1.0)  # the series' most central one
    finally:
        await store.close()
