"""GraphQL queries over HTTP on the demo series (read-only: the session's demo graph)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from explainer.core.settings import Settings
from seeds.loader import demo_facts
from tests.e2e.graphql_support import app_client, gql

pytestmark = [pytest.mark.e2e, pytest.mark.graph]

SERIES = "spring-notebook"


@pytest.fixture
async def http(demo_graph: Settings, redis_client: object) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(demo_graph) as (_, client):
        yield client


async def test_graphiql_is_served(http: httpx.AsyncClient) -> None:
    page = await http.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


async def test_series_and_cursor_pagination(http: httpx.AsyncClient) -> None:
    data = await gql(http, """{ seriesList(first: 1) { totalCount pageInfo { hasNextPage endCursor }
                                 edges { node { id title episodeCount } } }
                               series(id: "spring-notebook") { id title language
                                 videos { id episode } } }""")
    assert data["seriesList"]["totalCount"] == 2 and data["seriesList"]["pageInfo"]["hasNextPage"]
    assert data["series"]["title"] == "수첩 속의 봄" and data["series"]["language"] == "ko"
    assert [v["episode"] for v in data["series"]["videos"]] == [1, 2, 3]

    seen, after, pages = [], None, 0
    query = """query($after: String) { videos(first: 2, after: $after) { totalCount
                 pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id status } } } }"""
    while True:
        page = (await gql(http, query, {"after": after}))["videos"]
        pages += 1
        assert page["totalCount"] == 5 and page["pageInfo"]["hasPreviousPage"] == (after is not None)
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 3 and len(seen) == len(set(seen)) == 5

    filtered = await gql(http, """{ videos(seriesId: "spring-notebook", status: "ready") {
                                      totalCount edges { node { id episode } } } }""")
    assert filtered["videos"]["totalCount"] == 3
    assert [e["node"]["episode"] for e in filtered["videos"]["edges"]] == [1, 2, 3]
    none = await gql(http, '{ videos(status: "error") { totalCount edges { node { id } } } }')
    assert none["videos"] == {"totalCount": 0, "edges": []}
    assert (await gql(http, '{ series(id: "nope") { id } video(id: "nope") { id } entity(id: "nope") { id } }')) \
        == {"series": None, "video": None, "entity": None}


async def test_video_segments_lines_entities_references(http: httpx.AsyncClient) -> None:
    data = (await gql(http, """{ video(id: "spring-notebook-s01e01") {
        id title season episode status progress step processedAt degraded error { code }
        llmUsage { provider calls inputTokens outputTokens estimatedCostUsd }
        series { id }
        segments(from: 30, to: 95) { index start end text topics complexity importance }
        segmentAt(time: 62.3) { index start end video { id } lines(first: 3) { start text } }
        lines(from: 60, to: 70) { index start end text speaker }
        entities(type: "character", first: 5) { name type mentionCount }
        references(first: 3) { expression at confidence entity { name } segment { index } }
        questions(first: 5) { totalCount edges { node { id } } } } }"""))["video"]
    assert data["status"] == "ready" and data["progress"] == 100 and data["step"] == "done"
    assert data["error"] is None and data["llmUsage"]["provider"] == "offline" and data["llmUsage"]["calls"] > 0
    assert data["series"]["id"] == SERIES and data["season"] == 1 and data["episode"] == 1
    assert [s["index"] for s in data["segments"]] == [1, 2, 3]  # 30 s windows overlapping [30, 95)
    assert all(s["topics"] for s in data["segments"])
    at = data["segmentAt"]
    assert at["start"] <= 62.3 < at["end"] and at["video"]["id"] == "spring-notebook-s01e01"
    assert all(at["start"] <= line["start"] < at["end"] for line in at["lines"])
    assert data["lines"] and all(60 <= line["start"] < 70 for line in data["lines"])
    assert [line["start"] for line in data["lines"]] == sorted(line["start"] for line in data["lines"])
    characters = data["entities"]
    assert characters and all(e["type"] == "character" for e in characters)
    assert "한미소" in {e["name"] for e in characters}
    assert len(data["references"]) == 3 and all(r["entity"]["name"] for r in data["references"])
    questions = data["questions"]  # explain tests may have asked some on the shared demo graph
    assert len(questions["edges"]) == min(questions["totalCount"], 5)


async def test_entity_mentions_relations_first_appearance(http: httpx.AsyncClient) -> None:
    fact = demo_facts()["callback"]
    found = await gql(http, """query($s: ID!, $t: String!) { search(seriesId: $s, text: $t, first: 5) {
                                 entities { score entity { id name } } } }""", {"s": SERIES, "t": fact["referent"]})
    hits = found["search"]["entities"]
    entity_id = next(h["entity"]["id"] for h in hits if h["entity"]["name"] == fact["referent"])

    data = (await gql(http, """query($id: ID!) { entity(id: $id) {
        id name aliases type importance community mentionCount series { id }
        firstAppearance { at episode season video { id } segment { index start } }
        mentions(first: 100) { at count episode video { id } segment { id start end } }
        relations(first: 5) { type strength outgoing sinceOrdinal entity { id name } }
        coAppearance: relations(type: "co_appearance", first: 3) { type } } }""", {"id": entity_id}))["entity"]
    assert data["name"] == fact["referent"] and data["type"] == "character" and data["series"]["id"] == SERIES
    assert set(fact["referentAliases"]) & set(data["aliases"])
    first = data["firstAppearance"]
    assert first["video"]["id"] == fact["earlierVideoId"] and first["episode"] == 1
    mentions = data["mentions"]
    assert mentions[0] == {**mentions[0], "at": first["at"], "episode": 1}
    order = [(m["episode"], m["at"]) for m in mentions]
    assert order == sorted(order)
    assert sum(m["count"] for m in mentions) == data["mentionCount"]
    assert all(m["segment"]["start"] <= m["at"] < m["segment"]["end"] for m in mentions)
    relations = data["relations"]
    assert relations and all(r["entity"]["id"] != entity_id for r in relations)
    strengths = [r["strength"] for r in relations]
    assert strengths == sorted(strengths, reverse=True)
    assert all(r["type"] == "co_appearance" for r in data["coAppearance"])


async def test_timeline(http: httpx.AsyncClient) -> None:
    data = await gql(http, """query($heroine: ID!) { all: timeline(seriesId: "spring-notebook", first: 100) {
                                   entityId ordinal at mentions segments video { episode } }
                                 few: timeline(seriesId: "spring-notebook", first: 10) { entityId }
                                 one: timeline(seriesId: "spring-notebook", entityId: $heroine) {
                                   at mentions video { id episode } entity { name } } }""",
                     {"heroine": "spring-notebook:character:한미소"})
    everything = data["all"]
    assert len(everything) > 10 and len(data["few"]) == 10  # bounded by first
    assert {e["entityId"] for e in everything} >= {"spring-notebook:character:한미소"}
    order = [(e["ordinal"], e["at"]) for e in everything]
    assert order == sorted(order)
    assert all(e["video"]["episode"] == e["ordinal"] % 1000 for e in everything)
    heroine = data["one"]
    assert [e["video"]["episode"] for e in heroine] == [1, 2, 3]
    assert all(e["entity"]["name"] == "한미소" and e["mentions"] > 0 for e in heroine)


async def test_search_over_lines_entities_and_meaning(http: httpx.AsyncClient) -> None:
    data = (await gql(http, """{ search(seriesId: "spring-notebook", text: "미소", first: 5) {
        lines { score line { id videoId start text } }
        entities { score entity { name } }
        segments { score segment { id videoId } } } }"""))["search"]
    assert data["lines"] and all("미소" in hit["line"]["text"] for hit in data["lines"])
    assert all(hit["line"]["videoId"].startswith(SERIES) for hit in data["lines"])
    assert "한미소" in {hit["entity"]["name"] for hit in data["entities"]}
    assert len(data["segments"]) == 5 and all(0 <= hit["score"] <= 1 for hit in data["segments"])
    assert all(hit["segment"]["videoId"].startswith(SERIES) for hit in data["segments"])
    other = (await gql(http, '{ search(seriesId: "harbor-lights", text: "미소") { lines { score } } }'))["search"]
    assert other["lines"] == []


async def test_stats_on_the_demo(http: httpx.AsyncClient) -> None:
    data = (await gql(http, """{ stats { videosByStatus { status count } questions cacheHitRate
                                   averageResponseMs questionsPerDay { day count } mostAskedLines { text } } }"""))
    assert data["stats"]["videosByStatus"] == [{"status": "ready", "count": 5}]
