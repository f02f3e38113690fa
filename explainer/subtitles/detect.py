"""Which subtitle format a decoded file is in.

The content decides: file names and content types lie (a `.txt` SRT, a SAMI served as
`text/html`). They only break the one real tie: `start --> end` cues without a `WEBVTT`
header are SRT unless the name or type says WebVTT.
"""

from __future__ import annotations

import re
from typing import Literal

from explainer.core.errors import UnsupportedSubtitleFormat

SubtitleFormat = Literal["srt", "webvtt", "sami", "ttml", "json3", "ass", "microdvd", "mpl2"]

# section headers and events may be indented (a published sample of a subtitle library is)
_ASS = re.compile(r"^[ \t]*\[(?:Script Info|V4\+? Styles|Events)\][ \t]*$", re.IGNORECASE | re.MULTILINE)
_ASS_EVENT = re.compile(r"^[ \t]*Dialogue[ \t]*:", re.IGNORECASE | re.MULTILINE)
_MICRODVD = re.compile(r"\{ *\d+ *\} *\{ *\d* *\}")
_MPL2 = re.compile(r"\[\d+\] *\[\d*\]")
_SAMI = re.compile(r"<(?:sami|sync)\b", re.IGNORECASE)
_TTML = re.compile(r"<(?:[\w.-]+:)?tt\b")
_TIMING_LINE = re.compile(r"^[ \t]*-?\d[\d:.,]*[ \t]*--?>", re.MULTILINE)


def detect_format(text: str, *, filename: str | None = None, content_type: str | None = None) -> SubtitleFormat:
    head = text.lstrip()
    if head.startswith("WEBVTT"):
        return "webvtt"
    if _ASS.search(text) and (head.startswith("[") or _ASS_EVENT.search(text)):
        return "ass"
    if _MICRODVD.match(head):
        return "microdvd"
    if _MPL2.match(head):
        return "mpl2"
    if head.startswith(("{", "[")):
        return "json3"
    if head.startswith("<"):
        if _SAMI.search(text):
            return "sami"
        if _TTML.search(text):
            return "ttml"
    if _TIMING_LINE.search(text):
        return "webvtt" if _hints_webvtt(filename, content_type) else "srt"
    if _SAMI.search(text):
        return "sami"
    raise UnsupportedSubtitleFormat(
        "not a known subtitle format", filename=filename, content_type=content_type
    )


def _hints_webvtt(filename: str | None, content_type: str | None) -> bool:
    name = (filename or "").lower()
    kind = (content_type or "").split(";")[0].strip().lower()
    return name.endswith((".vtt", ".webvtt")) or kind == "text/vtt"
