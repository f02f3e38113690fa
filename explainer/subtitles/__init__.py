"""Subtitle files (SRT, WebVTT, SAMI, TTML/DFXP, YouTube json3, ASS/SSA, MicroDVD, MPL2) to clean,
timed cues.

    parse_subtitles(data, filename=None, content_type=None) -> ParseResult

Pure: bytes in, cues out, no I/O. The encoding (`encoding.py`) and the format (`detect.py`)
are found from the bytes; the name and content type only settle SRT vs. header-less WebVTT.
Each format has its own parser producing `RawCue`s; one cleaning pass (`cleaning.py`,
`cuetext.py`) then decides, the same way for every format, what the viewer reads:

- text: markup, ASS codes and entities resolved; whitespace collapsed; a cue is one line,
  except a cue holding several dialogue turns, which keeps one turn per line, each opened by
  "- " (`"- 뭐야?\\n- 아니야."`): those line breaks mean a change of speaker, other line
  breaks are only layout and become spaces;
- speakers: a caption label (`(미소) …`, `[김비서] …`, `MONICA: …`, WebVTT `<v Monica>`)
  becomes `Cue.speaker` and leaves the text; turns by different speakers keep their labels
  inline (`"- 미소: 뭐야?\\n- 영준: 아니야."`) and the cue has no speaker;
- sound annotations (`[웃음]`, `(sighs)`, ♪) are removed; a cue with nothing else is dropped;
- time: sorted by start, duplicates dropped, bad ends and overlaps repaired, renumbered 1..n.

`ParseResult.dropped` counts dropped cues by reason (`empty`, `sound_only`, `bogus_time`,
`duplicate`) and `repaired` what was fixed (`reordered`, `overlap_clipped`, `end_fixed`,
`truncated`); only non-zero counts appear. A file that cannot be decoded, is no known format, or
holds no timed cue at all (nothing left once cues without a readable time are dropped) raises
`UnsupportedSubtitleFormat`; a file of more than `max_cues` cues raises `PayloadTooLarge` before
its cues are cleaned; nothing else ever escapes. A cue longer than `max_cue_chars` is cut there
(at a word when one ends near it, "…" marks the cut) and counted as `truncated`: a real cue is a
line or two, and a file with a broken timing line merging the rest of it into one cue is still
worth reading.
"""

from __future__ import annotations

from collections.abc import Callable

from explainer.core.errors import PayloadTooLarge, UnsupportedSubtitleFormat
from explainer.subtitles.ass import parse_ass, parse_microdvd, parse_mpl2
from explainer.subtitles.cleaning import clean_cues
from explainer.subtitles.detect import SubtitleFormat, detect_format
from explainer.subtitles.encoding import decode_subtitle_bytes
from explainer.subtitles.json3 import parse_json3
from explainer.subtitles.model import Cue, ParseResult, RawCue
from explainer.subtitles.sami import parse_sami
from explainer.subtitles.srt import parse_srt
from explainer.subtitles.ttml import parse_ttml
from explainer.subtitles.webvtt import parse_webvtt

__all__ = ["Cue", "ParseResult", "SubtitleFormat", "parse_subtitles"]

_PARSERS: dict[SubtitleFormat, Callable[[str], list[RawCue]]] = {
    "srt": parse_srt,
    "webvtt": parse_webvtt,
    "sami": parse_sami,
    "ttml": parse_ttml,
    "json3": parse_json3,
    "ass": parse_ass,
    "microdvd": parse_microdvd,
    "mpl2": parse_mpl2,
}


def parse_subtitles(data: bytes, *, filename: str | None = None, content_type: str | None = None,
                    max_cues: int | None = None, max_cue_chars: int | None = None) -> ParseResult:
    try:
        return _parse(data, filename=filename, content_type=content_type, max_cues=max_cues,
                      max_cue_chars=max_cue_chars)
    except (UnsupportedSubtitleFormat, PayloadTooLarge):
        raise
    except Exception as e:  # a parser bug must still reach callers as "unreadable file"
        raise UnsupportedSubtitleFormat(
            f"unreadable subtitle file ({type(e).__name__})", filename=filename, unexpected=True
        ) from e


def _parse(data: bytes, *, filename: str | None, content_type: str | None, max_cues: int | None,
           max_cue_chars: int | None) -> ParseResult:
    text, encoding = decode_subtitle_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = detect_format(text, filename=filename, content_type=content_type)
    raw_cues = _PARSERS[fmt](text)
    if not raw_cues:
        raise UnsupportedSubtitleFormat(f"no cues found in {fmt} file", filename=filename, format=fmt)
    if max_cues is not None and len(raw_cues) > max_cues:
        raise PayloadTooLarge(f"the {fmt} file holds {len(raw_cues)} cues; at most {max_cues} are accepted",
                              filename=filename, format=fmt, cues=len(raw_cues))
    cues, dropped, repaired = clean_cues(raw_cues, max_cue_chars=max_cue_chars)
    if not cues:  # every cue had a broken time or nothing to read: not a file to ingest
        raise UnsupportedSubtitleFormat(f"no readable cue in {fmt} file ({', '.join(sorted(dropped))} only)",
                                        filename=filename, format=fmt, dropped=dropped)
    return ParseResult(cues=cues, format=fmt, encoding=encoding, dropped=dropped, repaired=repaired)
