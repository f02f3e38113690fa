"""The graph port's contract, run against every backend available (FalkorDB always; Neo4j
when NEO4J_URI is set)."""

from __future__ import annotations

import math
import random
import time
from pathlib import Path

import pytest

from explainer.core.errors import ConstraintViolation, GraphUnavailable
from explainer.core.runtime import start_server, stop_server
from graph.stores import GraphStore, open_store
from graph.stores.base import VECTOR_SCORE_TOLERANCE
from tests.conftest import free_port, fresh_store

pytestmark = pytest.mark.graph


async def seed_video(store: GraphStore, series_id: str = "s1", video_id: str = "v1") -> None:
    await store.write("merge_series", id=series_id, title="미소의 비밀", platform="local", language="ko")
    await store.write("merge_video", id=video_id, seriesId=series_id, status="processing",
                      registeredAt="2026-11-22T00:00:00Z", platform="local", platformVideoId=video_id,
                      title="1화", season=1, episode=1, duration=600.0, language="ko", url=None,
                      subtitleUrl=None, callbackUrl=None)


def unit_vector(dim: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    values = [rng.gauss(0, 1) for _ in range(dim)]
    norm = math.sqrt(sum(v * v for v in values))
    return [v / norm for v in values]


async def counts(store: GraphStore) -> tuple[dict[str, int], dict[str, int]]:
    nodes = {r["label"]: r["count"] for r in await store.read("count_nodes_by_label")}
    rels = {r["type"]: r["count"] for r in await store.read("count_relationships_by_type")}
    return nodes, rels


async def test_merge_is_idempotent(store: GraphStore) -> None:
    for _ in range(3):
        await seed_video(store)
        await store.write("merge_segments", segments=[
            {"id": f"v1:{i}", "videoId": "v1", "seriesId": "s1", "index": i, "start": i * 30.0,
             "end": i * 30.0 + 30, "text": f"segment {i}"} for i in range(5)])
    nodes, rels = await counts(store)
    assert nodes == {"Series": 1, "Video": 1, "Segment": 5}
    assert rels == {"OF_SERIES": 1, "IN_VIDEO": 5}


async def test_duplicate_create_violates_unique_constraint(store: GraphStore) -> None:
    params = {"id": "q1", "videoId": "v1", "text": "그때 그 사람", "at": 12.0, "responseMs": 3,
              "cached": False, "degraded": False, "askedAt": "2026-11-22T00:00:00Z", "segmentId": None}
    await store.write("create_question", **params)
    with pytest.raises(ConstraintViolation):
        await store.write("create_question", **params)
    nodes, _ = await counts(store)
    assert nodes == {"Question": 1}


async def test_unit_of_work_applies_all_writes(store: GraphStore) -> None:
    async with store.unit_of_work() as unit:
        unit.write("merge_series", id="a", title="A", platform="local", language="en")
        unit.write("merge_series", id="b", title="B", platform="local", language="en")
    rows = [await store.read("get_series", id=x) for x in ("a", "b")]
    assert [r[0]["title"] for r in rows] == ["A", "B"]


async def test_unit_of_work_sends_nothing_when_the_block_fails(store: GraphStore) -> None:
    with pytest.raises(RuntimeError):
        async with store.unit_of_work() as unit:
            unit.write("merge_series", id="a", title="A", platform="local", language="en")
            raise RuntimeError("caller failed before commit")
    assert await store.read("get_series", id="a") == []


async def test_vector_search_order_and_score_range(store: GraphStore, backend_settings) -> None:
    dim = backend_settings.embedding_dim
    await seed_video(store)
    await store.write("merge_segments", segments=[
        {"id": f"v1:{i}", "videoId": "v1", "seriesId": "s1", "index": i, "start": i * 30.0,
         "end": i * 30.0 + 30, "text": f"segment {i}"} for i in range(6)])
    vectors = {f"v1:{i}": unit_vector(dim, i) for i in range(6)}
    # v1:5 is the exact opposite of the query, v1:0 the query itself
    vectors["v1:5"] = [-x for x in vectors["v1:0"]]
    await store.write("set_segment_embeddings", rows=[{"id": k, "embedding": v} for k, v in vectors.items()])
    query = vectors["v1:0"]
    hits = await store.vector_search("segment", query, k=6)
    assert [h["id"] for h in hits][0] == "v1:0"
    assert hits[-1]["id"] == "v1:5"
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    # scores follow (1 + cos) / 2 on both backends, within VECTOR_SCORE_TOLERANCE: the indexes are
    # approximate (Neo4j 5.26's HNSW scored the exact opposite 0.007, FalkorDB is exact here)
    assert scores[0] == pytest.approx(1.0, abs=VECTOR_SCORE_TOLERANCE)
    assert scores[-1] == pytest.approx(0.0, abs=VECTOR_SCORE_TOLERANCE)
    cos = sum(a * b for a, b in zip(query, vectors[hits[1]["id"]], strict=True))
    assert scores[1] == pytest.approx((1 + cos) / 2, abs=VECTOR_SCORE_TOLERANCE)
    assert await store.vector_search("segment", query, k=3, seriesId="other-series") == []


async def test_fulltext_search_korean(store: GraphStore) -> None:
    await seed_video(store)
    await store.write("merge_segments", segments=[
        {"id": "v1:0", "videoId": "v1", "seriesId": "s1", "index": 0, "start": 0.0, "end": 30.0, "text": ""}])
    texts = ["미소가 정류장에서 수첩을 주웠어", "김비서님, 회의는 몇 시죠?", "그때 그 사람이었어"]
    await store.write("merge_lines", lines=[
        {"id": f"v1:l{i}", "videoId": "v1", "seriesId": "s1", "segmentId": "v1:0", "index": i,
         "start": float(i), "end": i + 1.0, "text": t, "speaker": None} for i, t in enumerate(texts)])
    hits = await store.fulltext_search("line", "미소", k=5)
    assert [h["id"] for h in hits] == ["v1:l0"]
    hits = await store.fulltext_search("line", "그 사람", k=5, seriesId="s1")
    assert hits and hits[0]["id"] == "v1:l2"
    assert await store.fulltext_search("line", "미소", k=5, seriesId="other") == []
    # query syntax in user text is searched as words, never interpreted
    assert await store.fulltext_search("line", '") OR * -[]', k=5) == []


async def test_reads_return_plain_projections(store: GraphStore) -> None:
    await seed_video(store)
    rows = await store.read("get_series", id="s1")
    assert rows == [{"id": "s1", "title": "미소의 비밀", "platform": "local", "language": "ko"}]
    for row in await store.read("count_nodes_by_label"):
        assert all(isinstance(v, (str, int, float, bool, type(None))) for v in row.values())


async def test_unavailable_store_fails_fast(backend_settings) -> None:
    if backend_settings.graph_backend == "neo4j":
        settings = backend_settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}"})
    else:
        settings = backend_settings.model_copy(update={"redis_url": f"redis://127.0.0.1:{free_port()}/0"})
    store = open_store(settings)
    started = time.perf_counter()
    with pytest.raises(GraphUnavailable):
        await store.ping()
    assert time.perf_counter() - started < 5.0  # bounded: never a hang
    await store.close()


async def test_data_survives_server_restart(tmp_path: Path, backend_settings) -> None:
    if backend_settings.graph_backend != "falkordb":
        pytest.skip("restart persistence is tested on the embedded server; a Neo4j server is managed outside")
    port = free_port()
    info = start_server(tmp_path, port)
    try:
        settings = backend_settings.model_copy(update={"redis_url": info.url, "data_dir": tmp_path})
        store = await fresh_store(settings)
        await seed_video(store)
        await store.close()
        assert stop_server(tmp_path)
        start_server(tmp_path, port)
        store = open_store(settings)
        assert (await store.read("get_series", id="s1"))[0]["title"] == "미소의 비밀"
        await store.close()
    finally:
        stop_server(tmp_path)
