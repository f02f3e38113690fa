"""The unpacked extension on a plain page with a real <video> and a WebVTT track of a demo episode."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.async_api import BrowserContext, Page, expect

from seeds.loader import demo_facts
from tests.browser.conftest import VIDEO_ID
from tests.browser.pages import XSS_MARKUP

pytestmark = [pytest.mark.browser, pytest.mark.graph, pytest.mark.redis, pytest.mark.e2e, pytest.mark.slow]

CALLBACK = demo_facts()["callback"]


def clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


async def open_test_page(context: BrowserContext, test_site: str, at: float) -> Page:
    page = await context.new_page()
    await page.goto(f"{test_site}/index.html")
    video = page.locator("video")
    await expect(video).to_have_js_property("readyState", 4)
    await video.evaluate("(v, t) => { v.pause(); v.currentTime = t; }", at)
    return page


async def test_select_a_line_press_the_shortcut_read_the_service_answer(
        extension: tuple[BrowserContext, str], test_site: str, service: str) -> None:
    context, _ = extension
    page = await open_test_page(context, test_site, CALLBACK["timestamp"])
    cue = page.get_by_test_id("cue")
    await expect(cue).to_have_text(CALLBACK["selectedText"])
    await cue.select_text()
    await page.keyboard.press("Control+e")
    panel = page.get_by_test_id("explain-panel")
    await expect(panel).to_be_visible()
    async with httpx.AsyncClient(base_url=service) as http:
        answer = (await http.post("/api/explain", json={"videoId": VIDEO_ID, "selectedText": CALLBACK["selectedText"],
                                                         "timestamp": CALLBACK["timestamp"]})).json()["data"]
    await expect(panel.get_by_test_id("explain-text")).to_have_text(answer["explanation"]["text"])
    for resolution in answer["explanation"]["resolutions"]:  # who each expression refers to
        await expect(panel.get_by_test_id("explain-resolution").filter(has_text=resolution["expression"])
                     ).to_contain_text(resolution["entity"]["name"])
    # another episode's scene is named, not seeked: "1화 4:58"
    earlier = next(r for r in answer["explanation"]["references"] if r["videoId"] != VIDEO_ID)
    await expect(panel.get_by_test_id("explain-reference").filter(has_text=f"{earlier['episode']}화 "
                                                                   f"{clock(earlier['timestamp'])}").first).to_be_visible()
    # 👍 is stored on the question
    await panel.get_by_test_id("explain-feedback-up").click()
    await expect(panel.get_by_text("알려 주셔서 고맙습니다.")).to_be_visible()
    async with httpx.AsyncClient(base_url=service) as http:
        query = "query($id: ID!) { video(id: $id) { questions(first: 20) { edges { node { text helpful } } } } }"
        response = await http.post("/graphql", json={"query": query, "variables": {"id": VIDEO_ID}})
    edges = response.json()["data"]["video"]["questions"]["edges"]
    assert any(e["node"]["text"] == CALLBACK["selectedText"] and e["node"]["helpful"] is True for e in edges), edges
    # Esc closes the panel
    await page.keyboard.press("Escape")
    await expect(panel).to_be_hidden()


async def same_episode_question(service: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A late line of episode 3 whose answer (as the service gives it now) points back into episode 3."""
    async with httpx.AsyncClient(base_url=service) as http:
        cues = (await http.get(f"/api/video/{VIDEO_ID}/cues")).json()["data"]["cues"]
        for cue in [c for c in cues if c["speaker"] is None][-20:]:  # a labelled line reads differently
            body = {"videoId": VIDEO_ID, "selectedText": cue["text"], "timestamp": cue["start"] + 0.5}
            answer = (await http.post("/api/explain", json=body)).json()["data"]
            here = [r for r in answer["explanation"]["references"] if r["videoId"] == VIDEO_ID]
            if here:
                return cue, here[0]
    raise AssertionError("no line at the end of episode 3 refers back into episode 3")


async def test_a_same_episode_reference_seeks_the_video(extension: tuple[BrowserContext, str], test_site: str,
                                                        service: str) -> None:
    context, _ = extension
    cue, reference = await same_episode_question(service)
    page = await open_test_page(context, test_site, cue["start"] + 0.5)
    line = page.get_by_test_id("cue")
    await expect(line).to_have_text(cue["text"])
    await line.select_text()
    await page.keyboard.press("Control+e")
    link = page.get_by_test_id("explain-reference").filter(has_text=f"이번 화 {clock(reference['timestamp'])}")
    await link.first.get_by_role("button").click()
    await expect(page.locator("video")).to_have_js_property("currentTime", reference["timestamp"])


async def test_markup_in_an_explanation_stays_text(extension: tuple[BrowserContext, str], test_site: str) -> None:
    context, _ = extension
    page = await open_test_page(context, test_site, 1.0)
    await page.get_by_test_id("note").select_text()
    await page.keyboard.press("Control+e")
    text = page.get_by_test_id("explain-text")
    await expect(text).to_contain_text(XSS_MARKUP)  # the service quotes the selection it could not explain
    assert await page.get_by_test_id("explain-panel").locator("img").count() == 0
    assert await page.evaluate("window.__explainerXss") is None
