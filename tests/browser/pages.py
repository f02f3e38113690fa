"""What the browser tests serve: a WebVTT copy of a demo episode and a test page with a real <video>."""

from __future__ import annotations

import html
import re

from seeds.loader import demo_episodes

XSS_MARKUP = '<img src=x onerror="window.__explainerXss=1">'


def srt_to_vtt(srt: str) -> str:
    body = re.sub(r"(\d{2}:\d{2}:\d{2}),(\d{3})", r"\1.\2", srt.replace("\r\n", "\n").lstrip("\ufeff"))
    return "WEBVTT\n\n" + body


def demo_vtt(video_id: str) -> str:
    episode = next(ep for ep in demo_episodes() if ep.video_id == video_id)
    return srt_to_vtt(episode.read().decode("utf-8-sig"))


def video_page(video_id: str | None, *, clip: str, track: str, title: str = "Test page") -> str:
    """A plain page with a <video> and a WebVTT <track>, naming the service's video id (or not:
    the extension derives one from the address, the show and episode from the title)."""
    named = f'<meta name="subtitle-explainer:video-id" content="{video_id}">' if video_id else ""
    return f"""<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
{named}
<style>body {{ margin: 0; background: #111; color: #eee; font-family: sans-serif; }}
video {{ display: block; width: 960px; height: 540px; margin: 20px; background: #000; }}</style></head>
<body><h1 style="margin:20px;font-size:18px">A page with a video</h1>
<video controls preload="auto" src="{clip}">
  <track kind="subtitles" srclang="ko" label="한국어" src="{track}" default></video>
<p style="margin:20px" data-testid="note">{XSS_MARKUP.replace("&", "&amp;").replace("<", "&lt;")}</p>
</body></html>"""
