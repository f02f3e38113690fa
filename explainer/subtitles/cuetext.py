"""The text of one cue as a viewer reads it, and who says it.

Input is the plain text a parser produced (markup gone, the file's line breaks as "\\n").
Output, decided here once for every format:

- ASS/SSA override codes (`{\\an8}`, `{\\i1}`), `\\N` breaks, zero-width and direction marks go;
  whitespace (NBSP, ideographic space) collapses to single spaces.
- A cue is made of dialogue turns. A line opening with a dash (`-`, `–`, `—`) or `>>` starts a
  new turn. Lines of one turn are joined with a space: a line break inside one speaker's
  sentence is layout, not meaning. Several turns stay one cue, one turn per line, each with
  "- " (`"- 뭐야?\\n- 아니야."`), so the exchange reads as it did on screen.
- Sound and manner annotations in brackets (`[웃음]`, `(sighs)`, `(narration)`) are removed,
  music notes (♪ ♫ ♬ ♩) too; the words around them (lyrics included) stay, and the cue is
  flagged `lyric` (sung words refer to nobody of the scene). Other brackets
  (`[화면 자막]`) are kept as written.
- A speaker label opening a turn (`(미소) …`, `[김비서] …`, `MONICA: …`, `미소: …`) leaves
  the text. One turn, or all turns by one speaker: it becomes the cue's speaker. Turns by
  different (or unknown) speakers: no cue speaker, each label stays inline as `미소: …`, so
  no attribution is lost or guessed.
- Nothing to read left: the cue is dropped as `empty` (it had no text) or `sound_only`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from explainer.subtitles.sounds import is_sound_annotation
from explainer.subtitles.speakers import split_speaker_label

DropReason = Literal["empty", "sound_only"]

_ASS_OVERRIDE = re.compile(r"\{\\[^{}]*\}")
_ASS_BREAK = re.compile(r"\\[Nn]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")
_TURN_MARK = re.compile(r"(?:>>+|[-‐–—](?![-\d]))\s*")
_BRACKET = re.compile(r"[\[(（【]([^\[\]()（）【】]*)[\])）】]")
_NOTES = re.compile("[♪♫♬♩]+")
_SUNG = re.compile(r"^[\s\-‐–—>]*(?:[^\s:：♪]{1,30}[:：]\s*|[\[(][^\])]{1,30}[\])]\s*)?[♪♫♬♩]")
_LEFTOVER_PUNCT = re.compile(r"^[\s:：,;]+")
_WORD = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class CueText:
    text: str
    speaker: str | None
    # sung, not said: the cue had music notes (♪ … ♪), which leave the text
    lyric: bool = False


def clean_cue_text(raw: str, speaker: str | None = None) -> CueText | DropReason:
    lines = _lines(raw)
    if not any(line.strip("-‐–—> ") for line in lines):
        return "empty"  # nothing but blanks and lone dashes; a lone "..." is text
    turns: list[tuple[str | None, str]] = []
    for turn in _turns(lines):
        text = _without_sounds(turn)
        if text:
            turns.append(split_speaker_label(text))
    if not turns:
        return "sound_only"
    lyric = bool(_SUNG.match(raw))  # opens with a note ("♪ 그 사람 …"): speech then a hum is no song
    if len(turns) == 1:
        label, text = turns[0]
        return CueText(text, label or speaker, lyric)
    labels = {label for label, _ in turns}
    if len(labels) == 1 and None not in labels:
        return CueText("\n".join(f"- {text}" for _, text in turns), labels.pop(), lyric)
    rendered = (f"- {label}: {text}" if label else f"- {text}" for label, text in turns)
    return CueText("\n".join(rendered), speaker if labels == {None} else None, lyric)


def _lines(raw: str) -> list[str]:
    text = raw
    if "\\" in text:
        text = _ASS_BREAK.sub("\n", _ASS_OVERRIDE.sub("", text)).replace("\\h", " ")
    text = _INVISIBLE.sub("", text)
    return [line for line in (_SPACES.sub(" ", part).strip() for part in text.split("\n")) if line]


def _turns(lines: list[str]) -> list[str]:
    turns: list[list[str]] = []
    for line in lines:
        mark = _TURN_MARK.match(line)
        if mark is not None or not turns:
            turns.append([])
        rest = line[mark.end():] if mark is not None else line
        if rest:
            turns[-1].append(rest)
    return [" ".join(parts) for parts in turns if parts]


def _without_sounds(turn: str) -> str:
    removed = False

    def drop_sound(m: re.Match[str]) -> str:
        nonlocal removed
        if is_sound_annotation(m.group(1)):
            removed = True
            return " "
        return m.group(0)

    text = _BRACKET.sub(drop_sound, turn)
    if _NOTES.search(text):
        text, removed = _NOTES.sub(" ", text), True
    text = _LEFTOVER_PUNCT.sub("", _SPACES.sub(" ", text).strip())
    if removed and not _WORD.search(text):
        return ""  # only punctuation left around the removed sound
    return text
