"""WebVTT (.vtt): a `WEBVTT` header, then cues of optional id, `start --> end settings`, text.

NOTE, STYLE and REGION blocks are skipped (they never follow a timing line). A cue's text ends
at a blank line, or at the next timing line when a sloppy file leaves out the blank line.
Voice spans (`<v Roger>`) name the speaker: one voice becomes the cue's speaker; several voices
in one cue become separate dialogue turns (`- Roger: …`), like a two-speaker SRT cue.
"""

from __future__ import annotations

import re

from explainer.subtitles.markup import html_to_text
from explainer.subtitles.model import RawCue
from explainer.subtitles.timecode import parse_timing_line

_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?\s([^<>]*)>", re.IGNORECASE)
_VOICE_TURN = re.compile(r"<v(?:\.[^\s<>]*)?\s([^<>]*)>\s*(?:[-‐–—]\s*)?", re.IGNORECASE)


def parse_webvtt(text: str) -> list[RawCue]:
    lines = text.split("\n")
    cues: list[RawCue] = []
    i = _skip_header(lines)
    while i < len(lines):
        line = lines[i]
        timing = parse_timing_line(line) if "-" in line and ">" in line else None
        i += 1
        if timing is None:
            continue
        body: list[str] = []
        while i < len(lines) and lines[i].strip():
            if "-" in lines[i] and ">" in lines[i] and parse_timing_line(lines[i]) is not None:
                if body and body[-1].strip().isdigit():
                    body.pop()  # the next cue's numeric id
                break
            body.append(lines[i])
            i += 1
        cues.append(_cue(*timing, "\n".join(body)))
    return cues


def _skip_header(lines: list[str]) -> int:
    if not lines or not lines[0].lstrip().startswith("WEBVTT"):
        return 0
    i = 1
    while i < len(lines) and lines[i].strip() and "-->" not in lines[i]:
        i += 1
    return i


def _cue(start: float | None, end: float | None, body: str) -> RawCue:
    voices = {name.strip() for name in _VOICE.findall(body) if name.strip()}
    if len(voices) > 1:
        body = _VOICE_TURN.sub(lambda m: f"\n- {m.group(1).strip()}: ", body)
        return RawCue(start, end, html_to_text(body))
    return RawCue(start, end, html_to_text(body), voices.pop() if voices else None)
