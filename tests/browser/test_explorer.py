"""The series explorer in Chromium: the demo series' network, a character's timeline, and the
"as of" bound moved back to episode 1 (fixtures from tests/browser/conftest.py: the app under
uvicorn over the Korean demo series, a fresh browser context per test)."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Locator, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SERIES = "spring-notebook"
E1, E2, E3 = (f"{SERIES}-s01e0{n}" for n in (1, 2, 3))
MAIN = ("한미소", "박준호", "김수진", "서도윤", "강태호")
LATER = "최팀장"  # first named in episode 2 (최 팀장님), once


def node(page: Page, name: str) -> Locator:
    return page.get_by_test_id("character-node").filter(has_text=name)


async def test_network_timeline_and_as_of(page: Page, service: str) -> None:
    await page.goto(f"{service}/explore/{SERIES}")
    selector = page.get_by_test_id("as-of-selector")
    await expect(selector).to_have_value(E3)  # the latest ready episode, to its end
    await expect(page.locator("body")).to_have_attribute("data-state", "ready")
    for name in (*MAIN, LATER):
        await expect(node(page, name)).to_have_count(1)
    await expect(node(page, "한미소")).to_contain_text("Han Miso")  # Hangul and Latin labels

    # hover: aliases, first appearance, a one-line description
    await node(page, "박준호").hover()
    tooltip = page.get_by_role("tooltip")
    await expect(tooltip).to_be_visible()
    await expect(tooltip).to_contain_text("준호")
    await expect(tooltip).to_contain_text("1화 0:06")

    # click: the character and its timeline, a strip per episode, marks where it is named
    await node(page, LATER).click()
    await expect(page.get_by_test_id("character-name")).to_contain_text(LATER)
    marks = page.get_by_test_id("timeline-mark")
    await expect(marks.first).to_be_visible()
    assert set(await marks.evaluate_all("ms => ms.map(m => m.dataset.videoId)")) == {E2}
    await expect(page.get_by_test_id("timeline-strip")).to_have_count(3)

    await node(page, "서도윤").click()
    await expect(page.get_by_test_id("character-name")).to_contain_text("서도윤")
    await expect(marks.first).to_have_attribute("data-video-id", E1)
    videos = await marks.evaluate_all("ms => ms.map(m => m.dataset.videoId)")
    assert set(videos) == {E1, E2, E3} and videos == sorted(videos)
    first = page.locator('[data-testid="timeline-mark"][data-first="true"]')
    await expect(first).to_have_count(1)
    await expect(first).to_have_attribute("data-at", "298.876")  # 04:58.9, at the bus stop

    # a mark: its line and a link into the web player at that moment
    await first.click()
    await expect(page.get_by_test_id("mark-line")).to_contain_text("저기요! 잠깐만요!")
    await expect(page.get_by_test_id("watch-link")).to_have_attribute("href", f"/watch/{E1}?t=298.9")

    # as of episode 1: who first appears later is gone, and so are the later marks
    mentioned_before = await marks.count()
    await selector.select_option(E1)
    await expect(page).to_have_url(re.compile(rf"asOf={E1}"))
    await expect(node(page, LATER)).to_have_count(0)
    for name in MAIN:
        await expect(node(page, name)).to_have_count(1)
    await expect(page.get_by_test_id("character-name")).to_contain_text("서도윤")  # still selected
    await expect(page.get_by_test_id("timeline-strip")).to_have_count(1)
    await expect(marks.first).to_be_visible()
    assert set(await marks.evaluate_all("ms => ms.map(m => m.dataset.videoId)")) == {E1}
    assert await marks.count() < mentioned_before
    await expect(page.get_by_test_id("character-node")).not_to_have_count(0)

    # and the link follows the mark into the web player, which starts there
    await first.click()
    await page.get_by_test_id("watch-link").click()
    await expect(page).to_have_url(re.compile(rf"/watch/{E1}\?t=298\.9"))
    await expect(page.get_by_test_id("subtitle-line")).to_contain_text("저기요")


async def test_as_of_mid_episode_and_shared_link(page: Page, service: str) -> None:
    # a shared position (03:20 of episode 1): the man at the bus stop (04:59) is not met yet
    await page.goto(f"{service}/explore/{SERIES}?asOf={E1}&t=200")
    await expect(page.locator("body")).to_have_attribute("data-state", "ready")
    await expect(page.get_by_test_id("as-of-selector")).to_have_value(E1)
    await expect(page.get_by_test_id("as-of-time")).to_have_value("200")
    await expect(node(page, "한미소")).to_have_count(1)
    await expect(node(page, "서도윤")).to_have_count(0)
    await node(page, "한미소").click()
    marks = page.get_by_test_id("timeline-mark")
    await expect(marks.first).to_be_visible()
    times = [float(t) for t in await marks.evaluate_all("ms => ms.map(m => m.dataset.at)")]
    assert times and max(times) <= 200
    await expect(page.get_by_test_id("timeline-strip")).to_have_count(1)


async def test_unknown_series(page: Page, service: str) -> None:
    await page.goto(f"{service}/explore/no-such-series")
    await expect(page.locator("#status")).to_have_text(re.compile("시리즈|series"))
    await expect(page.locator("body")).to_have_attribute("data-state", "failed")
    await expect(page.get_by_test_id("character-node")).to_have_count(0)


LABEL_BOXES = """nodes => nodes.map(n => { const b = n.getBoundingClientRect();
                                    return [n.dataset.entityId, b.left, b.top, b.right, b.bottom]; })"""


async def test_labels_never_overlap_and_the_top_characters_come_first(page: Page, service: str) -> None:
    # each character's circle and its two labels, as Chromium draws them: no two boxes meet
    await page.goto(f"{service}/explore/{SERIES}")
    await expect(page.locator("body")).to_have_attribute("data-state", "ready")
    nodes = page.get_by_test_id("character-node")
    await expect(nodes).not_to_have_count(0)
    total = await nodes.count()
    boxes = await nodes.evaluate_all(LABEL_BOXES)
    for i, (a, *box_a) in enumerate(boxes):
        for b, *box_b in boxes[i + 1:]:
            apart = box_a[2] <= box_b[0] or box_b[2] <= box_a[0] or box_a[3] <= box_b[1] or box_b[3] <= box_a[1]
            assert apart, f"{a} and {b} overlap: {box_a} {box_b}"
    await expect(page.get_by_test_id("network-more")).to_be_hidden()  # the demo has fewer than 15

    # top=3: the three most important, and a control for the others
    await page.goto(f"{service}/explore/{SERIES}?top=3")
    await expect(page.locator("body")).to_have_attribute("data-state", "ready")
    await expect(nodes).to_have_count(3)
    await expect(node(page, "한미소")).to_have_count(1)  # the most important of the series
    more = page.get_by_test_id("network-more")
    await expect(more).to_have_text(f"인물 {total}명 모두 보기")  # the browser's language, Korean
    await expect(page.get_by_test_id("network-count")).to_contain_text(f"인물 {total}명 중 중요한 3명")
    await more.click()
    await expect(nodes).to_have_count(total)
    await expect(more).to_have_attribute("aria-expanded", "true")
    await expect(page.get_by_test_id("network-count")).to_have_text("")
    await more.click()
    await expect(nodes).to_have_count(3)
