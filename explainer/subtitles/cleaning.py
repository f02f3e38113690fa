"""From raw cues to the cues a viewer reads: clean the text, drop what cannot be shown, repair time.

Steps, each counted in `ParseResult.dropped` / `repaired`:

1. text (`cuetext.py`): no text -> dropped `empty`; only sounds -> dropped `sound_only`; longer
   than `max_cue_chars` -> cut there (`truncated`), the raw text already at `RAW_CHARS_PER_CHAR`
   times that, so the cleaning of a cue of megabytes costs no more than that of a long line;
2. start unreadable, negative or beyond 24 h -> dropped `bogus_time` (the start places the
   cue; a bad end is repairable, a bad start is not);
3. same start (to 10 ms) and same text -> dropped `duplicate` (the first in the file is kept);
4. sort by start (stable) -> `reordered` counts the cues that came after a later-starting cue
   in the file;
5. end missing, not after the start, beyond 24 h, or longer than `MAX_DURATION` -> `end_fixed`:
   the next later cue's start if that is within `MAX_INFERRED_DURATION`, else
   `DEFAULT_DURATION` after the start;
6. an end past the start of the next cue that starts at least `MIN_CLIPPED_DURATION` later
   -> clipped to it (`overlap_clipped`); cues starting (almost) together are shown together on
   purpose (two speakers, a sign and a line) and keep their overlap;
7. renumber 1..n.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from explainer.subtitles.cuetext import CueText, clean_cue_text
from explainer.subtitles.model import Cue, RawCue

DAY = 24 * 3600.0
DEFAULT_DURATION = 2.0
MAX_INFERRED_DURATION = 7.0
MAX_DURATION = 30.0
MIN_CLIPPED_DURATION = 0.3
# raw characters (markup, labels, sound annotations) kept per character of a capped cue's text
RAW_CHARS_PER_CHAR = 4
# a cut goes back to the last space when there is one in the last fifth of the allowance
_WORD_CUT_SHARE = 0.8


@dataclass(slots=True)
class _Draft:
    start: float
    end: float | None
    text: str
    speaker: str | None
    lyric: bool = False


def clean_cues(raw_cues: list[RawCue], *, max_cue_chars: int | None = None,
               ) -> tuple[list[Cue], dict[str, int], dict[str, int]]:
    """(cues, dropped reason -> count, repaired kind -> count); only non-zero counts are kept."""
    dropped: Counter[str] = Counter()
    repaired: Counter[str] = Counter()
    raw_cap = max_cue_chars * RAW_CHARS_PER_CHAR if max_cue_chars is not None else None

    drafts: list[_Draft] = []
    for raw in raw_cues:
        raw_cut = raw_cap is not None and len(raw.text) > raw_cap
        cleaned = clean_cue_text(raw.text[:raw_cap] if raw_cut else raw.text, raw.speaker)
        if not isinstance(cleaned, CueText):
            dropped[cleaned] += 1
            continue
        if raw.start is None or not (0 <= raw.start < DAY):  # NaN fails too
            dropped["bogus_time"] += 1
            continue
        text = cleaned.text
        if max_cue_chars is not None and (raw_cut or len(text) > max_cue_chars):
            text = _cut(text, max_cue_chars)
            repaired["truncated"] += 1
        drafts.append(_Draft(raw.start, raw.end, text, cleaned.speaker, cleaned.lyric))

    drafts = _deduplicate(drafts, dropped)
    repaired["reordered"] = _sort(drafts)
    repaired["end_fixed"] = _fix_ends(drafts)
    repaired["overlap_clipped"] = _clip_overlaps(drafts)

    cues = [
        Cue(index=i, start=round(d.start, 3), end=round(d.end if d.end is not None else d.start, 3),
            text=d.text, speaker=d.speaker, lyric=d.lyric)
        for i, d in enumerate(drafts, start=1)
    ]
    return cues, _nonzero(dropped), _nonzero(repaired)


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, ending with "…"; at a word when a space is near the cut."""
    head = text[:limit - 1]  # the whole text when only its raw form was cut: it ends at that cut
    if len(head) < len(text):
        space = head.rfind(" ")
        if space >= limit * _WORD_CUT_SHARE:
            head = head[:space]
    return head.rstrip() + "…"


def _sort(drafts: list[_Draft]) -> int:
    moved = 0
    latest = -math.inf
    for d in drafts:
        if d.start < latest:
            moved += 1
        latest = max(latest, d.start)
    if moved:
        drafts.sort(key=lambda d: d.start)
    return moved


def _deduplicate(drafts: list[_Draft], dropped: Counter[str]) -> list[_Draft]:
    seen: dict[tuple[int, str], _Draft] = {}
    kept: list[_Draft] = []
    for d in drafts:
        key = (round(d.start * 100), d.text)
        first = seen.get(key)
        if first is None:
            seen[key] = d
            kept.append(d)
            continue
        dropped["duplicate"] += 1
        if first.end is None:
            first.end = d.end
    return kept


def _next_starts(drafts: list[_Draft]) -> list[float | None]:
    """For each cue, the start of the first later cue that starts strictly later."""
    result: list[float | None] = [None] * len(drafts)
    upcoming: float | None = None
    for i in range(len(drafts) - 1, -1, -1):
        result[i] = upcoming if upcoming is None or upcoming > drafts[i].start else result[i + 1]
        upcoming = drafts[i].start
    return result


def _fix_ends(drafts: list[_Draft]) -> int:
    fixed = 0
    for d, next_start in zip(drafts, _next_starts(drafts), strict=True):
        end = d.end
        if end is not None and d.start < end <= min(DAY, d.start + MAX_DURATION):
            continue
        if next_start is not None and next_start - d.start <= MAX_INFERRED_DURATION:
            d.end = next_start
        else:
            d.end = d.start + DEFAULT_DURATION
        fixed += 1
    return fixed


def _clip_overlaps(drafts: list[_Draft]) -> int:
    starts = [d.start for d in drafts]
    clipped = 0
    for d in drafts:
        # The first cue starting clearly after this one; those in between are shown with it.
        j = bisect_left(starts, d.start + MIN_CLIPPED_DURATION)
        if j < len(starts) and d.end is not None and d.end > starts[j]:
            d.end = starts[j]
            clipped += 1
    return clipped


def _nonzero(counts: Counter[str]) -> dict[str, int]:
    return {reason: n for reason, n in counts.items() if n}
