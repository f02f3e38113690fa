"""Korean rules of the reader (the words themselves are in `explainer.text.ko`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from explainer.reading.mentions import korean_mentions
from explainer.reading.person_mentions import PersonMention, as_gender
from explainer.text import ko
from explainer.text.names import HONORIFICS, TITLES, Language, final_consonant, is_time_noun, strip_particles

if TYPE_CHECKING:
    from explainer.reading.lang import Vote
    from explainer.reading.mentions import IsKnown, Mention, Token
    from explainer.reading.names import NameTable
    from explainer.reading.person_mentions import AddMention, Gender

_TITLE_WORDS = frozenset(TITLES) | frozenset(HONORIFICS)
_GENDERED_NOUNS = sorted(ko.GENDERED_NOUNS, key=lambda w: (-len(w), w))  # 여자애 before 여자
_STATEMENT_PARTICLES = ("은", "는", "이", "가")
_RELATION_WORDS = "|".join(sorted(ko.FAMILY_WORDS | ko.WORK_WORDS, key=lambda w: (-len(w), w)))


_KO_WORD = re.compile(r"[가-힣]+")
_KO_FIRST = re.compile(rf"(?<![가-힣])(?:{ko.FIRST_PERSON_WORDS})(?![가-힣])")
_KO_SECOND = re.compile(rf"(?<![가-힣])(?:{ko.SECOND_PERSON_WORDS})(?![가-힣])")
_KO_VOCATIVE_ENDINGS = ("아", "야")


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


def _korean_descriptions(text: str, add: AddMention) -> None:
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
                add(PersonMention(text[match.start():end], match.start(), end, "description", as_gender(gender)))
                break
            at = word.end()


def _korean_words(text: str, names: NameTable, add: AddMention) -> None:
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
            # 장만옥이야 after a final consonant is the copula ("is 장만옥"), not a call (장만옥아)
            copula = word.endswith("이야") and len(word) > 2 and final_consonant(word[-3]) > 0
            vocative = word.endswith(_KO_VOCATIVE_ENDINGS) and not bare and not copula or \
                (bare and (address_only or (match.start() == 0 and after in (",", "!", "?"))))
            add(PersonMention(word, match.start(), match.end(), "name", entity_id=known.entity_id,
                              vocative=vocative))
            continue
        stem = strip_particles(word)
        if stem in ko.PERSON_NOUNS:
            add(PersonMention(stem, match.start(), match.start() + len(stem), "description",
                              as_gender(ko.PERSON_NOUNS[stem])))


class KoreanRules:
    code: Language = "ko"
    # 그 사람, 걔, 그 여자, the 그 of 그는: (pattern, gender, plural)
    third_person = tuple((re.compile(rf"(?<![가-힣])(?:{p})"), as_gender(g), plural)
                         for p, kind, g, plural in ko.REFERRING_EXPRESSIONS if kind == "character")

    morphemes = True
    reference_patterns: tuple[tuple[str, re.Pattern[str]], ...] = (
        ("person", re.compile(rf"(?<![가-힣])(?:{ko.PERSON_REFS})")),
        ("place", re.compile(rf"(?<![가-힣])(?:{ko.PLACE_REFS})")),
        ("event", re.compile(rf"(?<![가-힣])(?:{ko.EVENT_REFS})")),
        ("object", re.compile(rf"(?<![가-힣])(?:{ko.OBJECT_REFS})")),
    )
    relation_of = re.compile(rf"([가-힣]{{2,5}})의\s+({_RELATION_WORDS})(?:님)?\s+([가-힣]{{2,6}})")
    relation_my = re.compile(rf"(?<![가-힣])(?:우리|내|제)\s+({_RELATION_WORDS})(?:님)?\s+([가-힣]{{2,6}})")
    long_word = 3
    line_length_unit = 12.0

    referring_pattern = re.compile("|".join(f"(?P<x{i}>{p})" for i, (p, *_) in enumerate(ko.REFERRING_EXPRESSIONS)))
    referring_kinds: tuple[str, ...] = tuple(kind for _, kind, *_ in ko.REFERRING_EXPRESSIONS)

    answer_words: frozenset[str] = ko.ANSWER_WORDS
    # on Friends dev e21 the English form of this rule cost precision: Korean only
    echo_questions = True
    clause_roles = False
    bare_pronoun_renamed = True
    renaming_endings: tuple[str, ...] = ko.RENAMING_ENDINGS
    impostor_words: frozenset[str] = ko.IMPOSTOR_WORDS

    def mentions(self, text: str, tokens: list[Token], is_known: IsKnown, elsewhere: set[str]) -> list[Mention]:  # noqa: ARG002 (the protocol's)
        return korean_mentions(text, tokens, is_known)

    def line_words(self, text: str, tokens: list[Token]) -> tuple[int, list[str]]:
        words = [t.form for t in tokens if t.tag in ("NNG", "NNP") and len(t.form) >= 2
                 and t.form not in ko.STOP_NOUNS and t.form not in _TITLE_WORDS]
        return len(text.replace(" ", "")), words

    def names_a_day(self, name: str) -> bool:
        return is_time_noun(name)

    def introduces_self(self, text: str, mention: PersonMention) -> bool:
        """"저는 한지훈입니다" / "나 민우야"."""
        before = " ".join(text[:mention.start].lower().split())
        closes = mention.text.endswith(ko.SELF_INTRODUCTION_ENDINGS) or \
            text[mention.end:].strip().startswith(ko.SELF_INTRODUCTION_ENDINGS)
        return closes and any(before == w or before.endswith((" " + w, "." + w, "," + w)) for w in ko.SELF_INTRODUCERS)

    def renames(self, text: str, name: PersonMention, mention: PersonMention) -> bool:
        """한지훈이라는 사람, 그 여자가 진영서라니, 강태무 그 인간 (an apposition)."""
        after = text[name.end:name.end + 4]
        return name.text.endswith(ko.RENAMING_ENDINGS) or after.startswith(ko.RENAMING_ENDINGS) or \
            (name.end < mention.start and not text[name.end:mention.start].strip()
             and mention.text.startswith("그"))

    def learn_from_address(self, words: set[str], speaker: str | None, addressee: str | None,
                           vote: Vote) -> None:
        """오빠 said by her: she is a woman and he a man."""
        stems = {w.rstrip("야아") for w in words} | words
        if speaker is not None:
            if stems & ko.SAID_BY_FEMALE:
                vote(speaker, "f", 0.5)
            if stems & ko.SAID_BY_MALE:
                vote(speaker, "m", 0.5)
        if addressee is not None:
            for stem in stems & set(ko.PERSON_NOUNS):
                gender = ko.PERSON_NOUNS[stem]
                vote(addressee, "m" if gender == "m" else "f" if gender == "f" else None, 0.5)

    def stated_gender(self, text: str, name: PersonMention) -> Gender | None:
        """민우는 남자야, 지수가 여자래: a gendered person noun closed by a copula right after the name."""
        following = text[name.end:].split(maxsplit=1)
        if not following or not name.text.endswith(_STATEMENT_PARTICLES):
            return None
        word = following[0].rstrip(".,!?~…")
        for noun in _GENDERED_NOUNS:
            if word.startswith(noun) and word[len(noun):].startswith(ko.STATEMENT_ENDINGS):
                return "m" if ko.GENDERED_NOUNS[noun] == "m" else "f"
        return None

    def possessor_in_predicate(self, text: str, name: PersonMention, mention: PersonMention) -> bool:
        """서도윤 씨는 오빠 친구였던 거야: the name, the topic or subject (은/는/이/가, after 씨 or a
        title), is 오빠's friend, not 오빠; the mention is a relation noun's possessor (오빠 친구,
        오빠의 친구) later in the same sentence."""
        if name.end > mention.start or re.search(r"[.!?…]", text[name.end:mention.start]):
            return False
        head = (name.text + text[name.end:mention.start]).split()[:2]  # the name, or the name and 씨/a title
        subject = any(word.endswith(_STATEMENT_PARTICLES) for word in head)
        following = re.match(r"(?:의)?\s*([가-힣]+)", text[mention.end:])
        return subject and following is not None and following.group(1).startswith(tuple(ko.RELATION_NOUNS))

    def may_call_back(self, mention: PersonMention) -> bool:
        """그 남자, 그 사람 may; 걔, like "he", is someone of the scene."""
        return mention.text.strip() not in ko.BARE_PRONOUNS

    def person_words(self, text: str, names: NameTable, add: AddMention, descriptions: bool) -> None:
        """나/너, names of known people (called or talked about), 엄마; with `descriptions`, 그 +
        a few words + a noun for a person (그 편의점에서 봤다던 잘생긴 남자)."""
        if descriptions:
            _korean_descriptions(text, add)
        _korean_words(text, names, add)


KOREAN = KoreanRules()
