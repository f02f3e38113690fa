"""YouTube timed text, `fmt=json3`: `{"events": [{"tStartMs", "dDurationMs", "segs": [{"utf8"}]}]}`.

Events without `segs` only define windows; `aAppend` events and events whose text is only a
newline are the line feeds of auto-generated (rolling) captions. All of those are skipped: they
are layout, not cues, so they are not counted as dropped either.
"""

from __future__ import annotations

import json
import math
from typing import Any

from explainer.core.errors import UnsupportedSubtitleFormat
from explainer.subtitles.model import RawCue


def parse_json3(text: str) -> list[RawCue]:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise UnsupportedSubtitleFormat("invalid JSON timed text") from e
    events = document.get("events") if isinstance(document, dict) else None
    if not isinstance(events, list):
        raise UnsupportedSubtitleFormat("JSON without YouTube timed-text events")
    cues: list[RawCue] = []
    for event in events:
        if not isinstance(event, dict) or event.get("aAppend"):
            continue
        segs = event.get("segs")
        if not isinstance(segs, list):
            continue
        body = "".join(s["utf8"] for s in segs if isinstance(s, dict) and isinstance(s.get("utf8"), str))
        if not body.strip():
            continue
        start_ms = _number(event.get("tStartMs"))
        duration_ms = _number(event.get("dDurationMs"))
        start = start_ms / 1000 if start_ms is not None else None
        end = start + duration_ms / 1000 if start is not None and duration_ms is not None else None
        cues.append(RawCue(start, end, body))
    return cues


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None
