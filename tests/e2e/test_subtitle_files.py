"""Uploads of the files people have: a file that yields no cue is refused with 415 before
anything is queued; ASS and Apple's TTML are taken. Video ids with '.' and ':' ingest through
every door (upload, {url}, subtitleUrl, reprocessVideo)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from explainer.core.settings import Settings
from seeds.loader import demo_episodes
from tests.e2e.conftest import INGEST, run_worker_burst
from tests.support.http_fixture_server import Route, serve_fixtures

pytestmark = [pytest.mark.e2e]

FIXTURES = Path(__file__).parents[1] / "fixtures" / "subtitles"


async def _register(client: httpx.AsyncClient, video_id: str, **extra: object) -> httpx.Response:
    body = {"platform": "local", "videoId": video_id, "title": "Spring", "seriesTitle": "Spring Notebook",
            "language": "en", **extra}
    answer = await client.post("/api/video/register", json=body, headers=INGEST)
    assert answer.status_code == 200, answer.text
    return answer


@pytest.mark.parametrize("name", ["broken_timings.srt", "homemade.smi", "not_subtitles.srt"])
async def test_files_without_cues_are_refused_before_queueing(client: httpx.AsyncClient, name: str) -> None:
    await _register(client, "nocue-1")
    answer = await client.post("/api/video/nocue-1/subtitles", headers=INGEST,
                               files={"file": (name, (FIXTURES / name).read_bytes(), "text/plain")})
    assert answer.status_code == 415 and answer.json()["error"]["code"] == "UNSUPPORTED_SUBTITLE_FORMAT"
    status = (await client.get("/api/video/nocue-1/status")).json()["data"]
    assert status["status"] == "awaiting_subtitles"


@pytest.mark.parametrize(("name", "fmt", "cues"), [("aegisub_fonts.ass", "ass", 4), ("karaoke.ass", "ass", 4),
                                                   ("ssa_v4.ssa", "ass", 3), ("apple_word_timed.ttml", "ttml", 4)])
async def test_ass_ssa_and_apple_ttml_are_taken(client: httpx.AsyncClient, name: str, fmt: str, cues: int) -> None:
    await _register(client, "formats-1")
    answer = await client.post("/api/video/formats-1/subtitles", headers=INGEST,
                               files={"file": (name, (FIXTURES / name).read_bytes(), "text/plain")})
    assert answer.status_code == 200, answer.text
    data = answer.json()["data"]
    assert data["format"] == fmt and data["cues"] == cues and data["status"] == "processing"


@pytest.mark.slow
async def test_ids_with_dots_and_colons_ingest_through_every_door(client: httpx.AsyncClient,
                                                                 app_settings: Settings) -> None:
    episode = [ep for ep in demo_episodes() if ep.language == "en"][0]
    with serve_fixtures() as server:
        server.add("/subs/e.srt", Route(body=episode.read(), content_type="application/x-subrip"))
        settings = app_settings.model_copy(update={"fetch_allow_hosts": server.netloc, "job_retry_base_seconds": 0})
        url = server.url("/subs/e.srt")
        by_url = await _register(client, "yt:abc.def-1", subtitleUrl=url)
        assert by_url.json()["data"]["status"] == "processing" and by_url.json()["data"]["jobId"]
        await _register(client, "nf:8123.4")
        upload = await client.post("/api/video/nf:8123.4/subtitles", headers=INGEST,
                                   files={"file": (episode.file, episode.read(), "application/x-subrip")})
        assert upload.status_code == 200, upload.text
        await _register(client, "local:a.b")
        json_url = await client.post("/api/video/local:a.b/subtitles", headers=INGEST, json={"url": url})
        assert json_url.status_code == 200, json_url.text
        worker = run_worker_burst(settings)
        assert worker.returncode == 0, worker.stderr[-2000:]
        for video_id in ("yt:abc.def-1", "nf:8123.4", "local:a.b"):
            status = (await client.get(f"/api/video/{video_id}/status")).json()["data"]
            assert status["status"] == "ready", (video_id, status)
        again = await client.post("/graphql", headers=INGEST, json={
            "query": 'mutation { reprocessVideo(videoId: "nf:8123.4") { status jobId } }'})
        assert again.json()["data"]["reprocessVideo"]["status"] == "processing", again.text
        assert again.json()["data"]["reprocessVideo"]["jobId"]
