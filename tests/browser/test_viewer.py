"""A viewer as they meet the extension: no API key, a site the service has never seen (a page with a
<video> and a WebVTT track, the show only in its title), the captions sent by the extension with
the client token it obtained itself, the reading's progress, then the answer; a second viewer
changes nothing; the overlay follows the video after a question."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
from playwright.async_api import Page, Playwright, expect

from explainer.core.settings import Settings
from tests.browser.conftest import VIDEO_ID, launch_extension
from tests.browser.test_extension import open_test_page, press_the_page_shortcut
from tests.e2e.conftest import run_worker_burst

pytestmark = [pytest.mark.browser, pytest.mark.graph, pytest.mark.redis, pytest.mark.e2e, pytest.mark.slow]


def page_video_id(url: str) -> str:
    """The id the extension gives a page's video when the page names none: web-<FNV-1a of host+path>."""
    parts = urlparse(url)
    value = 2166136261
    for char in parts.netloc + parts.path:
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    digits = ""
    while value:
        value, rest = divmod(value, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + digits
    return f"web-{digits or '0'}"


async def status_of(service: str, video_id: str, wanted: set[str]) -> dict[str, Any]:
    """The video's status once it is one of `wanted` (the extension registers in the background)."""
    async with httpx.AsyncClient(base_url=service) as http:
        for _ in range(150):
            response = await http.get(f"/api/video/{video_id}/status")
            if response.status_code == 200 and response.json()["data"]["status"] in wanted:
                return response.json()["data"]
            await asyncio.sleep(0.2)
    raise AssertionError(f"{video_id} never reached {wanted}: {response.text}")


async def explain(service: str, video_id: str, text: str, timestamp: float) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=service) as http:
        response = await http.post("/api/explain", json={"videoId": video_id, "selectedText": text,
                                                          "timestamp": timestamp})
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def open_page(page: Page, url: str, at: float) -> str:
    """Opens the page paused at `at`; returns the line the extension draws there."""
    await page.goto(url)
    video = page.locator("video")
    await expect(video).to_have_js_property("readyState", 4)
    await video.evaluate("(v, t) => { v.pause(); v.currentTime = t; }", at)
    line = page.get_by_test_id("cue")
    await expect(line).not_to_have_text("")
    return await line.inner_text()


