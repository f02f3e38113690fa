"""Finding mentions of entities in one subtitle line.

Korean lines come with their morphemes (kiwipiepy tokens); English lines are read with a
capitalisation heuristic. Both only *find* mentions: deciding which entity a mention is happens
in `registry`. `is_known(key)` tells whether a normalised name is already an entity (from
the context or earlier in the batch), which is what lets 미소 (tagged a common noun, "smile")
count as a name once 한미소 is known.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import takewhile

from explainer.reading.gender import name_prior
from explainer.reading.models import EntityType
from explainer.text import en, ko
from explainer.text.names import (
    broken_name_word,
    final_consonant,
    given_name,
    is_hangul_word,
    is_particle,
    is_time_noun,
    name_key,
    normalise_name,
    strip_particles,
    title_of,
)

IsKnown = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class Token:
    """One morpheme: its form, its Sejong tag (NNP, NNG, JKS ...) and its span in the line."""

    form: str
    tag: str
    start: int
    length: int

    @property
    def end(self) -> int:
        return self.start + self.length


@dataclass(slots=True)
class Mention:
    name: str  # normalised (particles and honorifics off)
    type: EntityType | None  # None: whatever the known entity it matched is
    start: int
    end: int
    title: str | None = None  # the title or honorific it came with: 대리, 씨, 오빠, detective
    derived: list[str] = field(default_factory=list)  # aliases it implies: 한미소 대리 → 한대리
    gender: str | None = None  # "m" / "f" when a title says so
    vocative: bool = False
    # person evidence it carries (registry.EVIDENCE_WEIGHTS): title, vocative, verb, bare
    evidence: tuple[str, ...] = ()
    # another name the line gives this person as a nickname (이름 장미옥 별명 장만옥; 장미옥, 우리끼리는
    # 장만옥): the two are one person, and this name is the real one, the one shown
    nickname: str | None = None
    # the line renames the person named just before (`Registry.mention`): "real" — this is their
    # real name (왕조현이라는 애가 있어 / 본명은 왕자현인데); "nickname" — this is what they are called
    # (민수 … 우리끼리 왕조현이라고 불러)
    renames_previous: str | None = None


_EDGE = "\"'“”‘’`.,!?;:()[]{}<>「」『』《》〈〉…·~*"
_HONORIFIC_SET = frozenset(ko.HONORIFICS)
_TITLE_SET = frozenset(ko.TITLES)
_ATTACHED_HONORIFICS = frozenset({"씨", "님"})
# address honorifics that make a preceding word a plausible name (선생님, 후배 also follow job words)
_SOFT_HONORIFICS = frozenset(ko.HONORIFICS) - {"선생님", "후배"}


def _gender_of(title: str | None) -> str | None:
    if title is None:
        return None
    word = title.lower()
    if word in ko.MALE_WORDS or word in en.MALE_WORDS:
        return "m"
    if word in ko.FEMALE_WORDS or word in en.FEMALE_WORDS:
        return "f"
    return None


# --- speaker labels and sound cues -----------------------------------------------------------

_LABEL = re.compile(
    r"^\s*[-–—]?\s*(?P<name>[A-Z][A-Z0-9 .'\-]{0,28}[A-Z0-9.]|[가-힣]{1,6}(?: [가-힣]{1,6})?)\s*[:：]\s*")
_BRACKET_LABEL = re.compile(r"^\s*[-–—]?\s*[\[(](?P<name>[^\])]{1,30})[\])]\s*(?=\S)")
_SOUND_CUE = re.compile(r"[\[(（][^\])）]{0,40}[\])）]|[♪♫#]+")


def split_speaker_label(text: str, is_known: IsKnown) -> tuple[str | None, str]:
    """`JANE: Hi` / `미소: 안녕` → ("JANE"/"미소", rest). `(미소) 안녕` only when 미소 is known,
    since `(웃음)` and `[LAUGHS]` look the same."""
    match = _LABEL.match(text)
    if match:
        return match.group("name").strip(" -."), text[match.end():]
    match = _BRACKET_LABEL.match(text)
    if match and is_known(name_key(match.group("name"))):
        return match.group("name").strip(" -."), text[match.end():]
    return None, text


def clean_line(text: str) -> str:
    """The line without sound cues (`[laughs]`, `(웃음)`, ♪) and with single spaces."""
    return " ".join(_SOUND_CUE.sub(" ", text).split())


# --- Korean ----------------------------------------------------------------------------------

@dataclass(slots=True)
class _Word:
    start: int
    end: int
    core: str  # the word without surrounding punctuation
    core_start: int
    trailing: str  # punctuation right after the core
    tokens: list[Token]


def _words(text: str, tokens: list[Token]) -> list[_Word]:
    words: list[_Word] = []
    it = 0
    for match in re.finditer(r"\S+", text):
        raw = match.group()
        lead = len(raw) - len(raw.lstrip(_EDGE))
        core = raw.strip(_EDGE)
        trailing = raw[lead + len(core):]
        own: list[Token] = []
        while it < len(tokens) and tokens[it].start < match.end():
            if tokens[it].start >= match.start():
                own.append(tokens[it])
            it += 1
        words.append(_Word(match.start(), match.end(), core, match.start() + lead, trailing, own))
    return words


def classify_korean(name: str) -> EntityType:
    """Type of a non-person Korean name by its ending (강남역 → location, 교통사고 → event) or the
    gazetteer (스페인, 청담동 → location; 영어 → concept)."""
    if ko.is_place_name(name):
        return "location"
    if ko.is_language_name(name):
        return "concept"
    if name in ko.PLACE_NAMES or name in ko.PLACE_NOUNS or name.endswith(ko.PLACE_ENDINGS):
        return "location"
    if name in ko.EVENT_NOUNS or name.endswith(ko.EVENT_ENDINGS):
        return "event"
    if name in ko.OBJECT_NOUNS:
        return "object"
    return "concept"


def _looks_like_person(name: str) -> bool:
    """A Korean proper noun of 2-4 syllables that is not a known place, organisation or brand."""
    if not is_hangul_word(name) or not 2 <= len(name) <= 4:
        return False
    if name in ko.CONCEPT_NAMES or name in ko.NOT_NAMES or name in ko.ADDRESS_NOUNS or is_time_noun(name):
        return False
    if classify_korean(name) != "concept" or name.endswith(ko.ORG_ENDINGS):
        return False
    return len(name) <= 3 or given_name(name) is not None


_TITLE_WORDS = tuple(sorted(_HONORIFIC_SET | _TITLE_SET, key=lambda t: (-len(t), t)))


def _title_after(word: _Word) -> str | None:
    """The honorific or title a whole word is (씨, 씨도, 대리님, 오빠한테 → 씨, 씨, 대리, 오빠)."""
    core = word.core
    for title in _TITLE_WORDS:
        if not core.startswith(title):
            continue
        rest = core[len(title):]
        if rest.startswith("님") and title != "님":
            rest = rest[1:]
        # the polite 요 after a particle (씨는요, 씨가요) or the honorific itself (씨요, 대리님요;
        # not after 군/양/형: 군요 ends a sentence)
        if rest.endswith("요") and (len(rest) > 1 or len(title) > 1 or title in _ATTACHED_HONORIFICS):
            rest = rest[:-1]
        if not rest or is_particle(rest) or strip_particles(title + rest) == title:
            return title
    return None


def _may_name_before_title(word: _Word, title: str, is_known: IsKnown) -> bool:
    """Whether a word before a title word may be a name (미소 씨, 민준 오빠, 김 비서님): a noun with
    no ending of its own (영원한 오빠 is "the eternal oppa"), and before a kin or role word not a
    common noun that says which one (84 학번 선배, 교련 선생님, 동네 오빠) unless it is known as a name."""
    if word.core in ko.SURNAMES:
        return True  # 한 대리님 (the morphology may read 한 as "one")
    if any(t.tag.startswith(("E", "V", "XSA", "XSV", "MA", "MM")) for t in word.tokens):
        return False
    if title in _ATTACHED_HONORIFICS:
        return True  # 씨 and 님 follow names, not roles
    name = normalise_name(word.core)
    if name in ko.SCHOOL_SUBJECTS:
        return False
    content = [t for t in word.tokens if not t.tag.startswith("J")]
    dictionary_word = len(content) == 1 and content[0].tag == "NNG"
    return not dictionary_word or is_known(name_key(name)) or given_name(name) is not None


def _title_is_a_noun(word: _Word, name_length: int, title_length: int) -> bool:
    """Whether the title of a name + title word (김비서가, 미소씨) is where the morphology puts a
    noun: it ends where a morpheme ends and none of it is a particle or ending (장기자랑은 holds
    no 장기자, 남이사! no director 남)."""
    start = word.core_start + name_length
    end = start + title_length
    inside = [t for t in word.tokens if t.end > start and t.start < end]
    if not inside or any(t.tag.startswith(("J", "E", "V")) for t in inside):
        return False
    # and it starts and ends where morphemes do (한의원 is one noun, a clinic, not 한 + 의원)
    return all(t.end <= start or t.start >= start for t in word.tokens) \
        and all(t.end <= end or t.start >= end for t in word.tokens)


def _name_mention(name_part: str, title: str, has_nnp: bool, is_known: IsKnown,
                  start: int, end: int, *, spaced: bool = False) -> Mention | None:
    """A person called `name_part` + `title`, if that reads as a name (not 우리 팀장님; not
    "그럼 전 대표님께", where 전 is "I" or "former" before a title of its own word)."""
    if name_part in ko.SURNAMES and title in _TITLE_SET and not (spaced and name_part in ko.NOT_NAMES):
        return Mention(name_part + title, "character", start, end, title=title, evidence=("title",))
    name = normalise_name(name_part)
    if (not is_hangul_word(name) or not 2 <= len(name) <= 4 or name in ko.NOT_NAMES
            or name in ko.ADDRESS_NOUNS or classify_korean(name) != "concept" or ko.is_language_name(name)):
        return None
    plausible = title in _SOFT_HONORIFICS or has_nnp or is_known(name_key(name))
    if not plausible or name in ko.STOP_NOUNS:
        return None
    derived: list[str] = []
    family = given_name(name)
    if family is not None and title in _TITLE_SET:
        derived.append(name[: len(name) - len(family)] + title)  # 한미소 대리 → 한대리
    return Mention(name, "character", start, end, title=title, derived=derived,
                   gender=_gender_of(title), evidence=("title",))


def _nnp_run(word: _Word) -> str | None:
    """The proper noun of a word, with a place/event ending glued to it (서울+병원 → 서울병원) or,
    after a lone surname, the given name the morphology split off (김 + 미소 → 김미소)."""
    tokens = word.tokens
    for i, token in enumerate(tokens):
        if token.tag != "NNP":
            continue
        name = token.form
        end = token.end
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if (name in ko.SURNAMES and following is not None and following.start == end
                and following.tag in ("NNG", "NNP") and len(following.form) == 2
                and is_hangul_word(following.form)):
            return name + following.form
        for nxt in tokens[i + 1:]:
            if nxt.start != end or nxt.tag not in ("NNP", "NNG"):
                break
            candidate = name + nxt.form
            if nxt.tag == "NNP" or classify_korean(candidate) != "concept" or candidate.endswith(
                    ko.ORG_ENDINGS):
                name, end = candidate, nxt.end
            else:
                break
        return name
    return None


def _common_noun_mentions(word: _Word) -> list[Mention]:
    """Event, place and object nouns (교통사고, 카페, 수첩) among a word's morphemes."""
    found: list[Mention] = []
    run: list[Token] = []
    for token in [*word.tokens, Token("", "END", -1, 0)]:
        if token.tag == "NNG" and (not run or run[-1].end == token.start):
            run.append(token)
            continue
        if run:
            compound = "".join(t.form for t in run)
            last = run[-1].form
            for name in dict.fromkeys((compound, last)):
                kind = classify_korean(name)
                known_noun = (name in ko.EVENT_NOUNS or name in ko.PLACE_NOUNS
                              or name in ko.OBJECT_NOUNS or (kind == "event" and len(name) > 2))
                if kind != "concept" and known_noun:
                    found.append(Mention(name, kind, run[0].start, run[-1].end))
                    break
        run = [token] if token.tag == "NNG" else []
    return found


