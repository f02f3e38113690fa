"""The unpacked extension on a plain page with a real <video> and a WebVTT track of a demo episode.

The shortcut has two ways in. Playwright's Ctrl+E is a key event dispatched to the page (CDP): the
content script's own keydown listener takes it, and it never reaches the browser's accelerators, so
it never fires `chrome.commands` — press_the_page_shortcut asserts that path. The chrome.commands
path is the worker's handler (unit-tested in tests/js/commands.test.mjs) sending SHORTCUT_MESSAGE
to the tab: test_the_shortcut_command_message_opens_the_panel sends it from the worker."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import redis.asyncio as aioredis
from playwright.async_api import BrowserContext, Page, expect

from explainer.core.settings import Settings
from explainer.ingest.progress import ProgressReporter
from graph.stores import open_store
from seeds.loader import demo_facts
from tests.browser.conftest import PROCESSING_VIDEO_ID, VIDEO_ID
from tests.browser.pages import XSS_MARKUP

pytestmark = [pytest.mark.browser, pytest.mark.graph, pytest.mark.redis, pytest.mark.e2e, pytest.mark.slow]

CALLBACK = demo_facts()["callback"]
# the worker finds a tab by the video its content script reports (tabs.query cannot filter by URL
# without the "tabs" permission, which the extension does not ask for)
TAB_PLAYING = """async (videoId) => {
    for (const tab of await chrome.tabs.query({})) {
        const state = await chrome.tabs.sendMessage(tab.id, { type: "video-state" }).catch(() => null);
        if (state && state.videoId === videoId) return tab.id;
    }
    throw new Error(`no tab plays ${videoId}`);
}"""


def clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


async def open_test_page(context: BrowserContext, test_site: str, at: float) -> Page:
    page = await context.new_page()
    await page.goto(f"{test_site}/index.html")
    video = page.locator("video")
    await expect(video).to_have_js_property("readyState", 4)
    await video.evaluate("(v, t) => { v.pause(); v.currentTime = t; }", at)
    return page


async def on_the_callback_line(context: BrowserContext, test_site: str, *, select: bool) -> Page:
    """The test page paused on the demo's callback line, drawn by the extension (and selected)."""
    page = await open_test_page(context, test_site, CALLBACK["timestamp"])
    cue = page.get_by_test_id("cue")
    await expect(cue).to_have_text(CALLBACK["selectedText"])
    if select:
        await cue.select_text()
    return page


async def press_the_page_shortcut(page: Page) -> None:
    """Ctrl+E to the page: the content script's keydown listener takes it (and prevents its default)."""
    await page.evaluate("""() => { window.__shortcutTaken = null; window.addEventListener("keydown", (event) => {
        if (event.key === "e") window.__shortcutTaken = event.defaultPrevented; }); }""")
    await page.keyboard.press("Control+e")
    assert await page.evaluate("window.__shortcutTaken") is True


async def service_answer(service: str, text: str, timestamp: float) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=service) as http:
        response = await http.post("/api/explain", json={"videoId": VIDEO_ID, "selectedText": text,
                                                          "timestamp": timestamp})
    return response.json()["data"]


async def test_select_a_line_press_the_shortcut_read_the_service_answer(
        extension: tuple[BrowserContext, str], test_site: str, service: str) -> None:
    context, _ = extension
    page = await on_the_callback_line(context, test_site, select=True)
    await press_the_page_shortcut(page)
    panel = page.get_by_test_id("explain-panel")
    await expect(panel).to_be_visible()
    answer = await service_answer(service, CALLBACK["selectedText"], CALLBACK["timestamp"])
    await expect(panel.get_by_test_id("explain-text")).to_have_text(answer["explanation"]["text"])
    for resolution in answer["explanation"]["resolutions"]:  # who each expression refers to (or who it may be)
        item = panel.get_by_test_id("explain-resolution").filter(has_text=resolution["expression"]).first
        said = (resolution["entity"] or {}).get("name") or resolution.get("description") or ""
        await expect(item).to_contain_text(said)
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
    await press_the_page_shortcut(page)
    link = page.get_by_test_id("explain-reference").filter(has_text=f"이번 화 {clock(reference['timestamp'])}")
    await link.first.get_by_role("button").click()
    await expect(page.locator("video")).to_have_js_property("currentTime", reference["timestamp"])


