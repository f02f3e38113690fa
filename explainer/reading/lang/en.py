"""English rules of the reader (the words themselves are in `explainer.text.en`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from explainer.reading.mentions import english_mentions, english_tokens
from explainer.reading.person_mentions import PersonMention, as_gender
from explainer.text import en
from explainer.text.names import Language

if TYPE_CHECKING:
    from explainer.reading.lang import Vote
    from explainer.reading.mentions import IsKnown, Mention, Token
    from explainer.reading.names import NameTable
    from explainer.reading.person_mentions import AddMention, Gender

_RELATION_WORDS = "|".join(sorted(en.FAMILY_WORDS | en.WORK_WORDS, key=lambda w: (-len(w), w)))
# "Pete is", "Pete's", "Pete was just": a name opening a copula, nothing else before the mention
_COPULA_AFTER_NAME = re.compile(r"^[\w.' -]*?(?:['’]s|\s+(?:is|was|isn['’]t|wasn['’]t))\s+"
                                r"(?:(?:just|only|really|also|still|not)\s+)*(?:(?:a|an|the|that|this|your|my)\s+)?$",
                                re.I)
_POSSESSED_RELATION = re.compile(r"^(?:['’]s)?\s+(?:(?:best|old|new|little|big|older|younger|ex-?)\s+)?(?:"
                                 + "|".join(sorted(en.RELATION_NOUNS, key=lambda w: (-len(w), w))) + r")s?\b", re.I)


_EN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
# a name after an opener (en.CALL_OPENERS), and before a comma or the end, is called: "So Joey, why …",
# "Thank you, Chandler, …", "Come on Ross!"
_VOCATIVE_BEFORE = re.compile(r"(?:^|[.!?]\s*|\b(?:" + "|".join(o.replace(" ", r"\s+") for o in en.CALL_OPENERS)
                              + r")[,!]?\s+)$", re.I)
_VOCATIVE_AFTER = re.compile(r"^\s*[,!?]|^\s*\.\s*$|^\s*$")
# after a comma, a name is a vocative when its sentence ends there ("Read it, Owen."); between
# commas mid-sentence it is an apposition ("my boss, Joanna, when you left, she ...")
_SENTENCE_END = re.compile(r"^\s*(?:[.!?]|$)")
_BARE_DESCRIPTIONS = frozenset({"mom", "mum", "dad", "mommy", "daddy", "grandma", "grandpa"})


def _english_words(text: str, names: NameTable, add: AddMention) -> None:
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
            add(PersonMention(text[start:end], start, end, "description", as_gender(en.PERSON_NOUNS[lowered])))


def _is_vocative(text: str, start: int, end: int) -> bool:
    return bool(_VOCATIVE_BEFORE.search(text[:start]) and _VOCATIVE_AFTER.match(text[end:])) or \
        bool(re.search(r",\s*$", text[:start]) and _SENTENCE_END.match(text[end:]))


class EnglishRules:
    code: Language = "en"
    # he/she/him/her, "that guy", they: (pattern, gender, plural)
    third_person = tuple((re.compile(rf"\b(?:{p})\b", re.IGNORECASE), as_gender(g), plural)
                         for p, kind, g, plural in en.REFERRING_EXPRESSIONS if kind == "character")

    morphemes = False
    reference_patterns: tuple[tuple[str, re.Pattern[str]], ...] = (
        ("person", re.compile(en.PERSON_REFS, re.IGNORECASE)),
        ("place", re.compile(en.PLACE_REFS, re.IGNORECASE)),
        ("event", re.compile(en.EVENT_REFS, re.IGNORECASE)),
        ("object", re.compile(en.OBJECT_REFS, re.IGNORECASE)),
    )
    relation_of = re.compile(rf"\b([A-Z][a-z]+)['’]s\s+({_RELATION_WORDS}),?\s+([A-Z][a-z]+)")
    relation_my = re.compile(rf"\b(?i:my|our)\s+({_RELATION_WORDS}),?\s+([A-Z][a-z]+)")
    long_word = 8
    line_length_unit = 5.0

    referring_pattern = re.compile(
        r"\b(?:" + "|".join(f"(?P<x{i}>{p})" for i, (p, *_) in enumerate(en.REFERRING_EXPRESSIONS)) + r")\b",
        re.IGNORECASE)
    referring_kinds: tuple[str, ...] = tuple(kind for _, kind, *_ in en.REFERRING_EXPRESSIONS)

    answer_words: frozenset[str] = en.ANSWER_WORDS
    echo_questions = False
    clause_roles = True
    # a bare he/she is whoever the scene last talked about; recency reads it
    bare_pronoun_renamed = False
    renaming_endings: tuple[str, ...] = ()
    impostor_words: frozenset[str] = en.IMPOSTOR_WORDS

    def mentions(self, text: str, tokens: list[Token], is_known: IsKnown, elsewhere: set[str]) -> list[Mention]:  # noqa: ARG002 (the protocol's)
        return english_mentions(text, is_known, elsewhere)

    def line_words(self, text: str, tokens: list[Token]) -> tuple[int, list[str]]:  # noqa: ARG002 (the protocol's)
        found = english_tokens(text)
        words: list[str] = []
        for token, _, _, at_start in found:
            word = token.lower()
            if not token[0].isalpha() or (token[0].isupper() and not at_start):
                continue
            if len(word) < 4 or word in en.STOPWORDS or word in en.COMMON_WORDS or "'" in word \
                    or "’" in word or word.endswith("ly"):
                continue
            if word.endswith(("ed", "ing")) and word not in en.EVENT_WORDS and word not in en.PLACE_NOUNS:
                continue
            if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
                word = word[:-1]
            words.append(word)
        return sum(1 for t in found if t[0][0].isalpha()), words

    def names_a_day(self, name: str) -> bool:  # noqa: ARG002 (the protocol's)
        return False

    def introduces_self(self, text: str, mention: PersonMention) -> bool:
        """"I'm Ross." / "My name is Ann"."""
        before = " ".join(text[:mention.start].lower().split())
        after = text[mention.end:]
        opens = any(before == w or before.endswith((" " + w, "." + w, "," + w, "!" + w)) for w in en.SELF_INTRODUCERS)
        return opens and bool(re.match(r"\s*(?:[.!,?]|$)", after))

    def renames(self, text: str, name: PersonMention, mention: PersonMention) -> bool:  # noqa: ARG002 (the protocol's)
        """"a guy named Pete", "his name is Pete"."""
        before = text[:name.start].lower().split()
        return bool(before) and (before[-1] in en.NAME_INTRODUCERS or before[-2:] == ["name", "is"])

    def learn_from_address(self, words: set[str], speaker: str | None, addressee: str | None,  # noqa: ARG002
                           vote: Vote) -> None:
        """"Yes, sir": a man is addressed."""
        if addressee is not None:
            if words & en.ADDRESS_MALE:
                vote(addressee, "m", 0.3)
            if words & en.ADDRESS_FEMALE:
                vote(addressee, "f", 0.3)

    def stated_gender(self, text: str, name: PersonMention) -> Gender | None:
        """"Sidney's a woman", "Pat is a guy"; not "Pat isn't a woman", "a woman's name", "Monica's my dad"."""
        bare = re.sub(r"['’]s$", "", name.text)
        match = en.GENDER_STATEMENT.match(text[name.start + len(bare):])
        gender = en.GENDER_NOUNS.get(match.group("noun").lower()) if match else None
        return "m" if gender == "m" else "f" if gender == "f" else None

    def may_call_back(self, mention: PersonMention) -> bool:
        """"the guy", "that woman" may; a bare he/she is someone of the scene."""
        return mention.kind == "description" or " " in mention.text.strip()

    def possessor_in_predicate(self, text: str, name: PersonMention, mention: PersonMention) -> bool:
        """"Pete is your brother's friend", "Pete's his buddy": a copula after the subject's name,
        then the mention as the possessor of a relation noun."""
        if name.end > mention.start or not _COPULA_AFTER_NAME.match(name.text + text[name.end:mention.start]):
            return False
        return bool(_POSSESSED_RELATION.match(text[mention.end:])) and (
            mention.text.lower() in ("his", "her") or bool(re.match(r"['’]s\b", text[mention.end:])))

    def person_words(self, text: str, names: NameTable, add: AddMention, descriptions: bool) -> None:  # noqa: ARG002 (the protocol's)
        """I/me, you, names of known people (called or talked about), mom, "the guy"."""
        _english_words(text, names, add)


ENGLISH = EnglishRules()