# --- Korean sieves ------------------------------------------------------------------------------
# Each sieve reads the word at `i` (with its neighbours) and returns what it found there — the
# mentions and the words they take — or None to leave the word to the next sieve. The first sieve
# that finds something wins; the order is the order of evidence a reader trusts.

Found = tuple[list[Mention], tuple[int, ...]]
Sieve = Callable[[list[_Word], int, IsKnown], "Found | None"]


def _titled_name_apart(words: list[_Word], i: int, is_known: IsKnown) -> Found | None:
    """미소 씨 / 김 비서님이 / 한미소 대리님: a name followed by a title word."""
    word = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else None
    title = _title_after(nxt) if nxt is not None and not word.trailing else None
    # a word with a case or topic particle is no name before a title: 닭 다리는 언니하고 (the
    # drumsticks to her sister), 미소의 언니; the nickname 이 may stay (택이 형)
    particle = word.core[len(strip_particles(word.core)):]
    if nxt is None or title is None or _title_after(word) is not None or not _nouny(word) \
            or particle not in ("", "이") or not _may_name_before_title(word, title, is_known):
        return None
    mention = _name_mention(word.core, title, _has_nnp(word), is_known, word.core_start, nxt.end, spaced=True)
    return ([mention], (i, i + 1)) if mention is not None else None


