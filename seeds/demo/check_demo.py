"""Consistency check for the demo series: SRT timing rules and the ground-truth facts.

Run: ``python seeds/demo/check_demo.py`` (exit status 1 and a list of problems on failure).
Standalone on purpose (stdlib only, its own tiny SRT reader) so it checks the data, not the
product's parser.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEMO_DIR = Path(__file__).resolve().parent
_TIME = re.compile(r"(\d{2}):(\d{2}):(\d{2}),(\d{3})")
_LABEL = re.compile(r"^[\[(][^\])]+[\])]\s+|^[A-Z][A-Z .']+:\s")
MIN_CUES = {"ko": 160, "en": 100}
EPISODE_SECONDS = {"ko": (600.0, 840.0), "en": (420.0, 840.0)}


@dataclass(frozen=True)
class Cue:
    index: int
    start: float
    end: float
    text: str

    @property
    def spoken(self) -> str:
        """Text without an SDH speaker label."""
        return _LABEL.sub("", self.text, count=1)


def _seconds(stamp: str) -> float:
    match = _TIME.fullmatch(stamp.strip())
    if match is None:
        raise ValueError(f"bad timestamp {stamp!r}")
    h, m, s, ms = (int(g) for g in match.groups())
    return h * 3600 + m * 60 + s + ms / 1000


def read_srt(path: Path) -> list[Cue]:
    cues: list[Cue] = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        number, timing, text = block.split("\n", 2)
        start, end = timing.split(" --> ")
        cues.append(Cue(int(number), _seconds(start), _seconds(end), text.replace("\n", " ")))
    return cues


def _cue_at(cues: list[Cue], text: str, at: float, *, starts: bool) -> Cue | None:
    for cue in cues:
        if text in (cue.text, cue.spoken):
            hit = abs(cue.start - at) < 1e-6 if starts else cue.start <= at <= cue.end
            if hit:
                return cue
    return None


def check() -> list[str]:
    problems: list[str] = []
    manifest: dict[str, Any] = json.loads((DEMO_DIR / "series.json").read_text(encoding="utf-8"))
    episodes: dict[str, list[Cue]] = {}
    for series in manifest["series"]:
        lang = series["language"]
        for ep in series["episodes"]:
            cues = read_srt(DEMO_DIR / ep["file"])
            episodes[ep["videoId"]] = cues
            vid = ep["videoId"]
            if len(cues) < MIN_CUES[lang]:
                problems.append(f"{vid}: {len(cues)} cues < {MIN_CUES[lang]}")
            if [c.index for c in cues] != list(range(1, len(cues) + 1)):
                problems.append(f"{vid}: cue numbers not 1..n")
            for prev, cue in zip([None, *cues[:-1]], cues, strict=True):
                if not 1.5 - 1e-9 <= cue.end - cue.start <= 5.0 + 1e-9:
                    problems.append(f"{vid} #{cue.index}: duration {cue.end - cue.start:.3f}")
                if prev is not None and cue.start <= prev.end:
                    problems.append(f"{vid} #{cue.index}: overlaps or touches previous cue")
            low, high = EPISODE_SECONDS[lang]
            if not low <= cues[-1].end <= high:
                problems.append(f"{vid}: episode length {cues[-1].end:.0f}s outside {low}-{high}")
            if not cues[-1].end < ep["duration"] <= cues[-1].end + 15:
                problems.append(f"{vid}: manifest duration {ep['duration']} vs last cue {cues[-1].end}")

    facts: dict[str, Any] = manifest["facts"]
    for key in ("callback", "englishCallback"):
        fact = facts[key]
        if _cue_at(episodes[fact["videoId"]], fact["selectedText"], fact["timestamp"], starts=False) is None:
            problems.append(f"{key}: no cue {fact['selectedText']!r} around {fact['timestamp']}")
        earlier = episodes[fact["earlierVideoId"]]
        window = [c for c in earlier if fact["earlierTimestamp"] <= c.start <= fact["earlierTimestamp"] + 60]
        names = [fact["referent"], *fact["referentAliases"]]
        if not any(n in c.text for c in window for n in names):
            problems.append(f"{key}: referent not named within 60 s of earlierTimestamp")
        if not any(abs(c.start - fact["earlierTimestamp"]) < 1e-6 for c in earlier):
            problems.append(f"{key}: earlierTimestamp is not a cue start")

    spoiler = facts["spoiler"]
    first = episodes[spoiler["videoId"]]
    if _cue_at(first, spoiler["selectedText"], spoiler["timestamp"], starts=False) is None:
        problems.append("spoiler: selectedText cue not found at timestamp")
    first_text = " ".join(c.text for c in first)
    for word in spoiler["laterOnlyWords"]:
        if word in first_text:
            problems.append(f"spoiler: later-only word {word!r} occurs in {spoiler['videoId']}")
        later = [v for v in episodes if v.startswith(spoiler["series"]) and v != spoiler["videoId"]]
        if not any(word in c.text for v in later for c in episodes[v]):
            problems.append(f"spoiler: later-only word {word!r} occurs in no later episode")

    para = facts["paraphrase"]
    if _cue_at(episodes[para["videoId"]], para["line"], para["timestamp"], starts=True) is None:
        problems.append("paraphrase: line does not start at timestamp")
    flash = facts["flashback"]
    marks = {c.text: c.start for c in episodes[flash["videoId"]]}
    if marks.get(flash["markers"][0]) != flash["start"] or marks.get(flash["markers"][-1]) != flash["end"]:
        problems.append("flashback: markers do not match start/end")
    return problems


def main() -> int:
    problems = check()
    for problem in problems:
        sys.stdout.write(problem + "\n")
    sys.stdout.write("demo series OK\n" if not problems else f"{len(problems)} problem(s)\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
