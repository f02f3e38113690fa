"""The offline embeddings find an earlier moment of the demo series from a paraphrase, through
the native vector index."""

from __future__ import annotations

import pytest

from explainer.core.settings import Settings
from explainer.llm import build_provider
from graph.stores import open_store
from seeds.loader import demo_facts

pytestmark = [pytest.mark.graph, pytest.mark.slow]


async def test_paraphrase_finds_the_earlier_segment(demo_graph: Settings) -> None:
    fact = demo_facts()["paraphrase"]
    provider = build_provider(demo_graph)
    store = open_store(demo_graph)
    try:
        [vector] = await provider.embed([fact["query"]])
        hits = await store.vector_search("segment", vector, k=3, seriesId=fact["series"])
        segments = {s["id"]: s for s in await store.read("video_segments", videoId=fact["videoId"])}
        top = segments.get(hits[0]["id"])
        assert top is not None, hits
        assert top["start"] <= fact["timestamp"] < top["end"]
        assert fact["line"].split(".")[0][:6] in top["text"]
    finally:
        await store.close()
        await provider.aclose()
