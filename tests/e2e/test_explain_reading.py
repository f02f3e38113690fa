"""Explain with Gemini reads a packet of the scene (issue 20), through the real google-genai SDK
against the local Gemini-speaking server: the bound ends before the next cue (contiguous cues, a
two-speaker cue selected as a player shows it), the previous episode's end and the cast known so
far are in the prompt, a name outside the cast never becomes an entity, and a description of
someone never named reaches the API response."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from pydantic import SecretStr

from bench.replay import Exchange, Prompt
from cli.local_ingest import ingest_files
from explainer.core.settings import Settings
from explainer.llm.offline import warm_up
from tests.conftest import fresh_store
from tests.e2e.conftest import app_client
from tests.support.fake_gemini import FakeGemini

pytestmark = [pytest.mark.graph, pytest.mark.redis, pytest.mark.e2e]

SERIES = "reading"
EPISODE_1 = [  # (start, end, text)
    (2.0, 5.0, "ROSS: My sister Monica is coming over."),
    (5.5, 8.0, "MONICA: Hi Ross! Is Rachel here?"),
    (8.5, 11.0, "ROSS: Rachel went to the coffee house, Monica."),
    (11.5, 14.0, "RACHEL: Monica, I am back from the coffee house."),
]
# contiguous cues: each ends where the next starts, and the next one starts past the question's
# 10-second cache bucket; a two-speaker cue as captions write it; a person first named after it
EPISODE_2 = [
    (2.0, 5.0, "RACHEL: Did you see Monica today?"),
    (5.0, 10.06, "ROSS: I saw her at the coffee house."),
    (10.06, 12.0, "- Where is she now?\n- JOEY: Gone with the zebra umbrella man."),
    (12.0, 16.0, "GUNTHER: Kangaroo pineapple, Rachel."),
]
NEXT_AFTER_HER = ("zebra", "umbrella", "JOEY")
NEXT_AFTER_CUE = ("Kangaroo", "pineapple", "GUNTHER", "Gunther")


def _srt(cues: list[tuple[float, float, str]]) -> bytes:
    def stamp(t: float) -> str:
        ms = round(t * 1000)
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    return "\n".join(f"{i}\n{stamp(a)} --> {stamp(b)}\n{text}\n" for i, (a, b, text) in enumerate(cues, 1)).encode()


def _item(episode: int, cues: list[tuple[float, float, str]]) -> dict[str, Any]:
    return {"registration": {"platform": "local", "video_id": f"{SERIES}-e{episode}", "title": f"Reading {episode}",
                             "series_title": "Reading", "series_id": SERIES, "season": 1, "episode": episode,
                             "duration": cues[-1][1] + 10, "language": "en"},
            "data": _srt(cues), "filename": f"e{episode}.srt"}


@pytest.fixture
def fake() -> Iterator[FakeGemini]:
    with FakeGemini() as server:
        yield server


@pytest.fixture
async def client(settings: Settings, redis_client: redis.Redis, fake: FakeGemini) -> AsyncIterator[httpx.AsyncClient]:
    settings = settings.model_copy(update={"graph_name": "explain_reading", "enrich_enabled": False,
                                           "rate_limit_per_minute": 10**6})
    store = await fresh_store(settings)
    await store.close()
    await ingest_files(settings, [_item(1, EPISODE_1), _item(2, EPISODE_2)])  # offline analysis
    warm_up()
    gemini = settings.model_copy(update={"llm_provider": "gemini", "gemini_api_key": SecretStr("test-key"),
                                         "gemini_base_url": fake.url, "gemini_max_retries": 0,
                                         "gemini_timeout_seconds": 10.0})
    async for http in app_client(gemini):
        yield http


async def ask(client: httpx.AsyncClient, text: str, timestamp: float) -> dict[str, Any]:
    response = await client.post("/api/explain", json={"videoId": f"{SERIES}-e2", "selectedText": text,
                                                        "timestamp": timestamp})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    assert data["degraded"] is False, data
    return data


def last_prompt(fake: FakeGemini) -> str:
    request = fake.requests_for("generateContent")[-1]
    system = request.body["systemInstruction"]["parts"][0]["text"]
    return system + "\n" + "\n".join(fake.iter_texts(request))


async def test_contiguous_cues_the_next_line_is_in_no_prompt_and_no_answer(
        client: httpx.AsyncClient, fake: FakeGemini) -> None:
    data = await ask(client, "I saw her at the coffee house.", 7.0)
    prompt = last_prompt(fake)
    assert ">>> 00:05.0 ROSS: I saw her at the coffee house." in prompt or \
        ">>> 00:05.0 Ross: I saw her at the coffee house." in prompt, prompt
    for word in NEXT_AFTER_HER + NEXT_AFTER_CUE:
        assert word not in prompt, word
        assert word not in json.dumps(data, ensure_ascii=False), word
    # the packet: the previous episode's end (the bound is early in this one) and the cast so far
    assert "[S1E1]" in prompt and "Monica, I am back from the coffee house." in prompt
    cast = prompt.split("Cast known so far", 1)[1].split("Dialogue (up to the selected line)", 1)[0]
    assert "Monica" in cast and "Rachel" in cast
    assert '- offset 6 "her" [third, female]' in prompt


async def test_a_two_speaker_cue_selected_as_a_player_shows_it(client: httpx.AsyncClient, fake: FakeGemini) -> None:
    # the player joins the turns and keeps the label; the cue ends where GUNTHER's line starts
    data = await ask(client, "Where is she now? JOEY: Gone with the zebra umbrella man.", 11.0)
    prompt = last_prompt(fake)
    assert "zebra umbrella man" in prompt.split("Dialogue (up to the selected line)", 1)[1]
    assert ">>> 00:10.1" in prompt  # found despite the dashes, the label and the line break
    for word in NEXT_AFTER_CUE:
        assert word not in prompt, word
        assert word not in json.dumps(data, ensure_ascii=False), word
    # a loose match holds for its request only: asked earlier in the bucket, before the cue starts,
    # the same selection is no line the viewer has reached, and is bounded by that request's time
    earlier = await ask(client, "Where is she now? JOEY: Gone with the zebra umbrella man.", 10.02)
    assert earlier["cached"] is False
    dialogue = last_prompt(fake).split("Dialogue (up to the selected line):", 1)[1].split("\n\n", 1)[0]
    assert ">>>" not in dialogue and "zebra" not in dialogue, dialogue


async def test_a_name_outside_the_cast_never_becomes_an_entity(client: httpx.AsyncClient, fake: FakeGemini) -> None:
    # Gunther is in the graph, but first seen after the bound; Phoebe is nowhere
    for name in ("Gunther", "Phoebe"):
        fake.explanation_answer = {"text": f"'her' is {name}.", "references": [], "sources": [], "resolutions": [
            {"offset": 6, "expression": "her", "name": name, "description": "", "confidence": 0.9,
             "reason": "a guess"}]}
        data = await ask(client, "I saw her at the coffee house.", 7.0 + (name == "Phoebe"))
        [her] = [r for r in data["explanation"]["resolutions"] if r["expression"] == "her"]
        assert her["entity"] is None and her["description"] is None, her
        assert name not in json.dumps(data["explanation"]["entities"])


async def test_a_cast_name_is_taken_with_the_models_reason(client: httpx.AsyncClient, fake: FakeGemini) -> None:
    fake.explanation_answer = {"text": "'her' is Monica.", "references": [], "sources": [], "resolutions": [
        {"offset": 6, "expression": "her", "name": "Monica", "description": "", "confidence": 0.85,
         "reason": "Rachel just asked about Monica"}]}
    data = await ask(client, "I saw her at the coffee house.", 7.0)
    [her] = [r for r in data["explanation"]["resolutions"] if r["expression"] == "her"]
    assert her["entity"]["name"] == "Monica" and her["evidence"] == "Rachel just asked about Monica"
    assert her["confidence"] == pytest.approx(0.85)


async def test_a_description_of_someone_never_named_reaches_the_response(
        client: httpx.AsyncClient, fake: FakeGemini) -> None:
    fake.explanation_answer = {"text": "Someone Ross saw.", "references": [], "sources": [], "resolutions": [
        {"offset": 6, "expression": "her", "name": "", "description": "the waitress at the coffee house",
         "confidence": 0.7, "reason": "nobody named fits"}]}
    data = await ask(client, "I saw her at the coffee house.", 7.0)
    [her] = [r for r in data["explanation"]["resolutions"] if r["expression"] == "her"]
    assert her["entity"] is None and her["description"] == "the waitress at the coffee house"
    assert her["evidence"] == "nobody named fits"


@pytest.fixture
async def series(settings: Settings, redis_client: redis.Redis) -> Settings:
    settings = settings.model_copy(update={"graph_name": "explain_reading", "enrich_enabled": False,
                                           "rate_limit_per_minute": 10**6})
    store = await fresh_store(settings)
    await store.close()
    await ingest_files(settings, [_item(1, EPISODE_1), _item(2, EPISODE_2)])
    warm_up()
    return settings


async def test_benchmark_prompts_are_exported_and_answers_replayed_through_the_sdk(
        series: Settings, redis_client: redis.Redis, fake: FakeGemini, tmp_path: Path) -> None:
    question = {"videoId": f"{SERIES}-e2", "selectedText": "I saw her at the coffee house.", "timestamp": 7.0}
    exported = Exchange(export_dir=tmp_path / "prompts")
    async for http in app_client(exported.attach(fake, series)):
        exported.stem = "e2-q1"
        assert (await http.post("/api/explain", json=question)).status_code == 200
    body = json.loads((tmp_path / "prompts" / "e2-q1.json").read_text())
    assert set(body) >= {"systemInstruction", "contents", "generationConfig"}  # as the SDK sent it
    prompt = Prompt("e2-q1", body)
    assert (6, "her") in prompt.mentions()
    assert ["Monica"] in prompt.cast() and not any("Gunther" in names for names in prompt.cast())

    for key in redis_client.scan_iter(count=1000):  # the answer above is cached (the graph stays)
        if redis_client.type(key) != b"graphdata":
            redis_client.delete(key)
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "e2-q1.json").write_text(json.dumps({
        "text": "Ross saw Monica.", "references": [], "sources": [], "resolutions": [
            {"offset": 6, "expression": "her", "name": "Monica", "description": "", "confidence": 0.8,
             "reason": "Rachel asked about Monica"}]}))
    replayed = Exchange(answers_dir=answers)
    async for http in app_client(replayed.attach(fake, series)):
        replayed.stem = "e2-q1"
        data = (await http.post("/api/explain", json=question)).json()["data"]
        replayed.stem = "e2-q2"  # no answer file: an empty reading
        other = (await http.post("/api/explain", json={**question, "timestamp": 3.0,
                                                       "selectedText": "Did you see Monica today?"})).json()["data"]
    [her] = [r for r in data["explanation"]["resolutions"] if r["expression"] == "her"]
    assert her["entity"]["name"] == "Monica" and data["explanation"]["text"] == "Ross saw Monica."
    assert other["degraded"] is True and replayed.missing == ["e2-q2"]  # no text: the graph-only answer
    assert replayed.prompt("e2-q1") is not None and "2 prompts" in replayed.size_table()
