"""Takes docs/web-player-panel.png and docs/extension-panel.png: the explanation panel in the
built-in web player and over a plain page with a <video>, with the unpacked extension loaded, in
Debian's headless Chromium (needs `chromium`, `ffmpeg` and a CJK font such as fonts-noto-cjk).

    .venv/bin/python docs/panel_screenshots.py
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


async def main() -> None:
    import uvicorn
    from playwright.async_api import async_playwright

    from api.app import create_app
    from cli.local_ingest import demo_items, ingest_files
    from explainer.core.runtime import start_server, stop_server
    from seeds.loader import demo_facts
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, EXTENSION, RangeHandler, _wait_for_port
    from tests.browser.pages import demo_vtt, video_page
    from tests.conftest import fresh_store, free_port, make_settings

    fact = demo_facts()["callback"]
    with tempfile.TemporaryDirectory(prefix="panel-shots-") as tmp:
        work = Path(tmp)
        info = start_server(work / "data", free_port())
        server = None
        try:
            settings = make_settings(info, graph_name="screenshots", environment="development")
            await (await fresh_store(settings)).close()
            await ingest_files(settings, [i for i in demo_items() if i["registration"]["series_id"] == "spring-notebook"])
            port = free_port()
            server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
            threading.Thread(target=server.run, daemon=True).start()
            _wait_for_port(port)
            base = f"http://127.0.0.1:{port}"
            site = work / "site"
            site.mkdir()
            subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i",
                            "color=c=0x0d1420:s=960x540:r=2:d=300", "-c:v", "libvpx", "-b:v", "60k", "-deadline",
                            "realtime", "-an", str(site / "clip.webm")], check=True)
            (site / "episode.vtt").write_text(demo_vtt(fact["videoId"]), encoding="utf-8")
            (site / "index.html").write_text(video_page(fact["videoId"], clip="clip.webm", track="episode.vtt")
                                             .replace('<p style="margin:20px" data-testid="note">', '<p hidden>'),
                                             encoding="utf-8")
            site_port = free_port()
            httpd = http.server.ThreadingHTTPServer(("127.0.0.1", site_port),
                                                    functools.partial(RangeHandler, directory=str(site)))
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            async with async_playwright() as p:
                browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                page = await browser.new_page(locale="ko-KR", viewport={"width": 1400, "height": 820})
                await page.goto(f"{base}/watch/{fact['videoId']}")
                await page.get_by_test_id("cue").filter(has_text=fact["selectedText"]).click()
                await page.get_by_test_id("explain-feedback-up").wait_for()
                await page.screenshot(path=str(ROOT / "docs" / "web-player-panel.png"))
                await browser.close()
                context = await p.chromium.launch_persistent_context(
                    str(work / "profile"), executable_path=CHROMIUM, headless=True, locale="ko-KR",
                    viewport={"width": 1200, "height": 700},
                    args=[*CHROMIUM_ARGS, f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}"])
                worker = context.service_workers[0] if context.service_workers else await context.wait_for_event(
                    "serviceworker")
                options = await context.new_page()
                await options.goto(f"chrome-extension://{worker.url.split('/')[2]}/options.html")
                await options.get_by_label("Server URL").wait_for()
                await options.wait_for_function("document.getElementById('serverUrl').value !== ''")
                await options.get_by_label("Server URL").fill(base)
                await options.get_by_role("button", name="Save").click()
                await options.get_by_role("status").filter(has_text="저장").wait_for()
                page = await context.new_page()
                await page.goto(f"http://127.0.0.1:{site_port}/index.html")
                await page.wait_for_function("document.querySelector('video').readyState === 4")
                await page.locator("video").evaluate("(v, t) => { v.pause(); v.currentTime = t; }", fact["timestamp"])
                await page.get_by_test_id("cue").filter(has_text=fact["selectedText"]).select_text()
                await page.keyboard.press("Control+e")
                await page.get_by_test_id("explain-feedback-up").wait_for()
                await page.screenshot(path=str(ROOT / "docs" / "extension-panel.png"))
                await context.close()
            httpd.shutdown()
        finally:
            if server is not None:
                server.should_exit = True
                await asyncio.sleep(0.5)
            stop_server(work / "data")


if __name__ == "__main__":
    asyncio.run(main())