def _titled_name_joined(words: list[_Word], i: int, is_known: IsKnown) -> Found | None:
    """김비서가 / 미소씨 / 민준오빠한테: name and title in one word."""
    word = words[i]
    core = strip_particles(word.core)
    title = title_of(core)
    if title is None:
        return None
    bare = normalise_name(core)  # 김비서, 미소, 민준
    name_part = bare[: -len(title)] if bare.endswith(title) else bare
    if not name_part or not _nouny(word) or not _title_is_a_noun(word, len(name_part), len(title)):
        return None
    mention = _name_mention(name_part, title, _has_nnp(word), is_known, word.core_start, word.end)
    if mention is None:
        return None
    mention.vocative = core == word.core and word.trailing.startswith((",", "!"))  # 김비서, …
    return [mention], (i,)


def _introduced(words: list[_Word], i: int, is_known: IsKnown) -> Found | None:
    """한지훈이라는 분, 영철이라고 그 아들, 그 아들 석진이, 걔 이름이 석진이야: a name a line introduces."""
    introduced = _introduced_name(words, i, is_known) or _apposed_name(words, i, is_known)
    if introduced is None:
        return None
    start = words[i].core_start
    return [Mention(introduced, "character", start, start + len(introduced), evidence=("bare", "named"))], (i,)


def _called(words: list[_Word], i: int, is_known: IsKnown) -> Found | None:
    """미소야, / 민준아!: a name called."""
    vocative = _vocative(words[i], i, is_known)
    return ([vocative], (i,)) if vocative is not None else None


def _proper_noun(words: list[_Word], i: int, is_known: IsKnown) -> Found | None:
    """A proper noun of the morphology: a person when it looks like one, else a place or a thing."""
    word = words[i]
    proper = _nnp_run(word)
    if proper is None:
        return None
    proper = normalise_name(proper) or proper  # the morphology may leave 아/이 on (지은아)
    if len(proper) < 2 or proper in ko.NOT_NAMES:
        return None
    evidence = _person_use(word, words[i + 1] if i + 1 < len(words) else None)
    kind: EntityType = "character" if _looks_like_person(proper) else classify_korean(proper)
    if kind == "character" and given_name(proper) is not None and i > 0 and _says_this(words[i - 1]):
        evidence = (*evidence, "self")  # 이 성동일의 소원이야: the speaker calls himself by his full name
    wanted: EntityType | None = None if kind == "character" and is_known(name_key(proper)) else kind
    return [Mention(proper, wanted, word.core_start, word.end, evidence=evidence)], (i,)