async def test_markup_in_an_explanation_stays_text(extension: tuple[BrowserContext, str], test_site: str) -> None:
    context, _ = extension
    page = await open_test_page(context, test_site, 1.0)
    await page.get_by_test_id("note").select_text()
    await press_the_page_shortcut(page)
    text = page.get_by_test_id("explain-text")
    await expect(text).to_contain_text(XSS_MARKUP)  # the service quotes the selection it could not explain
    assert await page.get_by_test_id("explain-panel").locator("img").count() == 0
    assert await page.evaluate("window.__explainerXss") is None


async def test_hover_a_subtitle_line_and_its_bulb_explains_it(extension: tuple[BrowserContext, str], test_site: str,
                                                             service: str) -> None:
    context, _ = extension
    page = await on_the_callback_line(context, test_site, select=False)
    bulb = page.get_by_test_id("explain-button")
    await expect(bulb).to_be_hidden()
    await page.get_by_test_id("cue").hover()
    await expect(bulb).to_be_visible()
    await bulb.click()
    panel = page.get_by_test_id("explain-panel")
    await expect(panel.locator("blockquote")).to_contain_text(CALLBACK["selectedText"])  # the hovered line
    answer = await service_answer(service, CALLBACK["selectedText"], CALLBACK["timestamp"])
    await expect(panel.get_by_test_id("explain-text")).to_have_text(answer["explanation"]["text"])


async def test_the_shortcut_command_message_opens_the_panel(extension: tuple[BrowserContext, str], test_site: str,
                                                            service: str) -> None:
    context, _ = extension
    page = await on_the_callback_line(context, test_site, select=True)
    worker = context.service_workers[0]
    tab_id = await worker.evaluate(TAB_PLAYING, VIDEO_ID)
    await worker.evaluate("(id) => chrome.tabs.sendMessage(id, { type: 'explain-shortcut' })", tab_id)
    answer = await service_answer(service, CALLBACK["selectedText"], CALLBACK["timestamp"])
    await expect(page.get_by_test_id("explain-text")).to_have_text(answer["explanation"]["text"])


async def test_the_video_pauses_while_the_panel_is_open(extension: tuple[BrowserContext, str], test_site: str) -> None:
    context, _ = extension
    page = await on_the_callback_line(context, test_site, select=True)
    video = page.locator("video")
    panel = page.get_by_test_id("explain-panel")
    # playing: paused while the panel is open, playing again when it closes
    await video.evaluate("v => v.play()")
    await expect(video).to_have_js_property("paused", False)
    await press_the_page_shortcut(page)
    await expect(panel).to_be_visible()
    await expect(video).to_have_js_property("paused", True)
    await page.keyboard.press("Escape")
    await expect(panel).to_be_hidden()
    await expect(video).to_have_js_property("paused", False)
    # paused already: still paused once it closes (close() would have called play() by the time it hides)
    await video.evaluate("v => v.pause()")
    await press_the_page_shortcut(page)
    await expect(panel).to_be_visible()
    await page.keyboard.press("Escape")
    await expect(panel).to_be_hidden()
    assert await video.evaluate("v => v.paused") is True


async def test_with_pause_on_open_off_the_video_plays_on(extension: tuple[BrowserContext, str], test_site: str) -> None:
    context, extension_id = extension
    options = await context.new_page()
    await options.goto(f"chrome-extension://{extension_id}/options.html")
    pause = options.get_by_label("Pause the video while the explanation is open")
    await expect(pause).to_be_checked()  # the default, once the stored settings are shown
    await pause.uncheck()
    await options.get_by_role("button", name="Save").click()
    await options.get_by_role("status").filter(has_text="저장").wait_for()
    page = await on_the_callback_line(context, test_site, select=True)
    video = page.locator("video")
    await video.evaluate("v => v.play()")
    await expect(video).to_have_js_property("paused", False)
    await press_the_page_shortcut(page)
    await expect(page.get_by_test_id("explain-panel")).to_be_visible()
    assert await video.evaluate("v => v.paused") is False  # the panel opened (and would have paused it) already


