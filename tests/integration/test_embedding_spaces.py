"""One embedding space per series: a failed Gemini embedding batch leaves its segments without
vectors (never offline ones), a new embedder re-embeds the series, and explain embeds its query
only with the embedder that filled the series' vectors. Gemini is the real google-genai SDK
against tests/support/fake_gemini.py."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import SecretStr

from cli.local_ingest import demo_items
from cli.local_ingest import ingest_files as ingest
from explainer.core.settings import Settings
from explainer.explain.context import Bound, gather
from explainer.llm import build_provider
from explainer.llm.offline import OfflineProvider
from explainer.subtitles import parse_subtitles
from graph.repositories.embeddings import segment_embedder
from graph.repositories.videos import get_video
from graph.stores import GraphStore
from tests.conftest import fresh_store
from tests.support.fake_gemini import FakeGemini, fake_vector

pytestmark = [pytest.mark.graph, pytest.mark.slow]

SERIES = "spring-notebook"


@pytest.fixture
def gemini() -> Iterator[FakeGemini]:
    with FakeGemini() as server:
        yield server


def gemini_settings(settings: Settings, server: FakeGemini, graph: str) -> Settings:
    return settings.model_copy(update={
        "graph_name": graph, "llm_provider": "gemini", "gemini_api_key": SecretStr("test-key"),
        "gemini_base_url": server.url, "gemini_max_retries": 1, "gemini_timeout_seconds": 5.0})


def _unit(vector: list[float]) -> list[float]:
    norm = math.sqrt(sum(v * v for v in vector))
    return [v / norm for v in vector]


def _close(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) < 1e-4 for x, y in zip(a, b, strict=True))


def _only_in(item: dict[str, Any], other: dict[str, Any]) -> str:
    """A line of `item`'s episode that the other episode does not have."""
    theirs = {cue.text for cue in parse_subtitles(other["data"], filename=other["filename"]).cues}
    return next(cue.text for cue in parse_subtitles(item["data"], filename=item["filename"]).cues
                if len(cue.text) > 8 and cue.text not in theirs)


async def _vectors(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in await store.read("segment_embeddings", seriesId=SERIES):
        grouped.setdefault(row["videoId"], []).append(row)
    return grouped


async def test_a_failed_gemini_embedding_batch_never_lands_offline_vectors(settings: Settings,
                                                                           gemini: FakeGemini) -> None:
    settings = gemini_settings(settings, gemini, "embed_space_failure")
    first, second = demo_items()[:2]
    gemini.fail_embeds_containing = _only_in(second, first)
    store = await fresh_store(settings)
    offline = OfflineProvider(settings)
    try:
        results = await ingest(settings, [first, second])
        assert [r["status"] for r in results] == ["ready", "ready"]
        assert [r["degraded"] for r in results] == [False, True]
        failed = [r for r in gemini.requests_for("batchEmbedContents")
                  if any(gemini.fail_embeds_containing in t for t in gemini.iter_texts(r))]
        assert len(failed) == settings.gemini_max_retries + 1  # retried, then given up

        vectors = await _vectors(store)
        first_id, second_id = (r["videoId"] for r in results)
        # the failed episode has no vectors at all: none from another embedder either
        assert vectors[second_id] and all(r["embedding"] is None for r in vectors[second_id])
        dim = settings.embedding_dim
        offline_vectors = await offline.embed([r["text"] for r in vectors[first_id]])
        for row, offline_vector in zip(vectors[first_id], offline_vectors, strict=True):
            assert _close(row["embedding"], _unit(fake_vector(row["text"], dim)))  # Gemini's space
            assert not _close(row["embedding"], offline_vector)
        assert await segment_embedder(store, SERIES) == f"gemini:{settings.gemini_embedding_model}:{dim}"

        video = await get_video(store, second_id)
        assert video is not None and video.status == "ready" and video.degraded
        assert "EMBEDDING_UNAVAILABLE" in str(video.llm["error"])
        assert f"{len(vectors[second_id])} of {len(vectors[second_id])} segments" in str(video.llm["error"])
    finally:
        await offline.aclose()
        await store.drop_all()
        await store.close()


async def test_a_new_embedder_re_embeds_the_series(settings: Settings, gemini: FakeGemini) -> None:
    offline_settings = settings.model_copy(update={"graph_name": "embed_space_change"})
    first, second = demo_items()[:2]
    store = await fresh_store(offline_settings)
    try:
        await ingest(offline_settings, [first])
        assert (await segment_embedder(store, SERIES) or "").startswith("offline:")
        before = await _vectors(store)

        gemini_run = gemini_settings(settings, gemini, "embed_space_change")
        results = await ingest(gemini_run, [second])
        assert results[0]["degraded"] is False
        after = await _vectors(store)
        first_id = next(iter(before))
        assert set(after) == {first_id, results[0]["videoId"]}
        # the first episode's offline vectors were replaced by Gemini's: one space for the series
        for row in [r for rows in after.values() for r in rows]:
            assert _close(row["embedding"], _unit(fake_vector(row["text"], settings.embedding_dim)))
        embedded = {t for r in gemini.requests_for("batchEmbedContents") for t in gemini.iter_texts(r)}
        assert {r["text"] for r in before[first_id]} <= embedded
        assert await segment_embedder(store, SERIES) == gemini_run.model_dump()["llm_provider"] + \
            f":{settings.gemini_embedding_model}:{settings.embedding_dim}"
    finally:
        await store.drop_all()
        await store.close()


async def test_explain_never_searches_the_index_with_another_embedder(settings: Settings,
                                                                     gemini: FakeGemini) -> None:
    settings = settings.model_copy(update={"graph_name": "embed_space_explain"})
    store = await fresh_store(settings)
    offline = OfflineProvider(settings)
    other = build_provider(gemini_settings(settings, gemini, "embed_space_explain"))
    try:
        [result] = await ingest(settings, demo_items()[:1])
        video = await get_video(store, result["videoId"])
        assert video is not None
        bound = Bound(ordinal=video.ordinal, until=1200.0)
        text = "그 사람"

        same = await gather(store, offline, video, bound, text, "ko")
        assert any(":seg:" in m.id for m in same.moments)  # similar segments, found in the offline space

        mixed = await gather(store, other, video, bound, text, "ko")
        assert not any(":seg:" in m.id for m in mixed.moments)
        assert gemini.requests_for("batchEmbedContents") == []  # the query was not even embedded
    finally:
        await offline.aclose()
        await other.aclose()
        await store.drop_all()
        await store.close()