def _known_name(words: list[_Word], i: int, is_known: IsKnown) -> Found | None:
    """A name the series already knows, however the morphology read it."""
    word = words[i]
    core = strip_particles(word.core)
    for candidate in dict.fromkeys((word.core, core, normalise_name(word.core))):
        if candidate and is_known(name_key(candidate)):
            evidence = _person_use(word, words[i + 1] if i + 1 < len(words) else None)
            return [Mention(normalise_name(candidate) or candidate, None, word.core_start, word.end,
                            evidence=evidence)], (i,)
    return None


def _things(words: list[_Word], i: int, _is_known: IsKnown) -> Found | None:
    """Event, place and object nouns (교통사고, 카페, 수첩): what is left of a word."""
    return _common_noun_mentions(words[i]), (i,)


# the sieves of a word, in order
KOREAN_SIEVES: tuple[Sieve, ...] = (_titled_name_apart, _titled_name_joined, _introduced, _called, _proper_noun,
                                    _known_name, _things)


def _nouny(word: _Word) -> bool:
    """A name before a title is a noun (미소 씨), not a verb or adverb (나갔다가 언니한테)."""
    return (bool(word.tokens) and word.tokens[0].tag.startswith("NN")) or word.core in ko.SURNAMES


def _has_nnp(word: _Word) -> bool:
    return any(t.tag == "NNP" for t in word.tokens)


def korean_mentions(text: str, tokens: list[Token], is_known: IsKnown) -> list[Mention]:
    """Mentions in one Korean line, in order: first what the whole line says of names (a nickname
    given), then each word through `KOREAN_SIEVES` — names with titles and honorifics, names a
    line introduces, vocatives, proper nouns, names already known, and event/place/object nouns."""
    words = _words(text, tokens)
    mentions: list[Mention] = []
    used: set[int] = set()
    for indexes, named in _nicknames(words, is_known):
        mentions.append(named)
        used.update(indexes)
    for i, word in enumerate(words):
        if i in used or not word.core:
            continue
        for sieve in KOREAN_SIEVES:
            found = sieve(words, i, is_known)
            if found is not None:
                mentions.extend(found[0])
                used.update(found[1])
                break
    mentions.sort(key=lambda m: m.start)
    return mentions


# the word that says the next one is a person's real name, and the one that gives a nickname
_REAL_NAME_WORDS = frozenset({"이름", "이름은", "이름이", "본명", "본명은", "본명이", "실명은", "실명이"})
_REAL_NAME_ONLY = frozenset({"본명", "본명은", "본명이", "실명은", "실명이"})  # never "her name is" of a pronoun
_NICKNAME_WORDS = frozenset({"별명", "별명은", "별명이", "애칭은", "애칭이", "우리끼리는", "우리끼린", "우리끼리"})
_CALLING_VERBS = ("불러", "부르", "불렀", "부른")


def _nicknames(words: list[_Word], is_known: IsKnown) -> list[tuple[tuple[int, ...], Mention]]:
    """Names a line gives as one person's real name and nickname, as a reader takes them: a name
    card (이름 장미옥 / 별명 장만옥), an introduction (장미옥, 우리끼리는 장만옥), a real name told
    after a nickname (본명은 왕자현인데), a nickname told after a name (우리끼리 왕조현이라고 불러).
    Each found name is (the word indexes it takes, mention); the real name's mention carries the
    nickname."""
    found: list[tuple[tuple[int, ...], Mention]] = []
    real: tuple[int, str] | None = None
    for i, word in enumerate(words):
        if word.core in _REAL_NAME_WORDS and i + 1 < len(words):
            name = _name_part(words[i + 1])
            if name and _could_be_named(name, words[i + 1], is_known):
                real = (i + 1, name)
                if word.core in _REAL_NAME_ONLY:
                    found.append(((i + 1,), _named(words[i + 1], name, renames_previous="real")))
        elif word.core in _NICKNAME_WORDS and i + 1 < len(words):
            nickname = _name_part(words[i + 1])
            if not nickname or not _could_be_named(nickname, words[i + 1], is_known):
                continue
            before = words[i - 1] if i > 0 else None
            if real is None and before is not None and before.trailing.startswith(","):
                name = _name_part(before)  # 장미옥, 우리끼리는 장만옥
                real = (i - 1, name) if name and _could_be_named(name, before, is_known) else None
            calling = i + 2 < len(words) and words[i + 2].core.startswith(_CALLING_VERBS) \
                and words[i + 1].core.endswith(("라고", "이라고"))
            if real is not None:
                index, name = real
                found = [(k, m) for k, m in found if index not in k]
                found.append(((index, i + 1), replace(_named(words[index], name), nickname=nickname)))
                real = None
            elif calling:  # 우리끼리 왕조현이라고 불러: what the person just named is called
                found.append(((i + 1,), _named(words[i + 1], nickname, renames_previous="nickname")))
    return found


def _named(word: _Word, name: str, renames_previous: str | None = None) -> Mention:
    return Mention(name, "character", word.core_start, word.core_start + len(name), evidence=("named",),
                   renames_previous=renames_previous)


