"""Viewers without an operator key: a client token from POST /api/clients, quotas, content-addressed
captions (the same file is a no-op, a different one for a ready video a candidate an operator may
promote), one series per show from page titles, and a duration for every uploaded episode."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator

import httpx
import pytest

from explainer.core.settings import Settings
from explainer.subtitles import parse_subtitles
from graph.stores import open_store
from seeds.loader import demo_episodes
from tests.conftest import graph_counts
from tests.e2e.conftest import INGEST, app_client, run_worker_burst

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

EP1, EP2 = demo_episodes()[:2]


async def client_token(http: httpx.AsyncClient) -> dict[str, str]:
    response = await http.post("/api/clients")
    assert response.status_code == 200, response.text
    return {"X-Client-Token": response.json()["data"]["clientToken"]}


def upload(data: bytes, name: str = "captions.srt") -> dict[str, tuple[str, bytes, str]]:
    return {"file": (name, data, "application/x-subrip")}


async def status(http: httpx.AsyncClient, video_id: str) -> dict[str, object]:
    return (await http.get(f"/api/video/{video_id}/status")).json()["data"]


def last_cue_end(data: bytes) -> float:
    return max(cue.end for cue in parse_subtitles(data, filename="x.srt").cues)


async def test_viewers_share_one_truth_and_an_operator_promotes_a_candidate(client: httpx.AsyncClient,
                                                                            app_settings: Settings) -> None:
    alice, bob = await client_token(client), await client_token(client)
    assert alice != bob
    registered = await client.post("/api/video/register", headers=alice, json={
        "platform": "local", "videoId": "viewer-ep1", "title": f"{EP1.series_title} 1화 | My Video Site"})
    assert registered.status_code == 200, registered.text
    assert registered.json()["data"]["status"] == "awaiting_subtitles"
    original = EP1.read()
    first = (await client.post("/api/video/viewer-ep1/subtitles", headers=alice, files=upload(original))).json()["data"]
    assert first["outcome"] == "queued" and first["jobId"] and first["sha256"] == hashlib.sha256(original).hexdigest()
    # a second viewer with the same file: nothing new is queued
    same = (await client.post("/api/video/viewer-ep1/subtitles", headers=bob, files=upload(original))).json()["data"]
    assert same["outcome"] == "unchanged" and "jobId" not in same
    # a different file while the first is being processed: kept aside, not queued
    other = EP2.read()
    while_processing = (await client.post("/api/video/viewer-ep1/subtitles", headers=bob,
                                          files=upload(other))).json()["data"]
    assert while_processing["outcome"] == "candidate" and "jobId" not in while_processing

    worker = run_worker_burst(app_settings)
    assert worker.returncode == 0, worker.stderr[-2000:]
    ready = await status(client, "viewer-ep1")
    assert ready["status"] == "ready"
    assert ready["subtitleSha256"] == first["sha256"]
    assert ready["duration"] == pytest.approx(last_cue_end(original))  # no duration given: the last line's end
    assert [c["sha256"] for c in ready["candidates"]] == [while_processing["sha256"]]

    store = open_store(app_settings)
    try:
        answer = {"videoId": "viewer-ep1", "selectedText": "그때 그 사람이었어.", "timestamp": 600.0}
        asked = (await client.post("/api/explain", json=answer)).json()["data"]["explanation"]
        before = await graph_counts(store)  # the question included (it is written after the answer)
        # a ready video: the same and another different file change nothing, and queue nothing
        for data in (original, other, original + b"\n"):
            sent = (await client.post("/api/video/viewer-ep1/subtitles", headers=bob, files=upload(data))).json()
            assert sent["data"]["outcome"] in ("unchanged", "candidate") and sent["data"]["status"] == "ready", sent
        worker = run_worker_burst(app_settings)
        assert worker.returncode == 0
        assert await graph_counts(store) == before
        assert (await client.post("/api/explain", json=answer)).json()["data"]["explanation"] == asked
        assert await graph_counts(store) != before  # the store answers (a second question is stored)
        assert len((await status(client, "viewer-ep1"))["candidates"]) == 2
        # a viewer may not promote; an operator may
        path = f"/api/video/viewer-ep1/candidates/{while_processing['sha256']}/promote"
        assert (await client.post(path, headers=bob)).status_code == 401
        promoted = await client.post(path, headers=INGEST)
        assert promoted.status_code == 200 and promoted.json()["data"]["outcome"] == "queued", promoted.text
        assert run_worker_burst(app_settings).returncode == 0
        after = await status(client, "viewer-ep1")
        assert after["status"] == "ready" and after["subtitleSha256"] == while_processing["sha256"]
        assert while_processing["sha256"] not in [c["sha256"] for c in after["candidates"]]
    finally:
        await store.close()


async def test_a_viewer_never_changes_what_exists_nor_makes_the_service_fetch(client: httpx.AsyncClient) -> None:
    viewer = await client_token(client)
    operator = await client.post("/api/video/register", headers=INGEST, json={
        "platform": "local", "videoId": "operator-ep", "title": "Harbor Lights S01E01", "duration": 1200})
    assert operator.status_code == 200
    again = await client.post("/api/video/register", headers=viewer, json={
        "platform": "local", "videoId": "operator-ep", "title": "Something else", "seriesTitle": "Else", "episode": 9})
    assert again.status_code == 200 and again.json()["data"]["status"] == "awaiting_subtitles"
    kept = await status(client, "operator-ep")
    assert kept["seriesId"] == "harbor-lights" and kept["episode"] == 1 and kept["duration"] == 1200
    for body in ({"subtitleUrl": "https://example.com/a.srt"}, {"callbackUrl": "https://example.com/hook"}):
        refused = await client.post("/api/video/register", headers=viewer, json={
            "platform": "local", "videoId": "fetch-me", "title": "Fetch 1화", **body})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "FORBIDDEN"
    by_url = await client.post("/api/video/operator-ep/subtitles", headers=viewer, json={"url": "https://example.com/a.srt"})
    assert by_url.status_code == 403
    unknown = await client.post("/api/video/register", headers={"X-Client-Token": "made-up"}, json={
        "platform": "local", "videoId": "x1", "title": "X 1화"})
    assert unknown.status_code == 401 and unknown.json()["error"]["code"] == "UNAUTHORIZED"
    deletion = await client.post("/graphql", headers=viewer, json={
        "query": 'mutation { deleteVideo(id: "operator-ep") { __typename } }'})
    assert (await status(client, "operator-ep"))["videoId"] == "operator-ep", deletion.text


@pytest.fixture
async def tight(app_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    settings = app_settings.model_copy(update={"viewer_clients_per_hour": 2, "viewer_videos_per_hour": 2,
                                               "viewer_upload_bytes_per_day": 8 * 1024})
    async for http in app_client(settings):
        yield http


async def test_quotas_answer_429_with_retry_after_and_store_nothing(tight: httpx.AsyncClient) -> None:
    viewer = await client_token(tight)
    await client_token(tight)
    third = await tight.post("/api/clients")
    assert third.status_code == 429 and third.json()["error"]["code"] == "RATE_LIMIT_EXCEEDED"
    assert 0 < int(third.headers["Retry-After"]) <= 3600
    for n in (1, 2):
        ok = await tight.post("/api/video/register", headers=viewer, json={
            "platform": "local", "videoId": f"quota-ep{n}", "title": f"Quota Show EP.{n}"})
        assert ok.status_code == 200, ok.text
    # registering a video that exists costs nothing; a third new one is refused and not created
    assert (await tight.post("/api/video/register", headers=viewer, json={
        "platform": "local", "videoId": "quota-ep1", "title": "Quota Show EP.1"})).status_code == 200
    over = await tight.post("/api/video/register", headers=viewer, json={
        "platform": "local", "videoId": "quota-ep3", "title": "Quota Show EP.3"})
    assert over.status_code == 429 and int(over.headers["Retry-After"]) > 0
    assert (await tight.get("/api/video/quota-ep3/status")).status_code == 404
    # bytes per day: 8 KB, two files of 3.5 KB
    small = b"".join(f"{i}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\nline {i} of the quota test\n\n".encode()
                     for i in range(1, 60))
    assert 3 * 1024 < len(small) < 6 * 1024
    for n in (1, 2):
        sent = await tight.post(f"/api/video/quota-ep{n}/subtitles", headers=viewer, files=upload(small))
        assert sent.status_code == 200, sent.text
    refused = await tight.post("/api/video/quota-ep2/subtitles", headers=viewer, files=upload(small + b"\n"))
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 3600
    assert (await status(tight, "quota-ep2"))["candidates"] == []
    # an operator key has no viewer quota
    assert (await tight.post("/api/video/register", headers=INGEST, json={
        "platform": "local", "videoId": "quota-ep4", "title": "Quota Show EP.4"})).status_code == 200


async def test_viewer_registration_off(app_settings: Settings) -> None:
    async for on in app_client(app_settings):
        token = await client_token(on)
    off = app_settings.model_copy(update={"viewer_registration": False})
    async for http in app_client(off):
        assert (await http.post("/api/clients")).status_code == 403
        refused = await http.post("/api/video/register", headers=token, json={
            "platform": "local", "videoId": "off-ep1", "title": "Off 1화"})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "FORBIDDEN"
        assert (await http.post("/api/video/register", headers=INGEST, json={
            "platform": "local", "videoId": "off-ep1", "title": "Off 1화"})).status_code == 200


async def test_one_series_per_show(client: httpx.AsyncClient) -> None:
    viewer = await client_token(client)
    cases = [
        ({"videoId": "site-ep2", "title": "사내맞선 2화 | My Video Site"}, "사내맞선", None, 2),
        ({"videoId": "site-ep1", "title": "사내맞선 1화 | My Video Site"}, "사내맞선", None, 1),
        ({"videoId": "site-s1e3", "title": "사내맞선 S01E03 | Another Site"}, "사내맞선", 1, 3),
        ({"videoId": "nf-1", "title": "Show Name: Pilot", "platform": "netflix", "showId": "80100172",
          "seriesTitle": "Show Name", "season": 1, "episode": 1}, "netflix-80100172", 1, 1),
        ({"videoId": "nf-2", "title": "Show Name: Second", "platform": "netflix", "showId": "80100172",
          "season": 1, "episode": 2}, "netflix-80100172", 1, 2),
        ({"videoId": "yt-a", "title": "Cooking with Ann EP.4 - YouTube", "platform": "youtube",
          "playlistId": "PLx1"}, "youtube-playlist-plx1", None, 4),
    ]
    for body, series_id, season, episode in cases:
        sent = await client.post("/api/video/register", headers=viewer, json={"platform": "local", **body})
        assert sent.status_code == 200, sent.text
        got = await status(client, body["videoId"])
        assert (got["seriesId"], got["season"], got["episode"]) == (series_id, season, episode), body
    query = '{ series(id: "%s") { title videos { id title } } }'
    korean = (await client.post("/graphql", json={"query": query % "사내맞선"})).json()["data"]["series"]
    assert korean["title"] == "사내맞선" and len(korean["videos"]) == 3  # the series title, not an episode's
    assert {v["title"] for v in korean["videos"]} >= {"사내맞선 2화 | My Video Site"}
    netflix = (await client.post("/graphql", json={"query": query % "netflix-80100172"})).json()["data"]["series"]
    assert netflix["title"] == "Show Name"  # the explicit title stays; the next episode's own title never replaces it


async def test_two_viewers_first_files_at_once_queue_one(client: httpx.AsyncClient) -> None:
    alice, bob = await client_token(client), await client_token(client)
    assert (await client.post("/api/video/register", headers=alice, json={
        "platform": "local", "videoId": "race-ep1", "title": "Race 1화"})).status_code == 200
    sent = await asyncio.gather(
        client.post("/api/video/race-ep1/subtitles", headers=alice, files=upload(EP1.read())),
        client.post("/api/video/race-ep1/subtitles", headers=bob, files=upload(EP2.read())))
    outcomes = sorted(r.json()["data"]["outcome"] for r in sent)
    assert outcomes == ["candidate", "queued"], [r.text for r in sent]
    queued = next(r.json()["data"] for r in sent if r.json()["data"]["outcome"] == "queued")
    after = await status(client, "race-ep1")
    assert after["subtitleSha256"] == queued["sha256"] and len(after["candidates"]) == 1
