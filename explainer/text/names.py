"""Language-aware text helpers: language detection, Korean particles and honorifics, name keys.

Names in subtitles come dressed: 미소가, 미소야, 미소 씨, 김 비서님, Detective Park's. These
helpers take the dress off so that every form of one name lands on the same lookup keys. They
are used by the offline analysis, by the graph's entity resolution and by explain's fulltext
lookup, so they must stay deterministic and cheap (no morphological analyser here).

Korean particles have allomorphs chosen by the last syllable (가 after a vowel, 이 after a
consonant; 야/아, 는/은, 를/을, 와/과, 로/으로 ...). Checking that choice is what keeps name
syllables safe: 미아 is not 미 + vocative 아 (아 only follows a consonant), 지은 is not 지 + 은.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from explainer.text import en, ko
from explainer.text.ko import HONORIFICS, NON_PERSON_ENDINGS, TITLES

Language = Literal["ko", "en"]

_HANGUL_FIRST = 0xAC00
_HANGUL_LAST = 0xD7A3


def is_hangul_syllable(char: str) -> bool:
    return _HANGUL_FIRST <= ord(char) <= _HANGUL_LAST


def _is_hangul(char: str) -> bool:
    code = ord(char)
    return (_HANGUL_FIRST <= code <= _HANGUL_LAST or 0x1100 <= code <= 0x11FF
            or 0x3130 <= code <= 0x318F)


def is_hangul_word(word: str) -> bool:
    return bool(word) and all(is_hangul_syllable(c) for c in word)


def detect_language(text: str) -> Language:
    """"ko" when Hangul makes up at least 30% of the letters, else "en" (also for no letters)."""
    hangul = letters = 0
    for char in text:
        if _is_hangul(char):
            hangul += 1
            letters += 1
        elif char.isalpha():
            letters += 1
    return "ko" if letters and hangul / letters >= 0.3 else "en"


def final_consonant(syllable: str) -> int:
    """Index of the final consonant (받침) of a Hangul syllable: 0 none, 8 ㄹ; -1 not Hangul."""
    if not syllable or not is_hangul_syllable(syllable[-1]):
        return -1
    return (ord(syllable[-1]) - _HANGUL_FIRST) % 28


_RIEUL = 8

_PARTICLE_SET = frozenset(p for p, _, _ in ko.PARTICLES)
# by last syllable, longest first, so a word is only checked against particles it could end with
_PARTICLES_BY_LAST: dict[str, list[tuple[str, str | None, int]]] = {}
for _entry in sorted(ko.PARTICLES, key=lambda entry: -len(entry[0])):
    _PARTICLES_BY_LAST.setdefault(_entry[0][-1], []).append(_entry)


def _allomorph_fits(stem: str, cond: str | None) -> bool:
    final = final_consonant(stem)
    if final < 0:
        return False
    if cond is None:
        return True
    if cond == "V":
        return final == 0
    if cond == "C":
        return final > 0
    if cond == "R":
        return final in (0, _RIEUL)
    return final > 0 and final != _RIEUL  # "C-R"


def _strip_one(word: str, *, nickname_only: bool = False) -> str:
    for particle, cond, min_stem in _PARTICLES_BY_LAST.get(word[-1], ()):
        if nickname_only and particle != "이":
            continue
        if len(word) - len(particle) < min_stem or not word.endswith(particle):
            continue
        stem = word[: -len(particle)]
        if _allomorph_fits(stem, cond):
            return stem
    return word


@lru_cache(maxsize=65536)
def strip_particles(word: str) -> str:
    """Remove trailing Korean particles from one word: 미소가 → 미소, 민준이한테 → 민준.

    The allomorph and stem-length rules keep name syllables: 미소, 미아, 지은, 민도 and a bare
    particle like 한테 come back unchanged. After a particle, the nickname suffix 이 of a name
    ending in a consonant goes too (민준이가 → 민준). Latin words lose a possessive 's.
    Words that are not Hangul at the end come back unchanged (apart from the possessive).
    """
    word = word.strip()
    if not word:
        return word
    if word[-1].isascii():
        return re.sub(r"['’]s$", "", word) if len(word) > 2 else word
    if not is_hangul_syllable(word[-1]):
        return word
    stripped = _strip_one(word)
    if stripped != word and stripped.endswith("이") and len(stripped) >= 3:
        stripped = _strip_one(stripped, nickname_only=True)
    return stripped


# --- honorifics and titles -------------------------------------------------------------------

# A word ending like this is not a bare name (선생님, 민준오빠), so it has no given name.
_LONG_HONORIFICS = ("님", "씨", *(h for h in HONORIFICS if len(h) > 1))
# One-syllable honorifics that may stick to a name without a space (미소씨); the others
# (형, 양, 군) only count after a space, else 김민형 would lose a syllable.
_ATTACHABLE_SHORT = frozenset({"씨", "님"})

_TITLE_SET = frozenset(TITLES)
_TITLES_BY_LAST: dict[str, list[str]] = {}
for _title in TITLES:  # already longest first
    _TITLES_BY_LAST.setdefault(_title[-1], []).append(_title)

COMPOUND_SURNAMES: frozenset[str] = frozenset(s for s in ko.SURNAMES if len(s) == 2)

# Lookalikes that end a compound too (말솜씨, 김아저씨, 민준어머님: eloquence, uncle Kim, 민준's
# mother, never 말솜 씨); the address words among them (형님, 선생님) still come off a name.
_COMPOUND_LOOKALIKES: tuple[str, ...] = tuple(sorted(
    (w for w in ko.HONORIFIC_LOOKALIKES if w not in HONORIFICS), key=lambda w: (-len(w), w)))


def ends_like_a_word(text: str) -> bool:
    """Whether a name's last word is, or ends with, a word that only looks like an honorific:
    아저씨, 날씨, 말솜씨 keep their 씨, 하나님 and 손님 their 님."""
    return text.split(" ")[-1].endswith(_COMPOUND_LOOKALIKES)


def _split_title(compact: str) -> tuple[str, str] | None:
    """`김비서` → ("김", "비서"); None when the word does not end with a known title."""
    if not compact:
        return None
    for title in _TITLES_BY_LAST.get(compact[-1], ()):
        if compact.endswith(title):
            return compact[: -len(title)], title
    return None


@lru_cache(maxsize=65536)
def strip_honorifics(name: str) -> str:
    """Remove address honorifics and titles from a name.

    미소 씨 → 미소, 민준 오빠 → 민준, 한미소 대리님 → 한미소, 김 비서님 → 김비서 (a surname plus a
    title is how a character is called, so it stays as one title-name), 팀장님 → 팀장,
    Detective Park → Park. Words that only look like honorifics (아저씨, 날씨) are kept.
    """
    text = " ".join(name.split())
    if not text:
        return text
    if text[0].isascii():
        return _strip_english_title(text)
    if text.replace(" ", "") in ko.HONORIFIC_LOOKALIKES:
        return text.replace(" ", "")
    if ends_like_a_word(text):
        return text
    changed = True
    while changed:
        changed = False
        for honorific in HONORIFICS:
            if text == honorific or not text.endswith(honorific):
                continue
            rest = text[: -len(honorific)]
            spaced = rest.endswith(" ")
            rest = rest.rstrip()
            if not spaced and len(honorific) == 1 and honorific not in _ATTACHABLE_SHORT:
                continue
            if not spaced and len(rest) < 2:  # 형님, 누님: a word, not 형 + 님
                continue
            text = rest
            changed = True
            break
    parts = text.split(" ")
    compact = "".join(parts)
    split = _split_title(compact)
    if split is None:
        return text
    prefix, title = split
    if not prefix:
        return title
    # one syllable before a title is a surname, rare ones included (계 차장 → 계차장, never 계)
    if prefix in ko.SURNAMES or (len(prefix) == 1 and is_hangul_syllable(prefix)):
        return prefix + title
    spaced_title = len(parts) > 1 and parts[-1] == title
    if spaced_title or name.rstrip().endswith("님"):
        return " ".join(parts[:-1]) if spaced_title else prefix
    return text


def _strip_english_title(text: str) -> str:
    tokens = text.split(" ")
    while len(tokens) > 1 and tokens[0].rstrip(".").lower() in en.TITLES:
        tokens = tokens[1:]
    return " ".join(tokens)


def title_of(name: str) -> str | None:
    """The honorific or title a name is dressed with, if any.

    한미소 대리님 → 대리, 미소 씨 → 씨, 김비서 → 비서 (the title of a title-name), Detective Park →
    detective; None for a bare name.
    """
    text = " ".join(name.split())
    if not text:
        return None
    if text[0].isascii():
        first = text.split(" ")[0].rstrip(".").lower()
        return first if first in en.TITLES and " " in text else None
    compact = text.replace(" ", "")
    stripped = strip_honorifics(text).replace(" ", "")
    split = _split_title(stripped)
    if split is not None and (not split[0] or split[0] in ko.SURNAMES):
        return split[1]
    if stripped != compact and compact.startswith(stripped):
        rest = compact[len(stripped):]
        bare = rest[:-1] if rest.endswith("님") and len(rest) > 1 else rest
        return bare if bare in _TITLE_SET or bare in HONORIFICS else rest
    return None


# --- names -----------------------------------------------------------------------------------

_EDGE_PUNCT = "\"'“”‘’`.,!?;:()[]{}<>「」『』《》〈〉…·-–—~*"


@lru_cache(maxsize=65536)
def normalise_name(text: str) -> str:
    """One canonical spelling of a mention: particles and honorifics off, whitespace collapsed.

    Hangul names lose inner spaces (김 비서님이 → 김비서, 한 미소 → 한미소); Latin names keep
    single spaces and their case (Detective Park's → Park).
    """
    text = unicodedata.normalize("NFC", text)
    words = [w.strip(_EDGE_PUNCT) for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return ""
    words[-1] = strip_particles(words[-1])
    stripped = strip_honorifics(" ".join(words))
    if not stripped:
        return ""
    if all(is_hangul_syllable(c) or c == " " for c in stripped):
        return stripped.replace(" ", "")
    return stripped


def given_name(name: str) -> str | None:
    """The given name of a Korean full name: 한미소 → 미소, 남궁민수 → 민수; else None.

    A full name is a known surname followed by a two-syllable given name, and does not end
    like a place or an event (강남역 is not a person).
    """
    if (not is_hangul_word(name) or name.endswith(NON_PERSON_ENDINGS) or _split_title(name)
            or ends_like_a_word(name) or name.endswith(_LONG_HONORIFICS)):
        return None
    if len(name) == 3 and name[0] in ko.SURNAMES:
        return name[1:]
    if len(name) == 4 and name[:2] in COMPOUND_SURNAMES:
        return name[2:]
    return None


def name_key(text: str) -> str:
    """The primary lookup key of one mention: its normalised form, lower-case, no spaces."""
    return normalise_name(text).lower().replace(" ", "")


def name_keys(name: str) -> set[str]:
    """Every key a mention of `name` may be looked up by.

    Korean full names also give their given name (한미소 → {한미소, 미소}); Latin names of two
    or more words give their first and last word too (Jane Doe → {janedoe, jane, doe}). Match a
    mention to an entity when the mention's primary key (`name_key`) is among the entity's keys
    (from its name and aliases), or the other way round: 미소 finds 한미소, but 김미소 does not
    find 한미소. A title-name (한대리) finds a person only through a known alias.
    """
    return set(_name_keys(name))


@lru_cache(maxsize=65536)
def _name_keys(name: str) -> frozenset[str]:
    base = normalise_name(name)
    if not base:
        return frozenset()
    keys = {base.lower().replace(" ", "")}
    given = given_name(base)
    if given:
        keys.add(given)
    words = base.split(" ")
    if len(words) > 1 and base.isascii():
        keys.add(words[0].lower())
        keys.add(words[-1].lower())
    return frozenset(keys)


def fullness(name: str) -> int:
    """How complete a person's name is: a full name (한미소, Jane Doe) 3 > a plain name (미소,
    Jane) 2 > a title-name (김비서) or a bare title 1."""
    if given_name(name) is not None or (name.isascii() and " " in name.strip()):
        return 3
    split = _split_title(name)
    if split is not None and (not split[0] or split[0] in ko.SURNAMES or len(split[0]) == 1):
        return 1
    return 2


def cuts_short(short: str, name: str) -> bool:
    """Whether `short` is the first name of `name` cut short (Rach / Rachel, Pete / Peter Becker)."""
    alias, first = short.strip().lower(), name.split(" ")[0].lower()
    stem = alias[: max(3, len(alias) - 1)]
    return bool(alias) and " " not in alias and len(first) > len(stem) and first.startswith(stem) and first != alias


_PET_ENDINGS = ("y", "ie", "ey", "sy", "sie", "s")


def pet_ending(pet: str, name: str) -> bool:
    """Whether `pet` is the first name of `name` with a pet ending (Rossy / Ross Geller, Joey /
    Joe): whether it is a pet form or a name of its own is the first-name lexicon's to say."""
    first, word = name.split(" ")[0].lower(), pet.strip().lower()
    return len(first) >= 3 and " " not in word and any(word == first + e for e in _PET_ENDINGS)