def _name_part(word: _Word) -> str:
    """The name a word starts with, its copula, ending or particle off (왕자현인데, 장만옥이야)."""
    end = next((t.start for t in word.tokens if t.start > word.core_start and not t.tag.startswith("NN")),
               word.core_start + len(word.core))
    return normalise_name(word.core[:end - word.core_start])


_NAMING = re.compile(r"(?P<stem>[가-힣]+?)(?P<ending>라는|란|라고)")


def _introduced_name(words: list[_Word], index: int, is_known: IsKnown) -> str | None:
    """The name a line introduces as a person's: 한지훈이라는 분, 지훈이란 사람, 미소라는 애,
    한지훈이라고 하는 남자. A single dictionary noun there says what someone is (배우라는 사람,
    엄마라는 사람), so it is a name only when it is known, looks like a full name or is a proper
    noun or a word the morphology does not know (it splits it: 덕/선)."""
    word = words[index]
    match = _NAMING.fullmatch(word.core)
    if match is None or word.trailing:
        return None
    stem, ending = match.group("stem"), match.group("ending")
    following = index + 1
    if ending == "라고" and following < len(words) and words[following].core in ko.NAMING_VERBS \
            and not words[following].trailing:
        following += 1  # 한지훈이라고 하는 남자
    elif ending == "라고":
        following = -1  # 영철이라고 그 아들 석진이: the clause goes on to say who it is
    if following < 0:
        if not _person_noun_in_clause(words, index + 1):
            return None
    elif following >= len(words) or _head(words[following]) not in ko.NAMED_PERSON_NOUNS | ko.FAMILY_WORDS:
        return None
    # the copula 이 follows a consonant (한지훈이라는); after a vowel the 이 is the name's (지훈이라는
    # read as 지훈 + 이라는, 수이라는 as 수이 + 라는)
    name = stem[:-1] if stem.endswith("이") and final_consonant(stem[:-1]) > 0 else stem
    return name if _could_be_named(name, word, is_known) else None


def _could_be_named(name: str, word: _Word, is_known: IsKnown) -> bool:
    """`name` (the start of `word`) where a naming construction puts a name: not a title, kin,
    role, place or common word. A single dictionary noun there says what someone is (배우라는
    사람, 엄마라는 사람), so it is a name only when it is known, looks like a full name or is a
    proper noun or a word the morphology does not know (it splits it: 덕/선, 석/진)."""
    if (not 2 <= len(name) <= 4 or not is_hangul_word(name) or name in ko.NOT_NAMES or name in ko.ADDRESS_NOUNS
            or name in ko.STOP_NOUNS or name in _TITLE_SET or name in _HONORIFIC_SET or name in ko.FAMILY_WORDS
            or name in ko.WORK_WORDS or name in ko.PERSON_NOUNS or name in ko.NAMED_PERSON_NOUNS
            or classify_korean(name) != "concept" or ko.is_language_name(name)):
        return False
    own = [t for t in word.tokens if t.start < word.core_start + len(name)]
    if any(t.tag.startswith(("V", "E")) for t in own):
        return False  # a verb's stem (아들내미 먹으라고 아빠가: "told to eat"), no name
    dictionary_word = len(own) == 1 and own[0].tag == "NNG" and own[0].form == name
    return not (dictionary_word and not is_known(name_key(name)) and given_name(name) is None)


def _head(word: _Word) -> str:
    return word.tokens[0].form if word.tokens else strip_particles(word.core)


def _person_noun_in_clause(words: list[_Word], start: int) -> bool:
    """A person noun opening the clause that starts at `start`, alone or after a determiner
    (영철이라고 그 아들, 민수라고 친구): a relative clause (박남정이라고 춤 잘 추는 애) may give a
    nickname, a famous name the person is likened to, so it is left out."""
    for k in range(start, min(len(words), start + 2)):
        word = words[k]
        if _head(word) in ko.NAMED_PERSON_NOUNS | ko.FAMILY_WORDS:
            return k == start or _is_determiner(words[k - 1])
        if word.trailing or not _is_determiner(word):
            return False
    return False


def _says_this(word: _Word) -> bool:
    """The determiner 이 ("this") alone, before a name: 이 성동일이, 이 한미소가 (the speaker)."""
    return not word.trailing and [(t.form, t.tag) for t in word.tokens] == [("이", "MM")]


def _is_determiner(word: _Word) -> bool:
    return word.core in _DETERMINERS and not word.trailing


_DETERMINERS = frozenset({"그", "저"})


_NAME_PARTICLES = ("이", "가", "은", "는", "을", "를", "도", "한테", "이한테", "이가", "이는", "이도", "이를")


