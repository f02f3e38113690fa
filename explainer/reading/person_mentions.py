"""Every mention of a person in one line, with its character offsets: names of known people,
descriptions ("mom", "the guy", 그 여자), and pronouns, I/me/you and 나/너 included.

Only *finding* happens here; which person a mention is belongs to `resolver`. What differs by
language (the expressions, the words of a person) is the language's rules (`lang/`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from explainer.reading.lang import LanguageRules
    from explainer.reading.names import NameTable

MentionKind = Literal["first", "second", "third", "name", "description"]
Gender = Literal["m", "f"]


@dataclass(frozen=True, slots=True)
class PersonMention:
    text: str  # the exact surface text
    start: int
    end: int
    kind: MentionKind
    gender: Gender | None = None
    plural: bool = False
    entity_id: str | None = None  # a name: the person it names
    vocative: bool = False  # a name the speaker calls someone by ("Ross, ...", 미소야)


@dataclass(frozen=True, slots=True)
class KnownName:
    entity_id: str
    name: str
    salience: float = 0.0
    # the other names the graph knows them by (Pete for Peter Becker, Rach, 김비서 for 김미소)
    aliases: tuple[str, ...] = ()


AddMention = Callable[[PersonMention], None]


def as_gender(value: str | None) -> Gender | None:
    return "m" if value == "m" else "f" if value == "f" else None


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return not any(start < e and s < end for s, e in taken)


def person_mentions(text: str, rules: LanguageRules, names: NameTable, *,
                    descriptions: bool = False) -> list[PersonMention]:
    """Mentions of people in `text`, in order of their offsets, none overlapping: the language's
    third-person expressions first, then its other person words (`LanguageRules.person_words`).
    Song lyrics (♪ … ♪) refer to nobody of the scene. `descriptions`: demonstrative descriptions
    too (그 기자, 그 잘생긴 비서): every person expression, for a reader of the whole scene (a
    model); the rule-based resolver leaves them out, it guesses them wrong (references-dev:
    precision 61 % -> 45 % with them)."""
    found: list[PersonMention] = []
    if "♪" in text:
        return found
    taken: list[tuple[int, int]] = []

    def add(mention: PersonMention) -> None:
        if _free(taken, mention.start, mention.end):
            taken.append((mention.start, mention.end))
            found.append(mention)

    for pattern, gender, plural in rules.third_person:
        for match in pattern.finditer(text):
            add(PersonMention(match.group(0), match.start(), match.end(), "third", gender, plural))
    rules.person_words(text, names, add, descriptions)
    return sorted(found, key=lambda m: m.start)
