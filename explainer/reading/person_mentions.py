"""Every mention of a person in one line, with its character offsets: names of known people,
descriptions ("mom", "the guy", 그 여자), and pronouns, I/me/you and 나/너 included.

Only *finding* happens here; which person a mention is belongs to `resolver`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from explainer.reading.names import NameTable
from explainer.text import en, ko
from explainer.text.names import strip_particles

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


_Add = Callable[[PersonMention], None]
_EN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_KO_WORD = re.compile(r"[가-힣]+")
# a name after an opener, and before a comma or the end, is called: "So Joey, why …", "Thank you, Chandler, …"
_VOCATIVE_BEFORE = re.compile(r"(?:^|[.!?]\s*|\b(?:hey|hi|oh|yo|okay|ok|well|no|yes|yeah|so|anyway|now|look|listen"
                              r"|please|thanks|thank\s+you)[,!]?\s+)$", re.I)
_VOCATIVE_AFTER = re.compile(r"^\s*[,!?]|^\s*\.\s*$|^\s*$")
# after a comma, a name is a vocative when its sentence ends there ("Read it, Owen."); between
# commas mid-sentence it is an apposition ("my boss, Joanna, when you left, she ...")
_SENTENCE_END = re.compile(r"^\s*(?:[.!?]|$)")
_BARE_DESCRIPTIONS = frozenset({"mom", "mum", "dad", "mommy", "daddy", "grandma", "grandpa"})


def _gender(value: str | None) -> Gender | None:
    return "m" if value == "m" else "f" if value == "f" else None


@lru_cache(maxsize=2)
def _third_person(language: str) -> tuple[tuple[re.Pattern[str], Gender | None, bool], ...]:
    if language == "ko":
        return tuple((re.compile(rf"(?<![가-힣])(?:{p})"), _gender(g), plural)
                     for p, kind, g, plural in ko.REFERRING_EXPRESSIONS if kind == "character")
    return tuple((re.compile(rf"\b(?:{p})\b", re.IGNORECASE), _gender(g), plural)
                 for p, kind, g, plural in en.REFERRING_EXPRESSIONS if kind == "character")


_KO_FIRST = re.compile(rf"(?<![가-힣])(?:{ko.FIRST_PERSON_WORDS})(?![가-힣])")
_KO_SECOND = re.compile(rf"(?<![가-힣])(?:{ko.SECOND_PERSON_WORDS})(?![가-힣])")
_KO_VOCATIVE_ENDINGS = ("아", "야")


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return not any(start < e and s < end for s, e in taken)


def person_mentions(text: str, language: str, names: NameTable, *, descriptions: bool = False) -> list[PersonMention]:
    """Mentions of people in `text`, in order of their offsets, none overlapping. Song lyrics
    (♪ … ♪) refer to nobody of the scene. `descriptions`: Korean demonstrative descriptions too
    (그 기자, 그 잘생긴 비서): every person expression, for a reader of the whole scene (a model);
    the rule-based resolver leaves them out, it guesses them wrong (references-dev: precision
    61 % -> 45 % with them)."""
    found: list[PersonMention] = []
    if "♪" in text:
        return found
    taken: list[tuple[int, int]] = []

    def add(mention: PersonMention) -> None:
        if _free(taken, mention.start, mention.end):
            taken.append((mention.start, mention.end))
            found.append(mention)

    korean = language.startswith("ko")
    for pattern, gender, plural in _third_person("ko" if korean else "en"):
        for match in pattern.finditer(text):
            add(PersonMention(match.group(0), match.start(), match.end(), "third", gender, plural))
    if korean:
        if descriptions:
            _korean_descriptions(text, add)
        _korean_words(text, names, add)
    else:
        _english_words(text, names, add)
    return sorted(found, key=lambda m: m.start)


def _english_words(text: str, names: NameTable, add: _Add) -> None:
    words = list(_EN_WORD.finditer(text))
    for i, match in enumerate(words):
        word, lowered = match.group(0), match.group(0).lower().replace("’", "'")
        start, end = match.span()
        if i + 1 < len(words) and word[0].isupper() and words[i + 1].group(0)[0].isupper():
            pair = text[start:words[i + 1].end()]
            known = names.find(pair) if " " in pair and pair.count(" ") == 1 else None
            if known is not None:
                add(PersonMention(pair, start, words[i + 1].end(), "name", entity_id=known.entity_id,
                                  vocative=_is_vocative(text, start, words[i + 1].end())))
                continue
        if word == "I" or (lowered in en.FIRST_PERSON and lowered != "i"):
            add(PersonMention(word, start, end, "first"))
        elif lowered in en.SECOND_PERSON:
            add(PersonMention(word, start, end, "second"))
        elif word[0].isupper() and lowered not in en.STOPWORDS and (known := names.find(word)) is not None:
            add(PersonMention(word, start, end, "name", entity_id=known.entity_id,
                              vocative=_is_vocative(text, start, end)))
        elif (lowered in en.VOCATIVE_TERMS or lowered in _BARE_DESCRIPTIONS) and _is_vocative(text, start, end):
            add(PersonMention(word, start, end, "second"))  # "Thanks, honey." / "Oh, dad, turn it off."
        elif word[0].isupper() and lowered not in en.STOPWORDS and _is_vocative(text, start, end) and \
                (known := names.clipped(word)) is not None:
            add(PersonMention(word, start, end, "name", entity_id=known.entity_id, vocative=True))
        elif lowered in en.PERSON_NOUNS:
            before = words[i - 1].group(0).lower() if i else ""
            if before in en.DESCRIPTION_DETERMINERS and before not in en.FIRST_PERSON | en.SECOND_PERSON:
                start = words[i - 1].start()
            elif before not in en.DESCRIPTION_DETERMINERS and lowered not in _BARE_DESCRIPTIONS:
                continue
            add(PersonMention(text[start:end], start, end, "description", _gender(en.PERSON_NOUNS[lowered])))


def _is_vocative(text: str, start: int, end: int) -> bool:
    return bool(_VOCATIVE_BEFORE.search(text[:start]) and _VOCATIVE_AFTER.match(text[end:])) or \
        bool(re.search(r",\s*$", text[:start]) and _SENTENCE_END.match(text[end:]))


def _address_only(text: str, names: NameTable) -> bool:
    """A line of nothing but a name, interjections and 우리 (아유, 우리 하리 / 하리, 하리): an address."""
    words = [w for w in _KO_WORD.findall(text) if w not in ko.ADDRESS_FILLERS]
    return bool(words) and not re.search(r"[A-Za-z0-9]", text) and \
        all(strip_particles(w) == w and names.find(w) is not None for w in words)


# a demonstrative opening a description (그 기자 / 그 잘생긴 비서), and the words after it
_KO_DEMONSTRATIVE = re.compile(r"(?<![가-힣])[그저이](?=\s)")
_KO_NEXT_WORD = re.compile(r"\s+([가-힣A-Za-z]+)")
_DESCRIPTION_WORDS = 5  # the noun is at most this many words after the demonstrative


def _person_head(word: str) -> str | None:
    """The noun for a person a word is, without its particle, copula or 님 (비서랑, 기자인가,
    선생님하고), or None."""
    stems = [strip_particles(word), word]
    stems += [word[:-len(e)] for e in ko.COPULA_ENDINGS if word.endswith(e) and len(word) > len(e)]
    for stem in dict.fromkeys(stems):
        if stem in ko.PERSON_ROLE_NOUNS or stem.removesuffix("님") in ko.PERSON_ROLE_NOUNS:
            return stem
        if len(stem) >= 3 and stem.endswith(ko.PERSON_COINAGE_ENDINGS):
            return stem
    return None


def _korean_descriptions(text: str, add: _Add) -> None:
    """그 / 저 / 이 + a few words + a noun for a person (그 편의점에서 봤다던 잘생긴 남자): a
    description of someone, from the demonstrative to the noun."""
    for match in _KO_DEMONSTRATIVE.finditer(text):
        at = match.end()
        for _ in range(_DESCRIPTION_WORDS):
            word = _KO_NEXT_WORD.match(text, at)
            if word is None:
                break
            head = _person_head(word.group(1))
            if head is not None:
                end = word.start(1) + len(head)
                gender = ko.PERSON_NOUNS.get(head) or ko.PERSON_ROLE_GENDERS.get(head) or \
                    ("m" if head.endswith("남") else "f" if head.endswith("녀") else None)
                add(PersonMention(text[match.start():end], match.start(), end, "description", _gender(gender)))
                break
            at = word.end()


def _korean_words(text: str, names: NameTable, add: _Add) -> None:
    for pattern, kind in ((_KO_FIRST, "first"), (_KO_SECOND, "second")):
        for match in pattern.finditer(text):
            add(PersonMention(match.group(0), match.start(), match.end(), kind))  # type: ignore[arg-type]
    address_only = _address_only(text, names)
    for match in _KO_WORD.finditer(text):
        word = match.group(0)
        known = names.find(word)
        if known is not None:
            if text[match.end():match.end() + 1] in (":", "："):
                continue  # an in-cue speaker label ("- 하리: 아휴"): who speaks, not who is talked about
            after = text[match.end():match.end() + 1]
            bare = strip_particles(word) == word  # 민우가? / 민우한테 carry a case particle: no address
            vocative = word.endswith(_KO_VOCATIVE_ENDINGS) and not bare or \
                (bare and (address_only or (match.start() == 0 and after in (",", "!", "?"))))
            add(PersonMention(word, match.start(), match.end(), "name", entity_id=known.entity_id,
                              vocative=vocative))
            continue
        stem = strip_particles(word)
        if stem in ko.PERSON_NOUNS:
            add(PersonMention(stem, match.start(), match.start() + len(stem), "description",
                              _gender(ko.PERSON_NOUNS[stem])))