def _apposed_name(words: list[_Word], index: int, is_known: IsKnown) -> str | None:
    """A name put beside a person noun that says who it is: 그 아들 석진이 (his son 석진), 걔 이름이
    석진이야 (her name is 석진)."""
    if index < 1 or words[index - 1].trailing:
        return None
    word, before = words[index], words[index - 1]
    if before.core in ("이름이", "이름은"):  # 이름이 석진이야
        name = normalise_name(word.core)
        copula = [t for t in word.tokens if t.start >= word.core_start + len(name)]
        if not copula or copula[0].tag != "VCP" and copula[0].form not in ("야", "래", "예요", "라고"):
            return None
        return name if _could_be_named(name, word, is_known) else None
    # 그 아들 석진이: a kin or person noun after a determiner, then a name with its particle
    if index < 2 or not _is_determiner(words[index - 2]) \
            or before.core not in ko.FAMILY_WORDS | ko.NAMED_PERSON_NOUNS:
        return None
    rest = [e for e in _NAME_PARTICLES if word.core.endswith(e)]
    name = word.core[:-len(max(rest, key=len))] if rest else word.core
    if rest and max(rest, key=len).startswith("이") and final_consonant(name) == 0:
        return None  # 지수이가 is no name with a particle
    # a compound of common nouns (그 언니 전과자가) says what someone is, not who; a word with an
    # ending or a particle of its own (그 여자 때문에, 그 사람 마주칠) is no name at all
    own = [t for t in word.tokens if t.start < word.core_start + len(name)]
    common = bool(own) and all(t.tag.startswith(("NNG", "XS", "NNB")) for t in own)
    # a word the morphology knows as an adverb or interjection (그 사람 다시 오면) is none either; an
    # unknown name may be split into such pieces (석/MM 진/NNG)
    grammatical = any(t.tag.startswith(("J", "E", "V", "XS", "NNB", "NP")) for t in own) \
        or len(own) == 1 and own[0].tag.startswith(("MA", "MM", "IC"))
    if word.trailing or grammatical or common and not is_known(name_key(name)):
        return None
    return name if _could_be_named(name, word, is_known) else None


def _person_use(word: _Word, following: _Word | None) -> tuple[str, ...]:
    """("bare", "verb") when the word is used as a person is (미소한테, 미소가 말했어); ("bare", "kin")
    when a kin word follows it (동룡이 아버지, 정봉이 엄마, 덕선의 언니: someone's family is said by
    their name); else ("bare",)."""
    forms = [(t.tag, t.form) for t in word.tokens]
    if following is not None and not word.trailing and _head(following) in ko.FAMILY_WORDS \
            and len(forms) <= 2 and forms and forms[0][0] == "NNP" \
            and (len(forms) == 1 or forms[1][1] in ("의", "이") and forms[1][0] != "VCP"):
        return ("bare", "kin")
    if any(tag.startswith("JK") and form in ko.PERSON_PARTICLES for tag, form in forms):
        return ("bare", "verb")
    subject = any(tag in ("JKS", "JX") for tag, _ in forms)
    if subject and following is not None and not word.trailing:
        verb = next((t.form for t in following.tokens if t.tag.startswith("V")), None)
        if verb in ko.PERSON_VERBS:
            return ("bare", "verb")
    return ("bare",)


def _vocative(word: _Word, index: int, is_known: IsKnown) -> Mention | None:
    """미소야, / 민준아! — a noun with the vocative ending, as a name."""
    content = [t for t in word.tokens if not t.tag.startswith("S")]
    if len(content) < 2 or content[0].tag not in ("NNP", "NNG"):
        return None
    noun = content[0].form
    if (noun in ko.NOT_NAMES or noun in ko.STOP_NOUNS or noun in ko.ADDRESS_NOUNS or not is_hangul_word(noun)
            or len(noun) < 2 or classify_korean(noun) != "concept" or ko.is_language_name(noun)):
        return None
    rest = [(t.tag, t.form) for t in content[1:]]
    explicit = rest == [("JKV", "아")] or rest == [("JKV", "야")]
    # 민수야 may call 민수; after a final consonant 이야 is the copula (이거 쫄면이야? "is it 쫄면?"):
    # a consonant-final name is called with 아 (민준아)
    copula = len(rest) == 2 and rest[0][0] == "VCP" and rest[1] == ("EF", "야") \
        and final_consonant(noun[-1]) == 0 and word.core.startswith(noun + "야")
    if not (explicit or copula):
        return None
    addressed = word.trailing.startswith((",", "!", "~", "…")) or (index == 0 and explicit)
    if explicit and content[0].tag == "NNG" and not addressed and not is_known(noun):
        return None
    if copula and not (content[0].tag == "NNP" or is_known(noun) or word.trailing.startswith(",")):
        return None
    return Mention(noun, "character", word.core_start, word.end, vocative=True, evidence=("vocative",))


# --- English ---------------------------------------------------------------------------------

