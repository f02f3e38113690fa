"""The demo series ingested with LLM_PROVIDER=gemini: the real google-genai SDK talks to a
local server that speaks the Gemini REST API, and the graph holds what that server answered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from cli.local_ingest import demo_items, ingest_files
from explainer.core.settings import Settings
from tests.conftest import fresh_store
from tests.support.fake_gemini import FakeGemini, unavailable

# every run starts from empty stores: a fresh graph (each test) and a Redis without the per-batch
# analysis cache of an earlier run (the other backend's included), which would answer for Gemini
pytestmark = [pytest.mark.graph, pytest.mark.redis, pytest.mark.slow, pytest.mark.usefixtures("redis_client")]

# valid for every batch: the provider keeps only the segment indexes of the batch it sent
ANALYSIS = {
    "segments": [{"index": i, "topics": ["수첩", "정류장"], "complexity": 4, "importance": 6} for i in range(40)],
    "entities": [
        {"name": "한미소", "type": "character", "aliases": ["미소", "미소 씨", "한 대리"],
         "description": "출판사 편집팀 대리", "segments": list(range(40))},
        {"name": "서도윤", "type": "character", "aliases": ["도윤"],
         "description": "정류장에서 수첩을 주워 준 남자", "segments": [9, 10, 11, 12]},
        {"name": "망원동 정류장", "type": "location", "aliases": ["정류장"], "description": "",
         "segments": [9, 10]},
    ],
    "references": [
        {"segment": 11, "expression": "그 사람", "at": 345.0, "referent": "서도윤", "confidence": 0.9},
    ],
    "relations": [{"source": "한미소", "target": "서도윤", "type": "acquaintance", "strength": 0.7}],
}


@pytest.fixture
def gemini() -> Iterator[FakeGemini]:
    with FakeGemini() as server:
        server.analysis_answer = ANALYSIS
        yield server


def gemini_settings(settings: Settings, server: FakeGemini, graph: str) -> Settings:
    return settings.model_copy(update={
        "graph_name": graph, "llm_provider": "gemini", "gemini_api_key": SecretStr("test-key"),
        "gemini_base_url": server.url, "gemini_max_retries": 1, "gemini_timeout_seconds": 5.0})


async def test_demo_episode_ingests_with_gemini(settings: Settings, gemini: FakeGemini) -> None:
    settings = gemini_settings(settings, gemini, "gemini_ingest")
    store = await fresh_store(settings)
    try:
        [result] = await ingest_files(settings, demo_items()[:1])
        assert result["provider"] == "gemini" and result["degraded"] is False
        analyses = gemini.requests_for("generateContent")
        segments = result["segments"]
        assert len(analyses) == -(-segments // settings.analysis_batch_size)  # one call per 10 segments
        assert all(r.model == settings.gemini_model for r in analyses)
        assert all("responseSchema" in r.body["generationConfig"] for r in analyses)
        embeds = gemini.requests_for("batchEmbedContents")
        assert embeds and all(len(r.body["requests"]) <= 100 for r in embeds)

        entities = {e["name"]: e for e in await store.read("series_entities", seriesId="spring-notebook")}
        assert {"한미소", "서도윤", "망원동 정류장"} <= set(entities)
        assert entities["서도윤"]["type"] == "character"
        refs = await store.read("list_video_references", videoId="spring-notebook-s01e01")
        assert [(r["expression"], r["entityName"], r["at"]) for r in refs] == [("그 사람", "서도윤", 345.0)]
        video = (await store.read("get_video", id="spring-notebook-s01e01"))[0]
        assert video["llmProvider"] == "gemini" and video["llmCalls"] == len(gemini.requests)
        assert video["llmInputTokens"] > 0 and video["llmCostUsd"] > 0
    finally:
        await store.drop_all()
        await store.close()


async def test_failing_gemini_falls_back_to_offline_and_still_reaches_ready(settings: Settings,
                                                                           gemini: FakeGemini) -> None:
    settings = gemini_settings(settings, gemini, "gemini_fallback")
    gemini.script(*[unavailable() for _ in range(200)])
    store = await fresh_store(settings)
    try:
        [result] = await ingest_files(settings, demo_items()[3:4])  # an English episode
        assert result["status"] == "ready" and result["degraded"] is True
        video = (await store.read("get_video", id=result["videoId"]))[0]
        assert video["status"] == "ready" and video["degraded"] is True
        # the offline analysis filled the graph instead
        assert len(await store.read("series_entities", seriesId="harbor-lights")) > 3
    finally:
        await store.drop_all()
        await store.close()


async def test_invalid_key_is_reported_once_on_the_video(settings: Settings, gemini: FakeGemini) -> None:
    from tests.support.fake_gemini import invalid_api_key

    settings = gemini_settings(settings, gemini, "gemini_bad_key")
    gemini.script(invalid_api_key(), operation="generateContent")
    store = await fresh_store(settings)
    try:
        [result] = await ingest_files(settings, demo_items()[4:5])
        assert result["status"] == "ready" and result["degraded"] is True
        # one request saw the bad key; everything after went straight to the offline provider
        assert len(gemini.requests) == 1
        video = (await store.read("get_video", id=result["videoId"]))[0]
        assert video["llmError"].startswith("GEMINI_API_ERROR") and "API key" in video["llmError"]
    finally:
        await store.drop_all()
        await store.close()
