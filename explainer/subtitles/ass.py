"""ASS / SSA (Advanced SubStation Alpha: fansubs, Aegisub's output).

Only `[Events]` matters: its `Format:` line names the fields of each `Dialogue:` line (the text
is the last field and may hold commas); `Comment:` lines are not shown. Lines in typesetting or
sign styles (names such as `Sign`, `TS`, `Typeset`, `Screen`) and vector drawings (`{\\p1}`)
are not dialogue. Override tags (`{\\an8}`, `{\\i1}`, karaoke `{\\k20}`) and `\\N` breaks are
resolved by the common cleaning (`cuetext.py`). `[Fonts]` and `[Graphics]` (uuencoded
attachments) and every other section are skipped. Times are `H:MM:SS.cc`.
"""

from __future__ import annotations

import re

from explainer.subtitles.model import RawCue

_SECTION = re.compile(r"^\s*\[([^\]]+)\]\s*$")
_TIME = re.compile(r"^\s*(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?\s*$")
_SIGN_STYLE = re.compile(r"sign|typeset|^ts\b|[_\s-]ts\b|screen|title|note", re.IGNORECASE)
_DRAWING = re.compile(r"\{[^}]*\\p[1-9]")
# SSA v4 / ASS field order, for files whose [Events] has no Format: line
_DEFAULT_FORMAT = ["layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text"]


def parse_ass(text: str) -> list[RawCue]:
    section = ""
    fields = _DEFAULT_FORMAT
    cues: list[RawCue] = []
    for line in text.split("\n"):
        header = _SECTION.match(line)
        if header:
            section = header.group(1).strip().lower()
            continue
        if section != "events":
            continue
        kind, _, rest = line.partition(":")
        kind = kind.strip().lower()
        if kind == "format":
            fields = [f.strip().lower() for f in rest.split(",")]
        elif kind == "dialogue" and "text" in fields:
            cue = _dialogue(rest, fields)
            if cue is not None:
                cues.append(cue)
    return cues


def _dialogue(rest: str, fields: list[str]) -> RawCue | None:
    values = dict(zip(fields, (v.strip() for v in rest.lstrip().split(",", len(fields) - 1)), strict=False))
    text = values.get("text", "")
    if _SIGN_STYLE.search(values.get("style", "")) or _DRAWING.search(text):
        return None
    # the Name (actor) field, when filled, is the speaker
    return RawCue(_seconds(values.get("start")), _seconds(values.get("end")), text, values.get("name") or None)


def _seconds(value: str | None) -> float | None:
    m = _TIME.match(value or "")
    if m is None:
        return None
    hours, minutes, secs, fraction = m.groups()
    frac = int(fraction) / 10 ** len(fraction) if fraction else 0.0
    return int(hours) * 3600 + int(minutes) * 60 + int(secs) + frac