async def test_a_first_time_viewer_without_a_key_reads_the_progress_then_the_answer(
        playwright: Playwright, service: str, test_site: str, browser_settings: Settings, redis_client: object,
        tmp_path: Path) -> None:
    url = f"{test_site}/first-time/e1.html"
    video_id = page_video_id(url)
    at = 120.5
    first, _ = await launch_extension(playwright, service, tmp_path / "first-viewer")
    try:
        page = await first.new_page()
        line = await open_page(page, url, at)
        # registered by the extension with the client token it got itself, its captions sent
        queued = await status_of(service, video_id, {"processing"})
        assert (queued["seriesId"], queued["episode"]) == ("봄날의-기록", 1)
        await press_the_page_shortcut(page)  # nothing selected: the line on screen
        await expect(page.get_by_test_id("explain-progress")).to_contain_text("이 회차를 읽는 중")
        worker = await asyncio.to_thread(run_worker_burst, browser_settings)
        assert worker.returncode == 0, worker.stderr[-2000:]
        ready = await status_of(service, video_id, {"ready"})
        assert ready["duration"] == pytest.approx(820, abs=1)  # the player's duration
        answer = await explain(service, video_id, line, at)
        await expect(page.get_by_test_id("explain-text")).to_have_text(answer["explanation"]["text"], timeout=60_000)
        await expect(page.get_by_test_id("explain-panel").locator("blockquote")).to_contain_text(line)
        # the explorer's "as of" time works for the uploaded episode: it has a duration
        await page.goto(f"{service}/explore/{ready['seriesId']}")
        slider = page.get_by_test_id("as-of-time")
        await expect(slider).to_be_enabled()
        await expect(slider).to_have_attribute("max", "820")
    finally:
        await first.close()

    # a second viewer: the extension finds the video ready and sends nothing; the answer is the same
    second, _ = await launch_extension(playwright, service, tmp_path / "second-viewer")
    try:
        page = await second.new_page()
        assert await open_page(page, url, at) == line
        await press_the_page_shortcut(page)
        await expect(page.get_by_test_id("explain-text")).to_have_text(answer["explanation"]["text"])
    finally:
        await second.close()
    assert await status_of(service, video_id, {"ready"}) == ready

    # the same captions from another client are a no-op; a different file is kept aside and changes nothing
    async with httpx.AsyncClient(base_url=service) as http:
        captions = (await http.get(f"{test_site}/first-time/e1.vtt")).content
        cues = (await http.get(f"/api/video/{video_id}/cues")).json()["data"]["cues"]
        token = {"X-Client-Token": (await http.post("/api/clients")).json()["data"]["clientToken"]}
        same = await http.post(f"/api/video/{video_id}/subtitles", headers=token,
                               files={"file": ("e1.vtt", captions, "text/vtt")})
        assert same.json()["data"]["outcome"] == "unchanged", same.text
        rewritten = re.sub(r"미소", "누군가", captions.decode("utf-8")).encode("utf-8")
        assert rewritten != captions
        other = await http.post(f"/api/video/{video_id}/subtitles", headers=token,
                                files={"file": ("e1.vtt", rewritten, "text/vtt")})
        assert other.json()["data"]["outcome"] == "candidate", other.text
        assert (await asyncio.to_thread(run_worker_burst, browser_settings)).returncode == 0
        after = await status_of(service, video_id, {"ready"})
        assert after["processedAt"] == ready["processedAt"] and after["subtitleSha256"] == ready["subtitleSha256"]
        assert [c["sha256"] for c in after["candidates"]] == [other.json()["data"]["sha256"]]
        assert (await http.get(f"/api/video/{video_id}/cues")).json()["data"]["cues"] == cues
    assert (await explain(service, video_id, line, at))["explanation"] == answer["explanation"]


async def test_two_episodes_from_page_titles_with_site_suffixes_are_one_series(
        playwright: Playwright, service: str, test_site: str, redis_client: object, tmp_path: Path) -> None:
    context, _ = await launch_extension(playwright, service, tmp_path / "viewer")
    try:
        for n in (1, 2):
            await open_page(await context.new_page(), f"{test_site}/two-episodes/e{n}.html", 30.0)
    finally:
        await context.close()
    found = [await status_of(service, page_video_id(f"{test_site}/two-episodes/e{n}.html"), {"processing"})
             for n in (1, 2)]
    assert [(s["seriesId"], s["episode"]) for s in found] == [("바다의-노래", 1), ("바다의-노래", 2)]
    async with httpx.AsyncClient(base_url=service) as http:
        series = (await http.post("/graphql", json={"query": '{ series(id: "바다의-노래") { title } }'})).json()
    assert series["data"]["series"]["title"] == "바다의 노래"  # the show, not an episode's page title


async def test_the_overlay_follows_the_video_after_a_question(extension: tuple[Any, str], test_site: str,
                                                              service: str) -> None:
    context, _ = extension
    async with httpx.AsyncClient(base_url=service) as http:
        cues = [c for c in (await http.get(f"/api/video/{VIDEO_ID}/cues")).json()["data"]["cues"]
                if c["speaker"] is None and 100 < c["start"] < 700]
    first, later = cues[0], cues[-1]
    page = await open_test_page(context, test_site, first["start"] + 0.3)
    line = page.get_by_test_id("cue")
    await expect(line).to_have_text(first["text"])
    await line.select_text()
    await press_the_page_shortcut(page)
    panel = page.get_by_test_id("explain-panel")
    await expect(panel.locator("blockquote")).to_contain_text(first["text"])
    assert await page.evaluate("document.getSelection().isCollapsed") is True  # asking cleared the selection
    await page.locator("video").evaluate("(v, t) => { v.currentTime = t; }", later["start"] + 0.3)
    await expect(line).to_have_text(later["text"])  # the line on screen moved on with the video
    await page.keyboard.press("Escape")
    await press_the_page_shortcut(page)  # the next question is about the line on screen
    await expect(panel.locator("blockquote")).to_contain_text(later["text"])
