"""The product's own statements end to end on every backend available (FalkorDB always; Neo4j
when NEO4J_URI is set): ingestion and its idempotency, explain, GraphQL reads and a delete.
Most product tests run on the embedded store only; this is the part that re-runs on Neo4j."""

from __future__ import annotations

import pytest

from cli.local_ingest import demo_items, ingest_files
from explainer.core.settings import Settings
from graph.stores import GraphStore
from tests.conftest import graph_counts
from tests.e2e.conftest import app_client
from tests.e2e.graphql_support import gql

pytestmark = [pytest.mark.graph, pytest.mark.slow]

ADMIN = "test-admin"


async def test_ingest_explain_query_and_delete(store: GraphStore, backend_settings: Settings,
                                               redis_client: object) -> None:
    settings = backend_settings  # `store` made its graph empty, with the schema
    korean = demo_items()[:2]
    first = await ingest_files(settings, korean)
    assert [r["status"] for r in first] == ["ready", "ready"]
    graph = store
    try:
        counts = await graph_counts(graph)
        await ingest_files(settings, korean[1:])  # re-running an episode changes nothing
        assert await graph_counts(graph) == counts
        nodes, rels = counts
        assert nodes["Video"] == 2 and rels["NEXT_EPISODE"] == 1 and rels["MENTIONED_IN"] > 20

        async for http in app_client(settings):
            answer = await http.post("/api/explain", json={
                "videoId": "spring-notebook-s01e02", "selectedText": "미소 씨는 그때 뭐 했어요?", "timestamp": 300.0})
            assert answer.status_code == 200, answer.text
            explanation = answer.json()["data"]["explanation"]
            assert explanation["text"]
            assert all(ref["episode"] in (1, 2) for ref in explanation["references"])
            data = await gql(http, """{ video(id: "spring-notebook-s01e02") { episode status
                                         segmentAt(time: 300) { index start }
                                         entities(first: 5) { name type } } }""")
            video = data["video"]
            assert video["status"] == "ready" and video["segmentAt"]["start"] <= 300
            assert video["entities"]
            search = await gql(http, '{ search(seriesId: "spring-notebook", text: "미소", first: 3) '
                                     '{ lines { line { text } } segments { score } } }')
            assert search["search"]["lines"] and search["search"]["segments"]
            deleted = await gql(http, 'mutation { deleteVideo(videoId: "spring-notebook-s01e02") { __typename } }',
                                key=ADMIN)
            assert deleted["deleteVideo"]["__typename"]
        nodes_after, _ = await graph_counts(graph)
        assert nodes_after["Video"] == 1 and nodes_after["Segment"] < nodes["Segment"]
    finally:
        await graph.drop_all()
