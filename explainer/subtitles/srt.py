"""SubRip (.srt): numbered blocks of `start --> end` and text.

Read line by line around timing lines rather than by blank-line blocks, because real files have
missing or duplicated numbers, missing blank lines between cues, and blank lines inside cues.
A cue's text runs from its timing line to the next one, minus the next cue's number.
"""

from __future__ import annotations

from explainer.subtitles.markup import html_to_text
from explainer.subtitles.model import RawCue
from explainer.subtitles.timecode import parse_timing_line


def parse_srt(text: str) -> list[RawCue]:
    lines = text.split("\n")
    timings: list[tuple[int, float | None, float | None]] = []
    for i, line in enumerate(lines):
        if "-" in line and ">" in line:
            timing = parse_timing_line(line)
            if timing is not None:
                timings.append((i, *timing))
    cues: list[RawCue] = []
    for k, (i, start, end) in enumerate(timings):
        stop = timings[k + 1][0] if k + 1 < len(timings) else len(lines)
        body = lines[i + 1:stop]
        _strip_trailing_blank(body)
        # The next cue's number sits right before its timing line (with or without a blank
        # line in between); at the end of the file a number only counts after a blank line.
        if body and body[-1].strip().isdigit() and (k + 1 < len(timings) or _blank_before_last(body)):
            body.pop()
            _strip_trailing_blank(body)
        cues.append(RawCue(start, end, html_to_text("\n".join(body))))
    return cues


def _strip_trailing_blank(body: list[str]) -> None:
    while body and not body[-1].strip():
        body.pop()


def _blank_before_last(body: list[str]) -> bool:
    return len(body) >= 2 and not body[-2].strip()
