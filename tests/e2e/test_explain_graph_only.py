"""The graph-only answer through POST /api/explain on the demo series (issue 21 item 4): its text
agrees with the resolutions it lists, makes no co-appearance claim the graph did not count, and
quotes no earlier line twice."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import redis

from explainer.core.settings import Settings
from explainer.reading.calibration import ABSTAIN_BELOW
from tests.e2e.conftest import app_client

pytestmark = [pytest.mark.graph, pytest.mark.redis, pytest.mark.e2e, pytest.mark.slow]

NOTHING = ("확인된 정보가 아직 없습니다", "Nothing seen so far")
UNTOLD = ("누구인지는 지금까지 본 장면만으로는 알 수 없습니다", "cannot be told")
ASKED = [
    ("spring-notebook-s01e03", "그때 그 사람이었어.", 195.6),
    ("spring-notebook-s01e03", "그 사람이 봄밤이었어.", 347.0),
    ("spring-notebook-s01e03", "서도윤 씨는 오빠 친구였던 거야.", 256.0),
    ("spring-notebook-s01e03", "그럼 그분이 봄밤 작가님이에요?", 220.0),
    ("harbor-lights-s01e02", "It was him. The man in the green raincoat.", 238.4),
]


@pytest.fixture
async def offline_client(demo_graph: Settings, redis_client: redis.Redis) -> AsyncIterator[httpx.AsyncClient]:
    # no Gemini key: every answer is composed from the graph
    settings = demo_graph.model_copy(update={"rate_limit_per_minute": 1000, "gemini_api_key": None})
    assert not settings.gemini_enabled
    async for http in app_client(settings):
        yield http


async def explain(http: httpx.AsyncClient, video_id: str, text: str, at: float) -> dict[str, Any]:
    response = await http.post("/api/explain", json={"videoId": video_id, "selectedText": text, "timestamp": at})
    assert response.status_code == 200, response.text
    explanation: dict[str, Any] = response.json()["data"]["explanation"]
    return explanation


def plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


@pytest.mark.parametrize(("video_id", "text", "at"), ASKED)
async def test_the_text_agrees_with_the_resolutions(offline_client: httpx.AsyncClient, video_id: str, text: str,
                                                    at: float) -> None:
    explanation = await explain(offline_client, video_id, text, at)
    said = explanation["text"]
    named = [r["entity"]["name"] for r in explanation["resolutions"]
             if r["entity"] is not None and r["confidence"] >= ABSTAIN_BELOW]
    if named:
        assert all(name in said for name in named), said
        assert not any(phrase in said for phrase in (*NOTHING, *UNTOLD)), said
    elif explanation["resolutions"]:
        assert any(phrase in said for phrase in UNTOLD), said
        for r in explanation["resolutions"]:
            assert f"‘{r['expression']}’" in said


async def test_who_him_is_could_not_be_told_says_so(offline_client: httpx.AsyncClient) -> None:
    explanation = await explain(offline_client, *ASKED[-1])
    if all(r["entity"] is None for r in explanation["resolutions"]):  # the offline reader abstains
        assert explanation["text"] == "From what has been seen so far, who ‘him’ and ‘The man’ are cannot be told."


@pytest.mark.parametrize(("video_id", "text", "at"), ASKED)
async def test_no_claim_the_graph_did_not_count_and_no_quote_twice(offline_client: httpx.AsyncClient, video_id: str,
                                                                   text: str, at: float) -> None:
    explanation = await explain(offline_client, video_id, text, at)
    said = explanation["text"]
    assert "주로" not in said and "often seen with" not in said
    for claim in re.findall(r"(\d+)개 장면에서 함께|in (\d+) scenes", said):
        assert int(next(n for n in claim if n)) >= 3
    quotes = [plain(q) for q in re.findall(r"“([^”]+)”", said)]
    assert len(quotes) == len(set(quotes)), said
    assert plain(text) not in quotes
    descriptions = [plain(r["description"]) for r in explanation["references"]]
    assert len(descriptions) == len(set(descriptions)), descriptions


async def test_the_callback_quotes_the_earlier_line_once(offline_client: httpx.AsyncClient) -> None:
    explanation = await explain(offline_client, *ASKED[0])
    assert explanation["text"].count("봄은 늘 늦게 와요") == 1


async def test_a_co_appearance_counted_within_the_bound_is_said_with_its_count(
        offline_client: httpx.AsyncClient) -> None:
    # 미소 and 수진 talk in the café at the start of episode 3: counted in this episode, up to the line
    said = (await explain(offline_client, "spring-notebook-s01e03", "미소야, 진짜야?", 335.0))["text"]
    together = re.search(r"이번 화에서 지금까지 한미소는 김수진과 (\d+)개 장면에서 함께 나왔습니다\.", said)
    assert together is not None, said
    assert int(together.group(1)) >= 3
