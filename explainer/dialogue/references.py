"""The person references analysis stores, read by the same resolver explain replays: the lines
of a batch go through one `Dialogue` in order, and every pronoun, description, I and you it
resolves (names are not references) becomes a stored reference of its line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from explainer.dialogue.mentions import KnownName
from explainer.dialogue.resolver import Dialogue

_HANGUL = re.compile(r"[가-힣]")


@dataclass(frozen=True, slots=True)
class DialogueLine:
    segment: int
    text: str
    speaker: str | None  # the speaker's entity id (a KnownName's), None when unlabelled
    start: float
    end: float | None = None
    lyric: bool = False


@dataclass(frozen=True, slots=True)
class PersonReference:
    segment: int
    expression: str
    at: float  # the line's start
    entity_id: str
    confidence: float


def same_mention(a: str, b: str) -> bool:
    """Two expressions of one line are one mention when one's words are among the other's
    (그 사람 / 그때 그 사람), a Korean word with its particles included (나 / 나는)."""
    x, y = a.lower().split(), b.lower().split()
    if not x or not y:
        return False
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    for i in range(len(long) - len(short) + 1):
        window = long[i:i + len(short)]
        if window == short or (len(short) == 1 and _HANGUL.match(short[0]) and window[0].startswith(short[0])):
            return True
    return False


def person_references(language: str, people: Iterable[KnownName], lines: Iterable[DialogueLine]
                      ) -> list[PersonReference]:
    dialogue = Dialogue(language, people)
    found: list[PersonReference] = []
    for line in lines:
        for resolution in dialogue.read(line.text, speaker=line.speaker, start=line.start, end=line.end,
                                     lyric=line.lyric):
            if resolution.entity_id is not None and resolution.mention.kind != "name":
                found.append(PersonReference(line.segment, resolution.mention.text, line.start,
                                             resolution.entity_id, resolution.confidence))
    return found
