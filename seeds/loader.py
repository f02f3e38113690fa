"""The demo series shipped in `seeds/demo/` (original subtitles written for this project)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class DemoEpisode:
    series_id: str
    series_title: str
    language: str
    platform: str
    video_id: str
    season: int
    episode: int
    title: str
    duration: float
    file: str

    def read(self) -> bytes:
        return (resources.files("seeds") / "demo" / self.file).read_bytes()


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((resources.files("seeds") / "demo" / "series.json").read_text("utf-8"))
    return data


def demo_episodes() -> list[DemoEpisode]:
    episodes = []
    for series in manifest()["series"]:
        for ep in series["episodes"]:
            episodes.append(DemoEpisode(
                series_id=series["id"], series_title=series["title"], language=series["language"],
                platform=series.get("platform", "local"), video_id=ep["videoId"], season=int(ep["season"]),
                episode=int(ep["episode"]), title=ep["title"], duration=float(ep["duration"]), file=ep["file"]))
    return episodes


def demo_facts() -> dict[str, Any]:
    facts: dict[str, Any] = manifest()["facts"]
    return facts
