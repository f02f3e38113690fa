"""Uploads: the parse runs off the event loop (a file of megabytes must not hold up /health and
every other request of the process), and the cue caps answer 413 with what was over."""

from __future__ import annotations

import asyncio
import threading

import pytest

from explainer.core.settings import Settings
from explainer.ingest import registration
from explainer.subtitles import ParseResult
from tests.e2e.conftest import INGEST, app_client
from tests.e2e.test_ingest_api import EP1
from tests.e2e.test_ingest_api import registration as registration_body
from tests.unit.test_subtitles_caps import srt_cues

pytestmark = pytest.mark.e2e


async def test_health_answers_while_an_upload_is_parsed(client, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real parser, held until /health has answered: on the event loop it would hold the loop
    too, /health could not answer, and the hold would end by its guard instead."""
    parse = registration.parse_subtitles
    parsing, health_answered = threading.Event(), threading.Event()
    released_by: list[str] = []

    def held_parse(data: bytes, **kwargs: object) -> ParseResult:
        parsing.set()
        released_by.append("health" if health_answered.wait(timeout=20) else "guard")
        return parse(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(registration, "parse_subtitles", held_parse)
    assert (await client.post("/api/video/register", json=registration_body(), headers=INGEST)).status_code == 200
    upload = asyncio.create_task(client.post(f"/api/video/{EP1.video_id}/subtitles", headers=INGEST,
                                             files={"file": ("e01.srt", EP1.read(), "application/x-subrip")}))
    assert await asyncio.to_thread(parsing.wait, 20)
    health = await client.get("/health")
    health_answered.set()
    answered = await upload
    assert health.json()["data"]["status"] in ("ok", "degraded")
    assert released_by == ["health"]
    assert answered.status_code == 200 and answered.json()["data"]["cues"] > 10


async def test_a_file_over_the_cue_cap_is_refused(app_settings: Settings) -> None:
    settings = app_settings.model_copy(update={"subtitle_max_cues": 100})
    async for client in app_client(settings):
        assert (await client.post("/api/video/register", json=registration_body(), headers=INGEST)).status_code == 200
        refused = await client.post(f"/api/video/{EP1.video_id}/subtitles", headers=INGEST,
                                    files={"file": ("many.srt", srt_cues(101), "application/x-subrip")})
        assert refused.status_code == 413
        error = refused.json()["error"]
        assert error["code"] == "PAYLOAD_TOO_LARGE" and "101 cues; at most 100" in error["message"]
        status = (await client.get(f"/api/video/{EP1.video_id}/status")).json()["data"]
        assert status["status"] == "awaiting_subtitles"  # nothing queued
        accepted = await client.post(f"/api/video/{EP1.video_id}/subtitles", headers=INGEST,
                                     files={"file": ("enough.srt", srt_cues(100), "application/x-subrip")})
        assert accepted.status_code == 200 and accepted.json()["data"]["cues"] == 100


async def test_a_one_megabyte_cue_is_accepted_and_cut(client, app_settings: Settings) -> None:
    assert (await client.post("/api/video/register", json=registration_body(), headers=INGEST)).status_code == 200
    body = (b"1\n00:00:01,000 --> 00:00:02,000\n" + b"<rt " * (256 * 1024)
            + b"\n\n2\n00:00:03,000 --> 00:00:04,000\nhi\n")
    answered = await client.post(f"/api/video/{EP1.video_id}/subtitles", headers=INGEST,
                                 files={"file": ("one.srt", body, "application/x-subrip")})
    assert answered.status_code == 200 and answered.json()["data"]["cues"] == 2
    parsed = registration.parse_subtitles(body, max_cue_chars=app_settings.subtitle_max_cue_chars)
    assert len(parsed.cues[0].text) <= app_settings.subtitle_max_cue_chars
