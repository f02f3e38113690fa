"""An explain miss reads the graph in at most three sequential round trips (issue 24): the video
and the lines around the selection; then everything the viewer's bound alone decides, sent
together; then the facts and relations of the entities those brought up. Counted on the real app
and the demo graph with a store that records when each read was sent and when it answered, for a
graph-only answer and for one Gemini writes from a reading packet (its cast and the previous
episode's end are read in the second wave)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import redis
from pydantic import SecretStr

from api.app import create_app
from explainer.core.keys import generation_key
from explainer.core.settings import Settings
from seeds.loader import demo_facts
from tests.support.fake_gemini import FakeGemini
from tests.support.wave_store import WaveStore

pytestmark = [pytest.mark.graph, pytest.mark.redis, pytest.mark.e2e]

MAX_WAVES = 3


def _questions() -> list[dict[str, Any]]:
    facts = demo_facts()
    asked = [{k: fact[k] for k in ("videoId", "selectedText", "timestamp")}
             for fact in (facts["callback"], facts["spoiler"], facts["englishCallback"])]
    # a selection that is no line of its bucket (the bound is the request's own timestamp)
    return [*asked, {**asked[0], "selectedText": "그 사람 누구야?"}]


@pytest.fixture
def fake() -> Iterator[FakeGemini]:
    with FakeGemini() as server:
        yield server


@pytest.mark.parametrize("reading", [False, True], ids=["graph-only", "reading-packet"])
async def test_an_explain_miss_reads_the_graph_in_at_most_three_waves(demo_graph: Settings, fake: FakeGemini,
                                                                       reading: bool) -> None:
    settings = demo_graph.model_copy(update={"rate_limit_per_minute": 1000})
    if reading:
        settings = settings.model_copy(update={"llm_provider": "gemini", "gemini_api_key": SecretStr("test-key"),
                                               "gemini_base_url": fake.url, "gemini_max_retries": 0,
                                               "gemini_timeout_seconds": 10.0})
    questions = _questions()
    with redis.Redis.from_url(settings.effective_redis_url) as client:  # answers cached before: misses now
        for question in questions:
            client.incr(generation_key(question["videoId"]))
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        await app.state.statement_warmup
        store = WaveStore(app.state.explainer.store)
        app.state.explainer.store = store  # the explain service is built on the first question
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as http:
            for question in questions:
                store.reset()
                response = await http.post("/api/explain", json=question)
                assert response.status_code == 200, response.text
                assert response.json()["data"]["cached"] is False
                assert response.json()["data"]["degraded"] is False
                assert len(store.reads) > MAX_WAVES  # the reads are many; the waves are few
                assert store.waves <= MAX_WAVES, f"{question['selectedText']}: {store.by_wave()}"
                assert "explain_cast" in store.calls  # the packet's cast, and the names heard by the bound
    assert not reading or fake.requests_for("generateContent")  # Gemini wrote the answers
