"""Browser tests: Debian's Chromium driven by Playwright, against the real app (uvicorn in a
thread) over the demo series, with the unpacked extension loaded where a test needs it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.async_api import Browser, BrowserContext, Page, Playwright, async_playwright, expect

from api.app import create_app
from cli.local_ingest import demo_items, ingest_files
from explainer.core.runtime import ServerInfo
from explainer.core.settings import Settings
from tests.browser.pages import demo_vtt, video_page
from tests.conftest import free_port, fresh_store, make_settings

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# root in a container needs --no-sandbox; the machine's network is closed, so nothing phones home
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-gpu", "--mute-audio", "--autoplay-policy=no-user-gesture-required"]
EXPLAIN_RATE_LIMIT = 40  # per client per minute: the 429 test reaches it, the others stay far below
VIDEO_ID = "spring-notebook-s01e03"
PROCESSING_VIDEO_ID = "browser-popup-s01e01"  # test_site's processing.html: a video the service is still analysing
# test_site's pages of shows nobody registered: folder, page title, the demo episodes their tracks copy
VIEWER_SHOWS = [("first-time", "봄날의 기록 {n}화 | My Video Site", ["spring-notebook-s01e01"]),
                ("two-episodes", "바다의 노래 {n}화 | Another Site",
                 ["spring-notebook-s01e01", "spring-notebook-s01e02"])]
# web-first assertions wait; 2 shared cores under a full test run can be slow to paint
expect.set_options(timeout=15_000)


def _wait_for_port(port: int) -> None:
    for _ in range(200):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


@pytest.fixture(scope="session")
async def browser_settings(embedded_server: ServerInfo) -> Settings:
    settings = make_settings(embedded_server, graph_name="explainer_browser",
                             rate_limit_per_minute=EXPLAIN_RATE_LIMIT)
    store = await fresh_store(settings)
    await store.close()
    await ingest_files(settings, [i for i in demo_items() if i["registration"]["series_id"] == "spring-notebook"])
    return settings


@pytest.fixture(scope="session")
def service(browser_settings: Settings) -> Iterator[str]:
    """The real app under uvicorn, in a thread, on a free port."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(browser_settings), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    _wait_for_port(port)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with byte ranges (a browser seeks a video through Range requests)."""

    def do_GET(self) -> None:
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            super().do_GET()
            return
        data = path.read_bytes()
        first = int(match[1])
        last = min(int(match[2]) if match[2] else len(data) - 1, len(data) - 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {first}-{last}/{len(data)}")
        self.send_header("Content-Length", str(last - first + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        self.wfile.write(data[first:last + 1])

    def log_message(self, *_: Any) -> None:
        return None


@pytest.fixture(scope="session")
def test_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A page with a real <video> (a silent clip made here with ffmpeg) and a WebVTT track, naming a demo
    episode (index.html) or a video being analysed (processing.html)."""
    root = tmp_path_factory.mktemp("site")
    subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=0x101418:s=640x360:r=2:d=820",
                    "-c:v", "libvpx", "-b:v", "40k", "-deadline", "realtime", "-an", str(root / "clip.webm")],
                   check=True, timeout=120)
    (root / "episode.vtt").write_text(demo_vtt(VIDEO_ID), encoding="utf-8")
    (root / "index.html").write_text(video_page(VIDEO_ID, clip="clip.webm", track="episode.vtt"), encoding="utf-8")
    (root / "processing.html").write_text(video_page(PROCESSING_VIDEO_ID, clip="clip.webm", track="episode.vtt"),
                                          encoding="utf-8")
    # pages of a site the service has never seen: no video id named, the show only in the page title
    for folder, title, episodes in VIEWER_SHOWS:
        (root / folder).mkdir()
        for n, video_id in enumerate(episodes, start=1):
            (root / folder / f"e{n}.vtt").write_text(demo_vtt(video_id), encoding="utf-8")
            (root / folder / f"e{n}.html").write_text(video_page(None, clip="../clip.webm", track=f"e{n}.vtt",
                                                                 title=title.format(n=n)), encoding="utf-8")

    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(RangeHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
async def playwright() -> AsyncIterator[Playwright]:
    async with async_playwright() as p:
        yield p


@pytest.fixture(scope="session")
async def browser(playwright: Playwright) -> AsyncIterator[Browser]:
    browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    await browser.close()


@pytest.fixture
async def page(browser: Browser, redis_client: object) -> AsyncIterator[Page]:
    """A fresh context per test (rate limits and the answer cache flushed by redis_client)."""
    context = await browser.new_context(locale="ko-KR", viewport={"width": 1400, "height": 860})
    yield await context.new_page()
    await context.close()


async def launch_extension(playwright: Playwright, service: str, profile: Path) -> tuple[BrowserContext, str]:
    """A fresh profile with the unpacked extension (new headless mode loads extensions), its
    server URL set through its options page (no API key: a viewer). Returns the context and the
    extension id."""
    context = await playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, headless=True, locale="ko-KR",
        viewport={"width": 1200, "height": 800},
        args=[*CHROMIUM_ARGS, f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}"])
    worker = context.service_workers[0] if context.service_workers else await context.wait_for_event("serviceworker")
    extension_id = worker.url.split("/")[2]
    options = await context.new_page()
    await options.goto(f"chrome-extension://{extension_id}/options.html")
    server_url = options.get_by_label("Server URL")
    await expect(server_url).not_to_have_value("")  # the stored settings are shown: the page is ready
    await server_url.fill(service)
    await options.get_by_role("button", name="Save").click()
    await options.get_by_role("status").filter(has_text="저장").wait_for()
    await options.close()
    return context, extension_id


@pytest.fixture
async def extension(playwright: Playwright, service: str, redis_client: object,
                    tmp_path: Path) -> AsyncIterator[tuple[BrowserContext, str]]:
    """A viewer's browser: a fresh profile with the unpacked extension (see launch_extension)."""
    context, extension_id = await launch_extension(playwright, service, tmp_path / "profile")
    yield context, extension_id
    await context.close()