_STUTTER = re.compile(r"([a-z])\1\1|-$", re.IGNORECASE)
_CONTRACTION = re.compile(r"^[A-Za-z]+['’][a-z]+$")


def broken_name_word(word: str) -> bool:
    """A capitalised word that is no part of a name a viewer would recognise: a stutter or a word
    cut off ("Beck-errrr", "Ch-"), a contraction ("Y'know", "C'mon"; not O'Brien, nor the
    possessive Ross's)."""
    return bool(_STUTTER.search(word)) or (bool(_CONTRACTION.match(word)) and not re.search(r"['’]s$", word))


def short_given_name(name: str) -> str | None:
    """The one-syllable given name of a two-syllable name that starts with a surname (최택 → 택),
    else None. Many ordinary words look like this (이제, 정말), so it only ever joins a name to a
    person already shown to be one (see the offline analysis' alias joining)."""
    if is_hangul_word(name) and len(name) == 2 and name[0] in ko.SURNAMES and not name.endswith(NON_PERSON_ENDINGS):
        return name[1]
    return None


def adds_surname(full: str, short: str) -> bool:
    """Whether `full` is `short` with a surname before it (최택 / 택, 한미소 / 미소)."""
    full, short = full.replace(" ", ""), short.replace(" ", "")
    return is_hangul_word(short) and len(full) > len(short) and full.endswith(short) \
        and full[: len(full) - len(short)] in ko.SURNAMES


