"""ASS / SSA (fansubs, Aegisub's output), MicroDVD and MPL2, read by `pysubs2`.

pysubs2 reads what real files hold: indented lines, `[Fonts]`/`[Graphics]` attachments
(uuencoded), Aegisub's project sections, SSA v4 and ASS v4+. Its events keep the ASS text
(override tags `{\\an8}`, `{\\i1}`, karaoke `{\\k20}`, `\\N` breaks; MicroDVD and MPL2 styling is
turned into the same tags), which the common cleaning resolves (`cuetext.py`). On top of it:
`Comment:` events are not shown; events in typesetting or sign styles (names such as `Sign`,
`TS`, `Typeset`, `Screen`) and vector drawings (`{\\p1}`) are not dialogue; the Name (actor)
field, when filled, is the speaker.

pysubs2 gives up on a whole file at one unreadable time or style colour: styles are not read
(they only matter to rendering), and an event with an unreadable time is kept as a cue without
a time, which the cleaning drops and counts (`bogus_time`) like any other.
"""

from __future__ import annotations

import re
import warnings

import pysubs2
from pysubs2.exceptions import UnknownFPSError
from pysubs2.formats.substation import SubstationFormat
from pysubs2.time import TIMESTAMP, TIMESTAMP_SHORT

from explainer.subtitles.model import RawCue

_SIGN_STYLE = re.compile(r"sign|typeset|^ts\b|[_\s-]ts\b|screen|title|note", re.IGNORECASE)
_DRAWING = re.compile(r"\{[^}]*\\p[1-9]")
_EVENT = re.compile(r"^[ \t]*(Dialogue|Comment)[ \t]*:(.*)$", re.IGNORECASE | re.MULTILINE)
# styles only matter to rendering, and pysubs2 gives up on a file at one unreadable colour
_STYLE = re.compile(r"^[ \t]*Style[ \t]*:.*$", re.IGNORECASE | re.MULTILINE)
# MicroDVD files rarely say their frame rate ({1}{1}23.976); this is the most common one
DEFAULT_FPS = 23.976


def parse_ass(text: str) -> list[RawCue]:
    text, unreadable = _set_aside_unreadable_times(_STYLE.sub("", text))
    subs = _load(text, SubstationFormat.guess_format(text) or "ass")
    return [*unreadable, *_cues(subs)]


def parse_microdvd(text: str) -> list[RawCue]:
    try:
        subs = _load(text, "microdvd")
    except UnknownFPSError:
        subs = _load(text, "microdvd", fps=DEFAULT_FPS)
    return _cues(subs)


def parse_mpl2(text: str) -> list[RawCue]:
    return _cues(_load(text, "mpl2"))


def _load(text: str, format_: str, fps: float | None = None) -> pysubs2.SSAFile:
    with warnings.catch_warnings():  # a style field it cannot read is defaulted, with a warning
        warnings.simplefilter("ignore")
        return pysubs2.SSAFile.from_string(text, format_=format_, fps=fps)


def _cues(subs: pysubs2.SSAFile) -> list[RawCue]:
    cues = []
    for event in subs.events:
        if event.is_comment or _SIGN_STYLE.search(event.style) or _DRAWING.search(event.text):
            continue
        cues.append(RawCue(_seconds(event.start), _seconds(event.end), event.text, event.name.strip() or None))
    return cues


def _seconds(ms: int) -> float | None:
    return ms / 1000 if ms >= 0 else None


def _readable_time(value: str) -> bool:
    value = value.strip().removeprefix("-")
    return TIMESTAMP.match(value) is not None or TIMESTAMP_SHORT.match(value) is not None


def _set_aside_unreadable_times(text: str) -> tuple[str, list[RawCue]]:
    """Events whose start or end pysubs2 would fail on, taken out as cues without a time."""
    unreadable: list[RawCue] = []

    def check(match: re.Match[str]) -> str:
        fields = match.group(2).split(",", 9)
        if len(fields) >= 3 and _readable_time(fields[1]) and _readable_time(fields[2]):
            return match.group(0)
        if match.group(1).lower() == "dialogue":
            unreadable.append(RawCue(None, None, fields[-1] if len(fields) == 10 else match.group(2), None))
        return ""

    return _EVENT.sub(check, text), unreadable