async def test_the_popup_shows_the_analysis_progress_from_ws(extension: tuple[BrowserContext, str], test_site: str,
                                                             service: str, browser_settings: Settings) -> None:
    context, extension_id = extension
    async with httpx.AsyncClient(base_url=service, headers={"X-API-Key": "test-ingest"}) as http:
        response = await http.post("/api/video/register", json={"platform": "local", "videoId": PROCESSING_VIDEO_ID,
                                                                  "title": "분석 중 1화", "episode": 1})
        assert response.status_code == 200, response.text
    store = open_store(browser_settings)
    redis = aioredis.from_url(browser_settings.effective_redis_url)
    progress = ProgressReporter(store, redis, PROCESSING_VIDEO_ID)  # what a worker reports, over Redis pub/sub
    try:
        await progress.report("analyse", 40)
        page = await context.new_page()
        await page.goto(f"{test_site}/processing.html")
        await expect(page.locator("video")).to_have_js_property("readyState", 4)
        tab_id = await context.service_workers[0].evaluate(TAB_PLAYING, PROCESSING_VIDEO_ID)
        popup = await context.new_page()
        # opened as a tab, the popup's own tab is the active one: it is pointed at the video's tab instead
        await popup.add_init_script(f"chrome.tabs.query = async () => [{{ id: {int(tab_id)}, active: true }}];")
        await popup.goto(f"chrome-extension://{extension_id}/popup.html")
        state = popup.get_by_test_id("popup-state")
        bar = popup.locator("progress")
        await expect(state).to_have_text("이 회차를 읽는 중, 40 % — 다 읽으면 바로 설명해 드릴게요.")
        await expect(popup.get_by_test_id("popup-server")).to_have_text(f"서버: {service} · 연결됨")
        await expect(bar).to_have_js_property("value", 40)
        await progress.report("graph", 80)
        await expect(state).to_contain_text("80 %")
        await expect(bar).to_have_js_property("value", 80)
        await progress.report("done", 100, status="ready")
        await expect(state).to_have_text("준비됨: 자막을 선택하고 단축키를 누르세요.")
        await expect(bar).to_be_hidden()
    finally:
        await redis.aclose()
        await store.close()


async def test_our_own_web_player_shows_one_panel_with_the_extension_loaded(
        extension: tuple[BrowserContext, str], service: str) -> None:
    context, _ = extension
    page = await context.new_page()
    await page.goto(f"{service}/watch/{VIDEO_ID}")
    line = page.get_by_test_id("cue").filter(has_text="그때 그 사람이었어.")
    await line.click()
    await expect(page.get_by_test_id("explain-text")).not_to_have_text("")
    # the page's panel only: the extension's content script (which would add its panel and its 💡)
    # stays out of a page that has one
    await expect(page.get_by_test_id("explain-panel")).to_have_count(1)
    await expect(page.get_by_test_id("explain-button")).to_have_count(0)
    await page.close()


async def test_the_popup_button_explains_the_line_on_screen(extension: tuple[BrowserContext, str], test_site: str,
                                                            service: str) -> None:
    context, extension_id = extension
    page = await on_the_callback_line(context, test_site, select=False)
    tab_id = await context.service_workers[0].evaluate(TAB_PLAYING, VIDEO_ID)
    popup = await context.new_page()
    await popup.add_init_script(f"chrome.tabs.query = async () => [{{ id: {int(tab_id)}, active: true }}];")
    await popup.goto(f"chrome-extension://{extension_id}/popup.html")
    await expect(popup.get_by_test_id("popup-server")).to_have_text(f"서버: {service} · 연결됨")
    await popup.get_by_test_id("popup-explain").click()
    answer = await service_answer(service, CALLBACK["selectedText"], CALLBACK["timestamp"])
    await expect(page.get_by_test_id("explain-text")).to_have_text(answer["explanation"]["text"])