def is_particle(word: str) -> bool:
    return word in _PARTICLE_SET


def with_particle(word: str, pair: str) -> str:
    """Attach the right allomorph of a Korean particle: with_particle("미소", "이/가") → 미소가.

    `pair` is "consonant form/vowel form" (이/가, 은/는, 을/를, 과/와, 아/야, 으로/로, 이라/라).
    Words not ending in Hangul (Jane) get the "(consonant)vowel" spelling: Jane이(가).
    """
    after_consonant, after_vowel = pair.split("/")
    final = final_consonant(word)
    if final < 0:
        return f"{word}{after_consonant}({after_vowel})"
    if pair == "으로/로":
        return word + ("로" if final in (0, _RIEUL) else "으로")
    return word + (after_consonant if final > 0 else after_vowel)




def is_generic_speaker(label: str) -> bool:
    """True for a role label (MAN, 여자, 남학생, NARRATOR, MAN 2) rather than a character's name."""
    base = re.sub(r"[\s#]*\d+$", "", label.strip()).strip().lower()
    # a bare job title ((감독1), [비서]) names a role; a surname before it (김비서) names a person; a
    # plural in 들 of a role is a group of it (점원들, 학생들)
    forms = {base, base.removesuffix("들") if len(base) > 2 else base}
    return any(b in ko.GENERIC_SPEAKERS or b in en.GENERIC_SPEAKERS or b in _TITLE_SET
               or b.removesuffix("님") in _TITLE_SET for b in forms)


