"""Explain with LLM_PROVIDER=gemini: the real google-genai SDK against the fake Gemini server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis
from pydantic import SecretStr

from explainer.core.settings import Settings
from explainer.text.names import detect_language
from seeds.loader import demo_facts
from tests.e2e.conftest import app_client
from tests.support.fake_gemini import FakeGemini, unavailable

pytestmark = [pytest.mark.graph, pytest.mark.redis, pytest.mark.e2e, pytest.mark.slow]

CALLBACK = demo_facts()["callback"]
BODY = {"videoId": CALLBACK["videoId"], "selectedText": CALLBACK["selectedText"], "timestamp": CALLBACK["timestamp"]}


@pytest.fixture
def fake() -> Iterator[FakeGemini]:
    with FakeGemini() as server:
        yield server


@pytest.fixture
def gemini_settings(demo_graph: Settings, redis_client: redis.Redis, fake: FakeGemini) -> Settings:
    return demo_graph.model_copy(update={
        "llm_provider": "gemini", "gemini_api_key": SecretStr("test-key"), "gemini_base_url": fake.url,
        "gemini_timeout_seconds": 5.0, "gemini_max_retries": 0, "rate_limit_per_minute": 1000})


async def test_a_valid_gemini_answer_is_used_and_invented_references_dropped(
        gemini_settings: Settings, fake: FakeGemini) -> None:
    fake.explanation_answer = {
        "text": "‘그 사람’은 1화에서 버스 정류장에서 수첩을 주워 준 서도윤입니다.",
        "references": [
            {"episode": 1, "timestamp": 299.0, "description": "버스 정류장에서 수첩을 돌려준 장면"},
            {"episode": 7, "timestamp": 30.0, "description": "없는 회차"},
            {"episode": 3, "timestamp": 700.0, "description": "아직 보지 않은 장면"},
        ],
        "sources": [],
        "resolutions": [{"offset": CALLBACK["selectedText"].index("그 사람"), "expression": "그 사람",
                         "name": CALLBACK["referent"], "description": "", "confidence": 0.9,
                         "reason": "the man who returned the notebook"}],
    }
    async for http in app_client(gemini_settings):
        response = await http.post("/api/explain", json=BODY)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    explanation = data["explanation"]
    assert data["degraded"] is False
    assert explanation["text"] == fake.explanation_answer["text"]
    assert explanation["references"] == [{
        "videoId": CALLBACK["earlierVideoId"], "season": 1, "episode": 1,
        "timestamp": pytest.approx(CALLBACK["earlierTimestamp"], abs=0.01),
        "description": "버스 정류장에서 수첩을 돌려준 장면"}]
    [person] = [r for r in explanation["resolutions"] if r["expression"] == "그 사람"]
    assert person["entity"]["name"] == CALLBACK["referent"]
    assert person["evidence"] == "the man who returned the notebook"
    # the reading packet went to Gemini, bounded like everything else
    generate = fake.requests_for("generateContent")
    assert len(generate) == 1
    prompt = "\n".join(fake.iter_texts(generate[0]))
    assert f'Selected line: "{CALLBACK["selectedText"]}"' in prompt and "Cast known so far" in prompt
    assert CALLBACK["referent"] in prompt.split("Cast known so far", 1)[1].split("Dialogue", 1)[0]
    assert "서도윤 씨." not in prompt  # said 6.5 s later


async def test_a_failing_gemini_gives_a_degraded_graph_only_answer(
        gemini_settings: Settings, fake: FakeGemini) -> None:
    fake.script(*[unavailable() for _ in range(4)], operation="generateContent")
    async for http in app_client(gemini_settings):
        first = (await http.post("/api/explain", json=BODY)).json()["data"]
        second = (await http.post("/api/explain", json=BODY)).json()["data"]
    assert first["degraded"] is True and first["cached"] is False
    assert detect_language(first["explanation"]["text"]) == "ko"
    assert first["explanation"]["resolutions"][0]["entity"]["name"] == CALLBACK["referent"]
    assert CALLBACK["referent"] in first["explanation"]["text"]
    assert second["cached"] is False  # degraded answers are not cached: the next call tries Gemini again
    assert len(fake.requests_for("generateContent")) == 2
