"""The person references analysis stores, read by the same resolver explain replays: the lines
of a batch go through one `Dialogue` in order, and every pronoun, description, I and you it
resolves (names are not references) becomes a stored reference of its line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from explainer.reading.person_mentions import KnownName
from explainer.reading.resolver import Dialogue


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


def person_references(language: str, people: Iterable[KnownName], lines: Iterable[DialogueLine],
                      genders: Mapping[str, str] | None = None) -> list[PersonReference]:
    """`genders`: what analysis read of people's gender outside the dialogue's pronouns (a title,
    a kin word: my sister Jane), by entity id; sure evidence."""
    dialogue = Dialogue(language, people)
    for entity_id, gender in (genders or {}).items():
        dialogue.gender.vote(entity_id, "m" if gender == "m" else "f", 1.0)
    found: list[PersonReference] = []
    for line in lines:
        for resolution in dialogue.read(line.text, speaker=line.speaker, start=line.start, end=line.end,
                                     lyric=line.lyric):
            if resolution.entity_id is not None and resolution.mention.kind != "name":
                found.append(PersonReference(line.segment, resolution.mention.text, line.start,
                                             resolution.entity_id, resolution.confidence))
    return found
