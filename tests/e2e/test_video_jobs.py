"""One ingestion job per video at a time, on several workers: a newer upload supersedes the
queued and the running job and its graph is exactly its own file's; a delete is final; many
uploads at once answer cleanly. Real workers (`explainer worker`) on the embedded stores."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import redis

from bench.synthetic import synthetic_episode
from explainer.core.keys import video_turn_key
from explainer.core.settings import Settings
from graph.stores import open_store
from tests.conftest import settings_env
from tests.e2e.conftest import INGEST, run_worker_burst

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.graph]

ADMIN = {"X-API-Key": "test-admin"}
VIDEO = "jobs-s01e01"


def srt(texts: list[str]) -> bytes:
    blocks = [f"{i + 1}\n00:00:{i * 3:02d},000 --> 00:00:{i * 3 + 2:02d},000\n{t}\n" for i, t in enumerate(texts)]
    return "\n".join(blocks).encode()


def small_file(tag: str, cues: int = 12) -> bytes:
    return srt([f"{tag} 줄 {i}번이에요." for i in range(cues)])


@pytest.fixture
def workers(app_settings: Settings) -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        with_group = process.pid
        try:
            os.killpg(with_group, signal.SIGTERM)
            process.wait(15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(with_group, signal.SIGKILL)
            process.wait(5)


def start_worker(settings: Settings, pool: list[subprocess.Popen[bytes]]) -> None:
    pool.append(subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], env=settings_env(settings),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))


async def register(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/video/register", headers=INGEST, json={
        "platform": "local", "videoId": VIDEO, "title": "작업 시험 1화", "seriesTitle": "작업 시험", "episode": 1})
    assert response.status_code in (200, 201, 202), response.text


async def upload(client: httpx.AsyncClient, data: bytes, name: str = "e.srt") -> httpx.Response:
    return await client.post(f"/api/video/{VIDEO}/subtitles", headers=INGEST,
                             files={"file": (name, data, "application/x-subrip")})


async def status(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.get(f"/api/video/{VIDEO}/status")
    return dict(response.json().get("data") or {}) if response.status_code == 200 else {}


async def wait_for(client: httpx.AsyncClient, done: Any, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    last: dict[str, Any] = {}
    while time.monotonic() < deadline:
        last = await status(client)
        if done(last):
            return last
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out; last status {last}")


async def video_lines(client: httpx.AsyncClient) -> list[str]:
    response = await client.get(f"/api/video/{VIDEO}/cues")
    if response.status_code != 200:
        return []
    return [c["text"] for c in response.json()["data"]["cues"]]


async def graph_of_video(settings: Settings) -> dict[str, Any]:
    """The Video node's facts and how many nodes carry the video's id, per label."""
    store = open_store(settings)
    try:
        rows = await store.read("get_video", id=VIDEO)
        counts = {r["label"]: r["count"] for r in await store.read("count_video_nodes", videoId=VIDEO)}
    finally:
        await store.close()
    return {**(rows[0] if rows else {}), "nodes": counts}


def turn_free(settings: Settings) -> bool:
    client = redis.Redis.from_url(settings.effective_redis_url)
    try:
        return not client.exists(video_turn_key(VIDEO))
    finally:
        client.close()


async def test_a_newer_upload_supersedes_the_running_and_the_queued_job(
        client: httpx.AsyncClient, app_settings: Settings, workers: list[subprocess.Popen[bytes]]) -> None:
    await register(client)
    big = synthetic_episode(77, cues=8000)
    assert (await upload(client, big, "a.srt")).status_code in (200, 202)
    start_worker(app_settings, workers)
    start_worker(app_settings, workers)
    await wait_for(client, lambda s: s.get("currentStep") in ("segment", "analyse", "enrich", "graph"))

    b = await upload(client, small_file("B"), "b.srt")  # queued behind A
    c = await upload(client, small_file("C"), "c.srt")  # cancels B; A stops at its next write
    assert b.status_code in (200, 202) and c.status_code in (200, 202)
    final = await wait_for(client, lambda s: s.get("status") == "ready" and turn_free(app_settings))
    await asyncio.sleep(1.0)  # a straggling job would write now

    assert await video_lines(client) == [f"C 줄 {i}번이에요." for i in range(12)]
    video = await graph_of_video(app_settings)
    assert video["cueCount"] == 12 and video["segmentCount"] == 2, video  # 36 s in 30 s windows
    assert video["nodes"].get("Line") == 12 and video["nodes"].get("Segment") == 2, video
    assert final["status"] == "ready"


async def test_a_delete_is_final_while_a_job_runs(
        client: httpx.AsyncClient, app_settings: Settings, workers: list[subprocess.Popen[bytes]]) -> None:
    await register(client)
    assert (await upload(client, synthetic_episode(78, cues=8000), "a.srt")).status_code in (200, 202)
    start_worker(app_settings, workers)
    await wait_for(client, lambda s: s.get("currentStep") in ("segment", "analyse", "enrich", "graph"))
    assert (await upload(client, small_file("B"), "b.srt")).status_code in (200, 202)  # waits

    mutation = 'mutation($id: ID!) { deleteVideo(videoId: $id) { __typename } }'
    deleted = await client.post("/graphql", headers=ADMIN, json={"query": mutation, "variables": {"id": VIDEO}})
    assert deleted.status_code == 200 and "errors" not in deleted.json(), deleted.text
    await asyncio.sleep(3.0)  # what the old job would write after the delete
    assert turn_free(app_settings)
    assert (await client.get(f"/api/video/{VIDEO}/status")).status_code == 404

    await register(client)  # the same id again, nothing uploaded: nothing of the old one is served
    assert await video_lines(client) == []
    video = await graph_of_video(app_settings)
    assert video["status"] == "awaiting_subtitles", video
    assert not video["nodes"].get("Line") and not video["nodes"].get("Segment"), video


async def test_fifty_concurrent_uploads_answer_cleanly_and_one_wins(
        client: httpx.AsyncClient, app_settings: Settings) -> None:
    await register(client)
    files = [small_file(f"U{n:02d}", cues=6 + n % 5) for n in range(50)]
    responses = await asyncio.gather(*(upload(client, data, f"u{n}.srt") for n, data in enumerate(files)))
    codes = sorted({r.status_code for r in responses})
    assert set(codes) <= {200, 202, 409}, [(r.status_code, r.text[:200]) for r in responses if r.status_code >= 500]
    for response in responses:
        if response.status_code == 409:
            assert response.json()["error"]["code"] in ("VIDEO_PROCESSING", "RATE_LIMIT_EXCEEDED")

    worker = run_worker_burst(app_settings)
    assert worker.returncode == 0, worker.stderr[-2000:]
    final = await status(client)
    assert final["status"] == "ready", final
    lines = await video_lines(client)
    winners = [n for n, data in enumerate(files)
               if lines == [f"U{n:02d} 줄 {i}번이에요." for i in range(6 + n % 5)]]
    assert len(winners) == 1, lines[:3]
    video = await graph_of_video(app_settings)
    assert video["cueCount"] == len(lines) == video["nodes"].get("Line"), video
