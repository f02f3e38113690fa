"""An answer names people only as the viewer has heard them by the bound: Pete of episode 1 is
'Peter Becker' only from episode 2 on, where he says his full name (a name said later is a spoiler
in the who-is-who, the first-appearance sentence and the relations alike)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from cli.local_ingest import file_item, ingest_files
from explainer.core.settings import Settings
from graph.stores import open_store
from tests.e2e.conftest import app_client

pytestmark = [pytest.mark.e2e, pytest.mark.graph]

FILES = Path(__file__).parent.parent / "fixtures" / "subtitles" / "names_heard"


async def ask(http: httpx.AsyncClient, video: str, text: str, at: float) -> dict[str, Any]:
    response = await http.post("/api/explain", json={"videoId": video, "selectedText": text, "timestamp": at})
    assert response.status_code == 200, response.text
    return dict(response.json()["data"])


async def test_a_full_name_said_in_a_later_episode_is_not_in_earlier_answers(app_settings: Settings) -> None:
    await ingest_files(app_settings, [file_item(FILES / f"e{e}.srt", series="Names Heard", episode=e, season=1,
                                                title=None, video_id=None, language="en") for e in (1, 2)])
    store = open_store(app_settings)
    try:
        names = {r["id"]: r["name"] for r in await store.read("series_entities", seriesId="names-heard")}
    finally:
        await store.close()
    assert "Peter Becker" in names.values()  # the series knows him by his full name

    async for http in app_client(app_settings):
        early = [await ask(http, "names-heard-s01e01", "Hi, Monica. Nice place.", 5.0),
                 await ask(http, "names-heard-s01e01", "He brought you flowers?", 14.0)]
        for answer in early:
            assert "Becker" not in json.dumps(answer, ensure_ascii=False), answer
        said = [r["entity"]["name"] for a in early for r in a["explanation"]["resolutions"] if r["entity"]]
        assert "Pete" in said or "Pete" in early[0]["explanation"]["text"]

        late = await ask(http, "names-heard-s01e02", "Peter Becker, at your service.", 11.0)
        assert "Peter Becker" in json.dumps(late, ensure_ascii=False)


async def test_before_his_full_name_a_person_is_shown_by_his_given_name(app_settings: Settings) -> None:
    # Dr. Farber and BARRY are heard first, Barry Farber only at the end: in between he is Barry
    await ingest_files(app_settings, [file_item(FILES / "farber.srt", series="Farber", episode=1, season=1,
                                                title=None, video_id=None, language="en")])
    async for http in app_client(app_settings):
        early = await ask(http, "farber-s01e01", "I know, I know. Sit down.", 14.0)
        said = {r["expression"]: r["entity"]["name"] for r in early["explanation"]["resolutions"] if r["entity"]}
        assert said.get("I") == "Barry", early["explanation"]["resolutions"]
        late = await ask(http, "farber-s01e01", "I know you do.", 15.0 + 60)
        said = {r["expression"]: r["entity"]["name"] for r in late["explanation"]["resolutions"] if r["entity"]}
        assert said.get("I") == "Barry Farber", late["explanation"]["resolutions"]