_EN_TOKEN = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|St|Det|Sgt|Prof|Capt|Lt|Jr)\.|[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|[.!?]+|[,;:]|\S")


def _bare(token: str) -> str:
    return re.sub(r"['’]s$", "", token)


def english_tokens(text: str) -> list[tuple[str, int, int, bool]]:
    """(token, start, end, starts_a_sentence) for every token of an English line."""
    out: list[tuple[str, int, int, bool]] = []
    at_start = True
    for match in _EN_TOKEN.finditer(text):
        token = match.group()
        out.append((token, match.start(), match.end(), at_start))
        if token[0] in ".!?…":
            at_start = True
        elif not (at_start and token[0] in "-–—\"“'‘"):
            at_start = False
    return out


def capitalised_words(text: str) -> set[str]:
    """Lower-cased capitalised words found inside sentences (not first): likely names."""
    found: set[str] = set()
    for token, _, _, at_start in english_tokens(text):
        word = _bare(token)
        if not at_start and word[:1].isupper() and word.lower() not in en.STOPWORDS and len(word) > 1:
            found.add(word.lower())
    return found


def classify_english(words: list[str]) -> EntityType:
    lowered = " ".join(words).lower()
    last = words[-1].lower()
    if lowered in en.PLACE_NAMES or lowered in en.place_names():
        return "location"
    if lowered in en.language_names():
        return "concept"
    if len(words) >= 2 and last in en.PLACE_ENDINGS:
        return "location"
    if len(words) >= 2 and last in en.EVENT_WORDS:
        return "event"
    if len(words) >= 2 and last in en.ORG_ENDINGS:
        return "concept"
    return "character" if len(words) <= 3 else "concept"


# An English sieve reads from token `i` and returns the mentions found and the index of the next
# token to read, or None to leave the token to the next sieve.
EnglishFound = tuple[list[Mention], int]
EnglishSieve = Callable[[str, list[tuple[str, int, int, bool]], int, IsKnown, set[str]], "EnglishFound | None"]


def _capitalised_run(text: str, tokens: list[tuple[str, int, int, bool]], i: int, is_known: IsKnown,
                     elsewhere: set[str]) -> EnglishFound | None:
    """A run of capitalised words (Detective Park, Chandler Bing): one name, or two glued together."""
    token = tokens[i][0]
    if not token[0].isupper() or not token[0].isalpha():
        return None
    j = i
    while j + 1 < len(tokens) and tokens[j + 1][0][0].isupper() and tokens[j + 1][0][0].isalpha() \
            and not tokens[j][0].endswith(("'s", "’s")):
        j += 1
    run = [_bare(t[0]).rstrip(".") for t in tokens[i: j + 1]]
    # a name the line says alone, as a call ("Joanna, this is my friend Chandler Bing Joanna"), is
    # known for the split even before the series has it (only a run of three or more is split)
    called = {name_key(_bare(t[0])) for k, t in enumerate(tokens) if not i <= k <= j and t[0][0].isupper()
              and text[t[2]:t[2] + 1] == "," and not (k + 1 < len(tokens) and tokens[k + 1][0][0].isupper())
              and not (k > 0 and tokens[k - 1][0][0].isupper())} if len(run) >= 3 else set()
    cut = _known_split(run, lambda key: is_known(key) or key in called)
    found: list[Mention] = []
    for first, last in ((i, j),) if cut is None else ((i, i + cut - 1), (i + cut, j)):
        words = run[first - i: last - i + 1]
        following = tokens[last + 1][0] if last + 1 < len(tokens) else ""
        previous = tokens[first - 1][0] if first > 0 else ""
        mention = _english_run(words, tokens[first][1], tokens[last][2], tokens[first][3],
                               (previous, following), is_known, elsewhere)
        if mention is not None:
            if mention.type == "character" or (mention.type is None and mention.evidence):
                mention.evidence = (*mention.evidence, *_reader_evidence(
                    words, tokens, first, last, text[tokens[last][2]:]))
            found.append(mention)
    return found, j + 1


def _english_thing(_text: str, tokens: list[tuple[str, int, int, bool]], i: int, _is_known: IsKnown,
                   _elsewhere: set[str]) -> EnglishFound | None:
    """An event, place or object noun after a determiner (the accident, that cafe)."""
    return _english_noun(tokens, i), i + 1


ENGLISH_SIEVES: tuple[EnglishSieve, ...] = (_capitalised_run, _english_thing)


def english_mentions(text: str, is_known: IsKnown, elsewhere: set[str]) -> list[Mention]:
    """Mentions in one English line, through `ENGLISH_SIEVES`: capitalised runs (with titles:
    Detective Park), known names, and event/place/object nouns after a determiner (the accident,
    that cafe, the notebook)."""
    tokens = english_tokens(text)
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        for sieve in ENGLISH_SIEVES:
            found = sieve(text, tokens, i, is_known, elsewhere)
            if found is not None:
                mentions.extend(found[0])
                i = found[1]
                break
    return mentions


def _known_split(run: list[str], is_known: IsKnown) -> int | None:
    """Where a run of three or more capitalised words is two names glued together ("my friend
    Chandler Bing Joanna": a caption that lost its full stop): after the longest prefix that is
    a known name (or a known first name and one more word) when the rest is a known name too.
    None when the run is one name (Frank Buffay Jr, a known full name) or two words (Monica
    Geller stays one name)."""
    if len(run) < 3 or is_known(name_key(" ".join(run))) or run[0].lower() in en.TITLES:
        return None
    for cut in range(len(run) - 1, 0, -1):
        # the first part is a known name, or a known first name and a surname (Chandler Bing)
        known_first = is_known(name_key(" ".join(run[:cut]))) or (cut == 2 and is_known(name_key(run[0])))
        if known_first and is_known(name_key(" ".join(run[cut:]))):
            return cut
    return None


def _given_name(word: str) -> bool:
    """A first name of the lexicon, and no common word or place (Pennsylvania, May, Jack-in-the-box)."""
    lowered = word.lower()
    return name_prior(word) != 0.0 and lowered not in en.STOPWORDS and lowered not in en.place_names() \
        and lowered not in en.PLACE_NAMES and lowered not in en.language_names()


def _reader_evidence(words: list[str], tokens: list[tuple[str, int, int, bool]], first: int, last: int,
                     rest: str) -> tuple[str, ...]:
    """What else tells a reader a capitalised name is a person's: "her name's Ann" / "a guy named
    Pete" (named); a first name of the lexicon (given_name; with a capitalised word after it, a
    full name), the subject of an auxiliary ("Victor can't", "Adrian's looking") or referred to
    by a pronoun of its gender later in the sentence ("Laurie Schaffer, who ... she")."""
    found: list[str] = []
    before = [t[0].lower() for t in tokens[max(0, first - 2):first]]
    if before and (before[-1] in en.NAME_INTRODUCERS or before[-2:] == ["name", "is"]):
        found.append("named")
    prior = name_prior(words[0]) if _given_name(words[0]) else 0.0
    if prior == 0.0:
        return tuple(found)
    found.append("given_name")
    if len(words) == 2:
        found.append("full_name")
    following = tokens[last + 1][0].lower() if last + 1 < len(tokens) else ""
    if following in en.SUBJECT_AUXILIARIES or tokens[last][0].endswith(("'s", "’s")):
        found.append("verb")
    sentence = re.split(r"[.!?]", rest, maxsplit=1)[0].lower()
    said = set(re.findall(r"[a-z']+", sentence))
    own, other = (en.MALE_PRONOUNS, en.FEMALE_PRONOUNS) if prior > 0 else (en.FEMALE_PRONOUNS, en.MALE_PRONOUNS)
    if said & own and not said & other:
        found.append("referred")
    return tuple(found)


def _english_evidence(at_start: bool, previous: str, following: str, talks: bool) -> tuple[str, ...]:
    """Person evidence of a capitalised name: "Hey, Ross" / "Thanks, Monica." (vocative),
    "told Ross" / "Ross said" (verb), or only its capital inside a sentence (bare)."""
    before = previous.lower()
    if following in (",", "!", "?", ".", "...") and (
            (at_start and following == ",") or before == "," or before in en.VOCATIVE_OPENERS):
        return ("vocative",)
    if before in en.FAMILY_WORDS or before in en.WORK_WORDS:  # my sister Jane, your boss Kim
        return ("bare", "kin")
    if talks or before in en.PERSON_VERBS_BEFORE or following.lower() in en.PERSON_PLACE_WORDS:
        return ("bare", "verb")
    return () if at_start else ("bare",)


def _english_run(run: list[str], start: int, end: int, at_start: bool, around: tuple[str, str],
                 is_known: IsKnown, elsewhere: set[str]) -> Mention | None:
    previous, following = around
    if len(run) > 1 and run[0].lower() in en.TITLES:
        # of titles in a row the last is the person's: "Mrs. Dr. Barry Farber" is Dr. Farber (his wife
        # would be Mrs.), and no woman
        title = [*takewhile(lambda w: w.lower() in en.TITLES, run[:-1])][-1].lower()
        name = normalise_name(" ".join(run))
        if name.lower() in en.STOPWORDS:
            return None
        return Mention(name, "character", start, end, title=title, gender=_gender_of(title), evidence=("title",))
    words = list(run)
    dropped = False
    # fillers and common nouns before a name are no part of it ("Y'know Phoebe", "Boss Man Bing")
    while words and (words[0].lower() in en.STOPWORDS or (words[0].isupper() and len(words[0]) > 1)
                     or broken_name_word(words[0]) or (len(words) > 1 and words[0].lower() in en.PERSON_NOUNS)):
        words.pop(0)
        dropped = True
    # a name ends where a word breaks off ("Pete Beck-errrr" is Pete)
    cut = next((k for k, word in enumerate(words) if broken_name_word(word)), len(words))
    words = words[:cut]
    while words and words[-1].lower() in en.STOPWORDS:
        words.pop()
    if not words:
        return None
    name = " ".join(words)
    known = is_known(name_key(name))
    if len(words) == 1 and (words[0].lower() in en.TITLES or len(words[0]) < 2) and not known:
        return None  # "Evening, Detective.": a title alone addresses someone, it names no one; "D.D.S."
    talks = following.lower() in en.NAME_FOLLOWERS or (
        following.lower() in en.SUBJECT_AUXILIARIES and _given_name(words[0]))
    # a sentence's first word is a name when it is one elsewhere (capitalised inside a sentence,
    # or a speaker) or when someone does the talking ("Daniel said ..."); being followed by a
    # comma is not enough: "Coffee, black." / "Tea, Monica dear."
    if at_start and not dropped and len(words) == 1 and not known and words[0].lower() not in elsewhere \
            and not talks:
        return None
    kind = classify_english(words)
    evidence = _english_evidence(at_start and not dropped, previous, following, talks) if kind == "character" else ()
    if known and kind == "character":
        return Mention(name, None, start, end, vocative=following == ",", evidence=evidence)
    return Mention(name, kind, start, end, vocative=kind == "character" and following == ",", evidence=evidence)


def _english_noun(tokens: list[tuple[str, int, int, bool]], i: int) -> list[Mention]:
    token, start, end, _ = tokens[i]
    word = token.lower()
    previous = tokens[i - 1][0].lower() if i > 0 else ""
    if word in en.EVENT_WORDS:
        return [Mention(word, "event", start, end)]
    if previous in en.DETERMINERS or previous.endswith(("'s", "’s")):
        if word in en.PLACE_NOUNS:
            return [Mention(word, "location", start, end)]
        if word in en.OBJECT_NOUNS:
            return [Mention(word, "object", start, end)]
    return []
