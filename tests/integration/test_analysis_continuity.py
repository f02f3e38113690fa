"""Gemini analysis keeps continuity across batches (issue 20): each batch after the first carries
the end of the previous one (its last lines, with speakers) and the cast with aliases, and the
references it stores keep the model's reason, which explain's reading packet shows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cli.local_ingest import demo_items, ingest_files
from explainer.core.settings import Settings
from explainer.llm.base import PREVIOUS_LINES
from graph.repositories import explain as repo
from tests.conftest import fresh_store
from tests.integration.test_gemini_pipeline import ANALYSIS, gemini_settings
from tests.support.fake_gemini import FakeGemini

pytestmark = [pytest.mark.graph, pytest.mark.redis, pytest.mark.slow, pytest.mark.usefixtures("redis_client")]

REASON = "미소가 방금 정류장에서 수첩을 주워 준 남자 이야기를 했다"


@pytest.fixture
def gemini() -> Iterator[FakeGemini]:
    with FakeGemini() as server:
        answer = dict(ANALYSIS)
        answer["references"] = [{**ANALYSIS["references"][0], "reason": REASON}]  # type: ignore[index]
        server.analysis_answer = answer
        yield server


async def test_each_batch_carries_the_previous_ones_end_and_references_keep_their_reason(
        settings: Settings, gemini: FakeGemini) -> None:
    settings = gemini_settings(settings, gemini, "analysis_continuity")
    store = await fresh_store(settings)
    try:
        [result] = await ingest_files(settings, demo_items()[:1])
        assert result["degraded"] is False
        prompts = ["\n".join(gemini.iter_texts(r)) for r in gemini.requests_for("generateContent")]
        assert len(prompts) >= 2
        assert "End of the previous batch" not in prompts[0]
        for earlier, later in zip(prompts, prompts[1:], strict=False):
            tail = later.split("End of the previous batch", 1)[1].split("Segments of this batch", 1)[0]
            shown = [line for line in tail.splitlines()[1:] if line.strip()]
            assert 0 < len(shown) <= PREVIOUS_LINES
            # the previous batch's last line, as that batch listed it
            last = earlier.rstrip().splitlines()[-1].strip()
            assert shown[-1].strip() == last
            assert "한미소 [character] (aliases: 미소, 미소 씨, 한 대리)" in later  # the cast with aliases
        refs = await repo.references_near(store, video_id="spring-notebook-s01e01", since=0.0, until=10**6)
        assert [(r["expression"], r["entityName"], r["reason"]) for r in refs] == [("그 사람", "서도윤", REASON)]
    finally:
        await store.drop_all()
        await store.close()
