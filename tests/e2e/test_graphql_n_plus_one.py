"""No N+1: 20 videos × their entities × their relations (and mentions, and the videos of those
mentions) are answered by a bounded number of graph queries, the same for 5 videos as for 20."""

from __future__ import annotations

import pytest

from explainer.core.settings import Settings
from graph.repositories.videos import merge_series, register_video
from graph.stores import GraphStore
from tests.conftest import fresh_store
from tests.e2e.graphql_support import app_client, gql
from tests.support.counting_store import CountingStore

pytestmark = [pytest.mark.e2e, pytest.mark.graph]

SERIES = "n-plus-one"
VIDEOS = 20
CHARACTERS = 12

QUERY = """query($first: Int!) { videos(seriesId: "n-plus-one", first: $first) { edges { node {
  id title
  entities(first: 10) { id name
    mentions(first: 3) { at episode video { title } }
    relations(first: 10) { type strength entity { name firstAppearance { at } } } } } } } }"""


async def _build(store: GraphStore) -> None:
    """A series of 20 episodes; each mentions 4 of 12 characters, who co-appear and are related."""
    await merge_series(store, series_id=SERIES, title="N plus one", platform="local", language="en")
    characters = [{"id": f"{SERIES}:character:c{i}", "seriesId": SERIES, "type": "character", "name": f"C{i}",
                   "aliases": [], "aliasText": f"C{i}"} for i in range(CHARACTERS)]
    await store.write("merge_entities", entities=characters)
    mentions, relations = [], []
    for n in range(1, VIDEOS + 1):
        video_id = f"{SERIES}-e{n:02d}"
        await register_video(store, video_id=video_id, series_id=SERIES, status="ready",
                             registered_at="2026-01-01T00:00:00+00:00", platform="local", title=f"Episode {n}",
                             season=1, episode=n, duration=60.0, language="en", url=None, subtitle_url=None,
                             callback_url=None)
        await store.write("merge_segments", segments=[
            {"id": f"{video_id}:seg:{i:05d}", "videoId": video_id, "seriesId": SERIES, "ordinal": 1000 + n,
             "index": i, "start": 30.0 * i, "end": 30.0 * (i + 1), "text": f"segment {i}"} for i in range(2)])
        cast = [characters[(n + k) % CHARACTERS]["id"] for k in range(4)]
        for k, entity_id in enumerate(cast):
            mentions.append({"entityId": entity_id, "segmentId": f"{video_id}:seg:{k % 2:05d}", "count": 1 + k,
                             "firstAt": 30.0 * (k % 2) + k})
        relations.append({"sourceId": cast[0], "targetId": cast[1], "type": "friend", "strength": 0.5,
                          "ordinal": 1000 + n, "videoId": video_id})
    await store.write("merge_mentions", mentions=mentions)
    await store.write("merge_relations", relations=relations)
    await store.write("refresh_co_appearance", seriesId=SERIES)
    await store.write("refresh_entity_mentions", seriesId=SERIES)


@pytest.fixture
async def n1_settings(settings: Settings, redis_client: object) -> Settings:
    n1 = settings.model_copy(update={"graph_name": "gql_n_plus_one"})
    store = await fresh_store(n1)
    try:
        await _build(store)
    finally:
        await store.close()
    return n1


async def test_a_nested_list_query_runs_a_bounded_number_of_graph_queries(n1_settings: Settings) -> None:
    async with app_client(n1_settings) as (app, http):
        counting = CountingStore(app.state.explainer.store)
        app.state.explainer.store = counting

        counts: dict[int, int] = {}
        for first in (5, 20):
            counting.reset()
            data = await gql(http, QUERY, {"first": first})
            videos = [e["node"] for e in data["videos"]["edges"]]
            assert len(videos) == first
            entities = [e for v in videos for e in v["entities"]]
            relations = [r for e in entities for r in e["relations"]]
            mentions = [m for e in entities for m in e["mentions"]]
            assert len(entities) == 4 * first and relations and mentions
            assert all(r["entity"]["firstAppearance"] for r in relations)
            assert all(m["video"]["title"].startswith("Episode") for m in mentions)
            counts[first] = counting.total
            if first == 20:
                # one query per level: the page, entities of all videos, mentions of all entities,
                # relations of all entities, the mentions of related entities not seen yet
                assert len(entities) == 80 and len(relations) > 80
                assert counting.calls["list_videos"] == 1 and counting.calls["video_entities"] == 1
                assert counting.calls["entity_relations"] == 1 and counting.calls["entity_mentions"] <= 2
                assert counting.calls["videos_by_ids"] == 0  # the page primed the video loader
        assert counts[20] <= 5 and counts[5] <= 6, (counts, counting.calls)
        # a naive resolver would have run 1 + 20 + 80 × 3 + … queries for the same answer