def names_no_one(label: str) -> bool:
    """A caption label or name that is a place or a language ([한국어], (스페인), SPANISH), never
    a person."""
    name = normalise_name(label)
    if not name:
        return True
    lowered = name.lower()
    return ko.is_place_name(name) or ko.is_language_name(name) or lowered in en.place_names() \
        or lowered in en.language_names()


def is_person_label(label: str | None) -> bool:
    """Whether a speaker label names a character: not empty, not a role (남학생, MAN), not a
    place or a language ([한국어])."""
    return bool(label and label.strip()) and not is_generic_speaker(label or "") and not names_no_one(label or "")


_SENTENCE_END = re.compile(r"(?<=[.!?…。])\s+|\n+")


def excerpt(text: str, focus: list[str] | tuple[str, ...] = (), limit: int = 90) -> str:
    """The part of a scene worth quoting: the sentences around the first one that names a focus
    word (a character's name, say), kept under `limit` characters; else the scene's opening."""
    sentences = [s.strip() for s in _SENTENCE_END.split(" ".join(text.split(" "))) if s.strip()]
    if not sentences:
        return ""
    keys = [f.lower() for f in focus if f]
    hit = next((i for i, s in enumerate(sentences) if any(k in s.lower() for k in keys)), 0)
    chosen = sentences[hit]
    for before, after in ((hit - 1, hit + 1), (hit - 2, hit + 2)):
        wider = " ".join(sentences[max(before, 0):after + 1])
        if len(wider) <= limit:
            chosen = wider
    if len(chosen) > limit:
        chosen = chosen[:limit].rstrip() + "…"
    return chosen


def is_time_noun(word: str) -> bool:
    """A day or date word (생일날, 그날, 기념일, 월요일): a time, never a person's name."""
    compact = word.replace(" ", "")
    return any(compact.endswith(e) for e in ko.TIME_NOUN_ENDINGS)
