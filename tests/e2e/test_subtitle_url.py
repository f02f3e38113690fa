"""Subtitles given as a URL: fetched by the worker through the safe fetcher, and the callback
URL is told when the video is ready."""

from __future__ import annotations

import json

import pytest

from explainer.core.settings import Settings
from seeds.loader import demo_episodes
from tests.e2e.conftest import INGEST, app_client, run_worker_burst
from tests.support.http_fixture_server import Route, json_route, serve_fixtures

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

EPISODE = [ep for ep in demo_episodes() if ep.language == "en"][0]


async def test_a_private_callback_url_is_refused_at_registration(client) -> None:
    for url in ("http://169.254.169.254/latest", "http://127.0.0.1:9/hook", "http://user:pw@example.com/x"):
        body = {"platform": "local", "videoId": "cb-1", "title": "x", "seriesTitle": "Cb", "callbackUrl": url}
        answer = await client.post("/api/video/register", json=body, headers=INGEST)
        assert answer.status_code == 400 and answer.json()["error"]["code"] == "INVALID_REQUEST", url
    assert (await client.get("/api/video/cb-1/status")).status_code == 404  # nothing was registered


async def test_subtitle_url_and_callback(app_settings: Settings) -> None:
    with serve_fixtures() as server:
        server.add("/subs/e01.srt", Route(body=EPISODE.read(), content_type="application/x-subrip"))
        server.add("/hooks/ready", json_route({"ok": True}))
        settings = app_settings.model_copy(update={"fetch_allow_hosts": server.netloc})
        async for client in app_client(settings):
            await _subtitle_url_and_callback(client, settings, server)


async def _subtitle_url_and_callback(client, settings: Settings, server) -> None:  # type: ignore[no-untyped-def]
    body = {"platform": "local", "videoId": EPISODE.video_id, "title": EPISODE.title,
            "seriesTitle": EPISODE.series_title, "season": 1, "episode": 1, "language": "en",
            "subtitleUrl": server.url("/subs/e01.srt"), "callbackUrl": server.url("/hooks/ready")}
    answer = await client.post("/api/video/register", json=body, headers=INGEST)
    assert answer.json()["data"]["status"] == "processing", answer.text
    worker = run_worker_burst(settings)
    assert worker.returncode == 0, worker.stderr[-2000:]
    status = (await client.get(f"/api/video/{EPISODE.video_id}/status")).json()["data"]
    assert status["status"] == "ready"
    assert status["callback"]["status"] == "delivered" and status["callback"]["httpStatus"] == 200
    [hook] = server.requests_to("/hooks/ready")
    assert hook.method == "POST"
    payload = json.loads(hook.body)
    assert payload["videoId"] == EPISODE.video_id and payload["status"] == "ready" and payload["cues"] > 50
    assert len(server.requests_to("/subs/e01.srt")) == 1


async def test_subtitle_url_to_a_private_address_is_refused(client, app_settings: Settings) -> None:
    body = {"platform": "local", "videoId": "private-subs", "title": "x", "seriesTitle": "Private",
            "language": "en"}
    assert (await client.post("/api/video/register", json=body, headers=INGEST)).status_code == 200
    answer = await client.post("/api/video/private-subs/subtitles", headers=INGEST,
                               json={"url": "http://169.254.169.254/latest/meta-data"})
    assert answer.status_code == 200  # accepted; the worker refuses to fetch it
    worker = run_worker_burst(app_settings.model_copy(update={"job_retry_base_seconds": 0}))
    assert worker.returncode == 0
    status = (await client.get("/api/video/private-subs/status")).json()["data"]
    assert status["status"] == "error"
    assert status["error"]["code"] == "EXTERNAL_SERVICE_ERROR" and "non-public" in status["error"]["message"]


