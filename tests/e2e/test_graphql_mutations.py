"""GraphQL mutations (behind API keys), stats over questions and the videoProgress subscription,
each on a graph of its own (the session's demo graph stays read-only)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI

from cli.local_ingest import demo_items, ingest_files
from explainer.core.settings import Settings
from graph.stores import GraphStore, open_store
from seeds.loader import demo_episodes
from tests.conftest import fresh_store, graph_counts
from tests.e2e.conftest import run_worker_burst
from tests.e2e.graphql_support import app_client, gql

pytestmark = [pytest.mark.e2e, pytest.mark.graph, pytest.mark.slow]

ADMIN, INGEST = "test-admin", "test-ingest"
EP1, EP2 = demo_episodes()[0], demo_episodes()[1]
SERIES = EP1.series_id


@pytest.fixture
async def curated(settings: Settings, redis_client: object) -> Settings:
    """The first two episodes of the Korean demo series, ingested into a graph of their own."""
    mine = settings.model_copy(update={"graph_name": "gql_mutations"})
    store = await fresh_store(mine)
    await store.close()
    await ingest_files(mine, demo_items()[:2])
    return mine


@pytest.fixture
async def app_http(curated: Settings) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    async with app_client(curated) as pair:
        yield pair


@pytest.fixture
async def store(curated: Settings) -> AsyncIterator[GraphStore]:
    graph = open_store(curated)
    try:
        yield graph
    finally:
        await graph.close()


async def _ask(store: GraphStore, n: int, video_id: str, text: str, *, cached: bool, ms: float) -> None:
    await store.write("create_question", id=f"q{n}", videoId=video_id, text=text, at=62.0, responseMs=ms,
                      cached=cached, degraded=False, askedAt=datetime.now(UTC).isoformat(timespec="seconds"),
                      segmentId=f"{video_id}:seg:00002")


async def test_mutations_need_a_key_with_the_right_scope(client: httpx.AsyncClient) -> None:
    register = """mutation { registerVideo(input: {platform: "local", videoId: "k-e01", title: "Key test 1"}) {
                    status } }"""
    for key in (None, "wrong-key"):
        body = await gql(client, register, key=key, errors=True)
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHORIZED" and body["data"] is None
    for mutation in ('deleteVideo(videoId: "k-e01") { videoId }',
                     'mergeEntities(keepId: "a", duplicateIds: ["b"]) { mergedIds }'):
        body = await gql(client, f"mutation {{ {mutation} }}", key=INGEST, errors=True)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    bad = await gql(client, register.replace("local", "vimeo"), key=INGEST, errors=True)
    assert bad["errors"][0]["extensions"]["code"] == "INVALID_PLATFORM"
    missing = await gql(client, 'mutation { deleteVideo(videoId: "never") { videoId } }', key=ADMIN, errors=True)
    assert missing["errors"][0]["extensions"]["code"] == "VIDEO_NOT_FOUND"


async def test_reprocess_and_register(app_http: tuple[FastAPI, httpx.AsyncClient], curated: Settings,
                                      store: GraphStore) -> None:
    _, http = app_http
    before = await graph_counts(store)
    queued = (await gql(http, f'mutation {{ reprocessVideo(videoId: "{EP1.video_id}") {{ videoId status jobId '
                              f'video {{ status step }} }} }}', key=INGEST, request_id="trace-gql-42"))
    assert queued["reprocessVideo"]["status"] == "processing" and queued["reprocessVideo"]["jobId"]
    assert queued["reprocessVideo"]["video"]["step"] == "queued"
    worker = run_worker_burst(curated)
    assert worker.returncode == 0, worker.stderr[-2000:]
    # structured logs: the request id of the mutation follows the job into the worker
    logs = [json.loads(line) for line in worker.stderr.splitlines() if line.startswith("{")]
    ingested = [r for r in logs if r.get("msg") == "video ingested"]
    assert ingested and ingested[0]["requestId"] == "trace-gql-42" and ingested[0]["videoId"] == EP1.video_id
    done = await gql(http, f'{{ video(id: "{EP1.video_id}") {{ status progress }} }}')
    assert done["video"] == {"status": "ready", "progress": 100}
    assert await graph_counts(store) == before  # the same graph again, nothing duplicated

    data = await gql(http, """mutation { registerVideo(input: {platform: "local", videoId: "spring-notebook-s01e09",
                                title: "수첩 속의 봄 9화", seriesId: "spring-notebook", season: 1, episode: 9}) {
                                videoId status jobId video { id status series { id } } } }""", key=INGEST)
    payload = data["registerVideo"]
    assert payload["status"] == "awaiting_subtitles" and payload["jobId"] is None
    assert payload["video"]["series"]["id"] == SERIES and payload["video"]["status"] == "awaiting_subtitles"
    again = await gql(http, f'mutation {{ registerVideo(input: {{platform: "local", videoId: "{EP1.video_id}", '
                            f'title: "x"}}) {{ status video {{ processedAt }} }} }}', key=INGEST)
    assert again["registerVideo"]["status"] == "ready" and again["registerVideo"]["video"]["processedAt"]

    nothing = await gql(http, 'mutation { reprocessVideo(videoId: "spring-notebook-s01e09") { status } }',
                        key=INGEST, errors=True)
    assert nothing["errors"][0]["extensions"]["code"] == "INVALID_REQUEST"
    assert "upload them again" in nothing["errors"][0]["message"]


async def test_delete_video_leaves_no_orphans(app_http: tuple[FastAPI, httpx.AsyncClient],
                                              store: GraphStore) -> None:
    _, http = app_http
    await _ask(store, 1, EP2.video_id, "그 사람", cached=False, ms=900.0)
    await _ask(store, 2, EP2.video_id, "그 사람", cached=True, ms=3.0)
    await _ask(store, 3, EP1.video_id, "그때", cached=False, ms=700.0)
    only_in_ep2 = {r["id"] for r in await store.read("series_entities", seriesId=SERIES)} - {
        r["id"] for r in await store.read("video_entities", videoIds=[EP1.video_id])}
    nodes_before, _ = await graph_counts(store)
    assert await store.read("count_orphan_nodes") == []

    deleted = (await gql(http, f"""mutation {{ deleteVideo(videoId: "{EP2.video_id}") {{ videoId seriesId
        deleted {{ videos segments lines references questions entities series }} }} }}""", key=ADMIN))
    counts = deleted["deleteVideo"]["deleted"]
    nodes_after, rels_after = await graph_counts(store)
    assert counts["videos"] == 1 and counts["questions"] == 2 and counts["series"] == 0
    assert counts["segments"] > 10 and counts["lines"] > 100 and counts["references"] > 0
    assert counts["entities"] == len(only_in_ep2)
    for label, key in (("Segment", "segments"), ("Line", "lines"), ("Reference", "references"),
                       ("Question", "questions"), ("Video", "videos")):
        assert nodes_before[label] - nodes_after.get(label, 0) == counts[key], label
    assert nodes_before["Entity"] - nodes_after["Entity"] == counts["entities"]
    assert await store.read("count_video_nodes", videoId=EP2.video_id) == []
    assert await store.read("count_orphan_nodes") == []  # nothing left hanging
    remaining = {r["id"] for r in await store.read("series_entities", seriesId=SERIES)}
    assert not remaining & only_in_ep2
    assert rels_after.get("NEXT_EPISODE", 0) == 0  # one episode left: nothing to chain
    gone = await gql(http, f'{{ video(id: "{EP2.video_id}") {{ id }} videos {{ totalCount }} }}')
    assert gone == {"video": None, "videos": {"totalCount": 1}}

    last = (await gql(http, f"""mutation {{ deleteVideo(videoId: "{EP1.video_id}") {{
        deleted {{ videos questions entities series }} }} }}""", key=ADMIN))["deleteVideo"]["deleted"]
    assert last["videos"] == 1 and last["questions"] == 1 and last["series"] == 1
    assert await graph_counts(store) == ({}, {})  # the last episode took its series and entities along


async def test_merge_entities_keeps_every_mention(app_http: tuple[FastAPI, httpx.AsyncClient],
                                                  store: GraphStore) -> None:
    _, http = app_http
    characters = [r for r in await store.read("series_entities", seriesId=SERIES) if r["type"] == "character"]
    characters.sort(key=lambda r: -r["mentions"])
    keep, duplicate = characters[0], characters[1]
    query = """query($id: ID!) { entity(id: $id) { name aliases mentionCount
                 mentions(first: 100) { count segment { id } } relations(first: 100) { type entity { id } } } }"""
    kept = (await gql(http, query, {"id": keep["id"]}))["entity"]
    dup = (await gql(http, query, {"id": duplicate["id"]}))["entity"]
    segments_before = {m["segment"]["id"] for m in kept["mentions"]} | {m["segment"]["id"] for m in dup["mentions"]}
    total_before = kept["mentionCount"] + dup["mentionCount"]
    typed_before = {(r["type"], r["entity"]["id"]) for r in dup["relations"]
                    if r["type"] != "co_appearance" and r["entity"]["id"] != keep["id"]}
    nodes_before, _ = await graph_counts(store)

    merged = (await gql(http, """mutation($keep: ID!, $dups: [ID!]!) {
      mergeEntities(keepId: $keep, duplicateIds: $dups) {
        mergedIds moved { mentions speakers references relationsOut relationsIn }
        entity { id name aliases mentionCount mentions(first: 100) { count segment { id } }
                 relations(first: 100) { type entity { id } } } } }""",
                        {"keep": keep["id"], "dups": [duplicate["id"]]}, key=ADMIN))["mergeEntities"]
    assert merged["mergedIds"] == [duplicate["id"]]
    assert merged["moved"]["mentions"] == len(dup["mentions"])
    entity = merged["entity"]
    assert entity["name"] == keep["name"] and duplicate["name"] in entity["aliases"]
    assert {m["segment"]["id"] for m in entity["mentions"]} == segments_before  # every mention kept
    assert entity["mentionCount"] == total_before == sum(m["count"] for m in entity["mentions"])
    related = {(r["type"], r["entity"]["id"]) for r in entity["relations"]}
    assert typed_before <= related  # typed relations moved over
    assert all(o != keep["id"] and o != duplicate["id"] for _, o in related)
    assert (await gql(http, query, {"id": duplicate["id"]}))["entity"] is None
    nodes_after, _ = await graph_counts(store)
    assert nodes_after["Entity"] == nodes_before["Entity"] - 1
    assert await store.read("count_orphan_nodes") == []


async def test_stats_and_questions(app_http: tuple[FastAPI, httpx.AsyncClient], store: GraphStore) -> None:
    _, http = app_http
    await _ask(store, 1, EP2.video_id, "그 사람", cached=False, ms=900.0)
    await _ask(store, 2, EP2.video_id, "그 사람", cached=True, ms=100.0)
    await _ask(store, 3, EP1.video_id, "그때", cached=False, ms=500.0)
    data = await gql(http, f"""{{ stats(seriesId: "{SERIES}") {{ videosByStatus {{ status count }} questions
        cacheHitRate averageResponseMs degradedAnswers questionsPerDay {{ day count }}
        mostAskedLines {{ videoId text count at segmentId }} }}
      video(id: "{EP2.video_id}") {{ questions(first: 1) {{ totalCount pageInfo {{ hasNextPage endCursor }}
        edges {{ node {{ id text cached responseMs }} }} }} }} }}""", key="test-admin")  # ids: admin only
    stats = data["stats"]
    assert stats["videosByStatus"] == [{"status": "ready", "count": 2}]
    assert stats["questions"] == 3 and stats["cacheHitRate"] == pytest.approx(1 / 3)
    assert stats["averageResponseMs"] == pytest.approx(500.0) and stats["degradedAnswers"] == 0
    assert stats["questionsPerDay"] == [{"day": datetime.now(UTC).date().isoformat(), "count": 3}]
    top = stats["mostAskedLines"][0]
    assert top == {"videoId": EP2.video_id, "text": "그 사람", "count": 2, "at": 62.0,
                   "segmentId": f"{EP2.video_id}:seg:00002"}
    page = data["video"]["questions"]
    assert page["totalCount"] == 2 and page["pageInfo"]["hasNextPage"] and len(page["edges"]) == 1
    second = await gql(http, f"""query($after: String) {{ video(id: "{EP2.video_id}") {{
        questions(first: 1, after: $after) {{ pageInfo {{ hasNextPage }} edges {{ node {{ id }} }} }} }} }}""",
                       {"after": page["pageInfo"]["endCursor"]}, key="test-admin")
    ids = {page["edges"][0]["node"]["id"], second["video"]["questions"]["edges"][0]["node"]["id"]}
    assert ids == {"q1", "q2"} and not second["video"]["questions"]["pageInfo"]["hasNextPage"]
    other = await gql(http, '{ stats(seriesId: "harbor-lights") { questions cacheHitRate } }')
    assert other["stats"] == {"questions": 0, "cacheHitRate": None}
