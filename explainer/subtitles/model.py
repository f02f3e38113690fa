"""What a subtitle file becomes: cues a viewer reads, plus an account of what was dropped."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Cue:
    index: int
    start: float  # seconds
    end: float  # seconds
    text: str
    speaker: str | None = None
    lyric: bool = False  # sung (♪ … ♪ in the file): nobody of the scene is talked about


@dataclass(slots=True)
class ParseResult:
    cues: list[Cue]
    format: str  # srt | webvtt | sami | ttml | json3
    encoding: str
    # reason -> count, e.g. {"empty": 3, "bogus_time": 1, "duplicate": 2}
    dropped: dict[str, int] = field(default_factory=dict)
    repaired: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class RawCue:
    """A cue as a format parser found it, before cleaning and timing repair.

    `text` is plain text (markup and HTML entities already resolved by the parser), with the
    file's own line breaks kept as "\\n"; speaker labels and sound brackets are still in it.
    `start`/`end` are None when the file's time could not be read.
    """

    start: float | None
    end: float | None
    text: str
    speaker: str | None = None
