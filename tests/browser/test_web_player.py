"""The built-in web player: the catalog, an episode, a click on a line, progress and rate limits."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.async_api import Page, expect

from explainer.core.settings import Settings
from graph.repositories.videos import set_progress
from graph.stores import open_store
from tests.browser.conftest import EXPLAIN_RATE_LIMIT, VIDEO_ID

pytestmark = [pytest.mark.browser, pytest.mark.graph, pytest.mark.redis, pytest.mark.e2e, pytest.mark.slow]


async def test_pick_an_episode_click_a_line_read_the_answer(page: Page, service: str) -> None:
    await page.goto(service)
    await page.get_by_role("link", name="3화: 그때 그 사람").click()
    await expect(page).to_have_url(f"{service}/watch/{VIDEO_ID}")
    line = page.get_by_test_id("cue").filter(has_text="그때 그 사람이었어.")
    start = float(await line.get_attribute("data-start") or "nan")
    await line.click()
    async with httpx.AsyncClient(base_url=service) as http:
        answer = (await http.post("/api/explain", json={"videoId": VIDEO_ID, "selectedText": "그때 그 사람이었어.",
                                                         "timestamp": start})).json()["data"]
    panel = page.get_by_test_id("explain-panel")
    await expect(panel.get_by_test_id("explain-text")).to_have_text(answer["explanation"]["text"])
    await expect(page.get_by_test_id("subtitle-line")).to_have_text("그때 그 사람이었어.")
    # another episode's scene links into the player at that moment
    earlier = next(r for r in answer["explanation"]["references"] if r["videoId"] != VIDEO_ID)
    label = f"{earlier['episode']}화 {int(earlier['timestamp']) // 60}:{int(earlier['timestamp']) % 60:02d}"
    await expect(panel.get_by_role("link", name=label).first).to_have_attribute(
        "href", f"/watch/{earlier['videoId']}?t={int(earlier['timestamp'])}")
    await page.mouse.click(5, 5)  # a click outside closes it
    await expect(panel).to_be_hidden()


async def test_a_video_being_analysed_shows_its_progress(page: Page, service: str,
                                                        browser_settings: Settings) -> None:
    video_id = "browser-processing-s01e01"
    async with httpx.AsyncClient(base_url=service, headers={"X-API-Key": "test-ingest"}) as http:
        response = await http.post("/api/video/register", json={"platform": "local", "videoId": video_id,
                                                                  "title": "처리 중 1화", "episode": 1})
        assert response.status_code == 200, response.text
    store = open_store(browser_settings)
    try:
        await set_progress(store, video_id, status="processing", progress=40, step="analyse")
    finally:
        await store.close()
    await page.goto(f"{service}/watch/{video_id}")
    await expect(page.get_by_role("status")).to_contain_text("40 %")


async def test_a_rate_limited_question_shows_a_calm_retry_message(page: Page, service: str) -> None:
    await page.goto(f"{service}/watch/{VIDEO_ID}")
    line = page.get_by_test_id("cue").first
    await expect(line).to_be_visible()
    async with httpx.AsyncClient(base_url=service) as http:  # the same client (127.0.0.1) uses up its minute
        for _ in range(EXPLAIN_RATE_LIMIT):
            await http.post("/api/explain", json={"videoId": VIDEO_ID, "selectedText": "네.", "timestamp": 30})
    await line.click()
    await expect(page.get_by_test_id("explain-retry")).to_contain_text("다시 시도합니다")


async def test_the_open_panel_leaves_the_transcript_usable(page: Page, service: str) -> None:
    await page.goto(f"{service}/watch/{VIDEO_ID}")
    transcript = page.get_by_test_id("transcript")
    await transcript.get_by_test_id("cue").filter(has_text="그때 그 사람이었어.").click()
    panel = page.get_by_test_id("explain-panel")
    await expect(panel.get_by_test_id("explain-text")).to_be_visible()
    # docked over the video column: beside the transcript, never over it
    panel_box, transcript_box = await panel.bounding_box(), await transcript.bounding_box()
    assert panel_box and transcript_box
    assert panel_box["x"] + panel_box["width"] <= transcript_box["x"], (panel_box, transcript_box)
    # the next line is still there to click (a covered line would not take the click), and its answer shows
    await transcript.get_by_test_id("cue").filter(has_text="네? 누구요?").click()
    await expect(panel.locator("blockquote")).to_contain_text("네? 누구요?")
    await expect(panel.get_by_test_id("explain-text")).to_be_visible()


async def test_where_the_columns_stack_the_panel_opens_in_view(page: Page, service: str) -> None:
    await page.set_viewport_size({"width": 760, "height": 600})
    await page.goto(f"{service}/watch/{VIDEO_ID}")
    line = page.get_by_test_id("transcript").get_by_test_id("cue").filter(has_text="그때 그 사람이었어.")
    await expect(line).to_be_attached()
    await page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # down at the transcript, under the player
    await line.click()
    panel = page.get_by_test_id("explain-panel")
    await expect(panel.locator("blockquote")).to_be_in_viewport()  # it opens in the page's flow, scrolled into view
    await expect(panel.get_by_test_id("explain-text")).to_be_visible()


async def test_the_home_page_links_each_series_explorer_and_says_how_to_add_a_video(page: Page, service: str) -> None:
    await page.goto(service)
    series = page.get_by_test_id("series").filter(has=page.get_by_role("link", name="3화: 그때 그 사람"))
    explore = series.get_by_test_id("series-explore")
    await expect(explore).to_have_attribute("href", "/explore/spring-notebook")
    add = page.get_by_test_id("add-video")
    await expect(add).to_contain_text("Ctrl+E")  # the extension, for a viewer
    await expect(add.locator("code")).to_contain_text(f"{service}/api/video/register")  # the API, for an operator
    await explore.click()
    await expect(page).to_have_url(re.compile(re.escape(f"{service}/explore/spring-notebook") + r"(\?|$)"))
