"""The REST ingestion flow through the app, with a real worker process."""

from __future__ import annotations

import pytest

from explainer.core.settings import Settings
from graph.stores import open_store
from seeds.loader import demo_episodes
from tests.conftest import graph_counts
from tests.e2e.conftest import INGEST, run_worker_burst

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

EP1 = demo_episodes()[0]


def registration(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {"platform": "local", "videoId": EP1.video_id, "title": EP1.title,
                               "seriesTitle": EP1.series_title, "seriesId": EP1.series_id, "season": 1,
                               "episode": 1, "duration": EP1.duration, "language": "ko"}
    body.update(overrides)
    return body


async def test_auth_and_validation_errors(client) -> None:
    missing = await client.post("/api/video/register", json=registration())
    assert missing.status_code == 401 and missing.json()["error"]["code"] == "UNAUTHORIZED"
    wrong = await client.post("/api/video/register", json=registration(), headers={"X-API-Key": "nope"})
    assert wrong.status_code == 401
    platform = await client.post("/api/video/register", json=registration(platform="vimeo"), headers=INGEST)
    assert platform.status_code == 400 and platform.json()["error"]["code"] == "INVALID_PLATFORM"
    bad_id = await client.post("/api/video/register", json=registration(videoId="../../etc"), headers=INGEST)
    assert bad_id.status_code == 400 and bad_id.json()["error"]["code"] == "INVALID_VIDEO_ID"
    malformed = await client.post("/api/video/register", content=b"{not json", headers={
        **INGEST, "Content-Type": "application/json"})
    assert malformed.status_code == 400 and malformed.json()["error"]["code"] == "INVALID_REQUEST"
    unknown = await client.get("/api/video/never-registered/status")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "VIDEO_NOT_FOUND"


async def test_scopes_are_enforced(client, app_settings: Settings) -> None:
    settings = app_settings.model_copy(update={"api_keys": "reader:admin"})
    assert "admin" in settings.api_key_scopes["reader"]
    # an admin key may ingest; an unknown one may not
    ok = await client.post("/api/video/register", json=registration(), headers={"X-API-Key": "test-admin"})
    assert ok.status_code == 200


async def test_bad_files_are_rejected_and_nothing_is_lost(client) -> None:
    assert (await client.post("/api/video/register", json=registration(), headers=INGEST)).status_code == 200
    garbage = await client.post(f"/api/video/{EP1.video_id}/subtitles", headers=INGEST,
                                files={"file": ("x.srt", b"\x00\x01\x02 not subtitles at all \xff", "text/plain")})
    assert garbage.status_code == 415
    assert garbage.json()["error"]["code"] == "UNSUPPORTED_SUBTITLE_FORMAT"
    huge = await client.post(f"/api/video/{EP1.video_id}/subtitles", headers=INGEST,
                             files={"file": ("big.srt", b"1\n00:00:01,000 --> 00:00:02,000\nhi\n\n" * 200_000,
                                             "text/plain")})
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"
    status = (await client.get(f"/api/video/{EP1.video_id}/status")).json()["data"]
    assert status["status"] == "awaiting_subtitles"


async def test_register_upload_process_and_register_again(client, app_settings: Settings) -> None:
    first = await client.post("/api/video/register", json=registration(), headers=INGEST)
    assert first.json()["data"]["status"] == "awaiting_subtitles"
    upload = await client.post(f"/api/video/{EP1.video_id}/subtitles", headers=INGEST,
                               files={"file": ("e01.srt", EP1.read(), "application/x-subrip")})
    assert upload.status_code == 200, upload.text
    data = upload.json()["data"]
    assert data["status"] == "processing" and data["jobId"] and data["format"] == "srt"
    queued = (await client.get(f"/api/video/{EP1.video_id}/status")).json()["data"]
    assert queued["status"] == "processing"

    worker = run_worker_burst(app_settings)
    assert worker.returncode == 0, worker.stderr[-2000:]

    done = (await client.get(f"/api/video/{EP1.video_id}/status")).json()["data"]
    assert done["status"] == "ready" and done["progress"] == 100 and done["currentStep"] == "done"
    assert done["error"] is None and done["llmUsage"]["provider"] == "offline"
    again = (await client.post("/api/video/register", json=registration(), headers=INGEST)).json()["data"]
    assert again["status"] == "ready" and again["processedAt"] == done["processedAt"] and "jobId" not in again

    store = open_store(app_settings)
    nodes, _ = await graph_counts(store)
    await store.close()
    assert nodes["Video"] == 1 and nodes["Segment"] > 20 and nodes["Entity"] > 3
