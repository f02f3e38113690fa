"""What differs between the languages the reader reads, behind one interface (the way coreferee
keeps `lang/<code>/` rules apart from its algorithm): `rules_for("ko")` / `rules_for("en")`.

The word lists stay in `explainer.text.ko` / `explainer.text.en` (one lexicon per language);
these modules hold the rules built on them: how mentions are found, which patterns mark a
referring expression or a relation, how a line introduces or renames someone, what an address
says about gender. The algorithms (`analysis`, `resolver`, `expressions`) ask the rules and
never test the language themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from explainer.reading.lang.en import ENGLISH
from explainer.reading.lang.ko import KOREAN
from explainer.text.names import Language

if TYPE_CHECKING:
    from explainer.reading.mentions import IsKnown, Mention, Token
    from explainer.reading.names import NameTable
    from explainer.reading.person_mentions import AddMention, Gender, PersonMention

Vote = Callable[[str, "Gender | None", float], None]


class LanguageRules(Protocol):
    code: Language
    # --- analysis of a batch -----------------------------------------------------------------
    morphemes: bool  # the lines are read as morphemes (the tokenizer is asked for them)
    reference_patterns: tuple[tuple[str, re.Pattern[str]], ...]  # person, place, event, object
    relation_of: re.Pattern[str]  # 미소의 오빠 민준 / Jane's brother Tom
    relation_my: re.Pattern[str]  # 우리 오빠 민준 / my boss Kim
    long_word: int  # a word at least this long counts as rare (a segment's complexity)
    line_length_unit: float  # the length of an ordinary line (letters / words)

    def mentions(self, text: str, tokens: list[Token], is_known: IsKnown, elsewhere: set[str]) -> list[Mention]:
        """The entity mentions of a line."""
        ...

    def line_words(self, text: str, tokens: list[Token]) -> tuple[int, list[str]]:
        """A line's length and its content words (a segment's topics)."""
        ...

    # --- referring expressions of a selected line ----------------------------------------------
    referring_pattern: re.Pattern[str]  # one group x<i> per row of the lexicon's REFERRING_EXPRESSIONS
    referring_kinds: tuple[str, ...]  # the kind of each row

    # --- person mentions of a line (`person_mentions`) -------------------------------------------
    third_person: tuple[tuple[re.Pattern[str], Gender | None, bool], ...]  # (pattern, gender, plural)

    def person_words(self, text: str, names: NameTable, add: AddMention, descriptions: bool) -> None:
        """Every other person word of a line (I/나, you/너, known names, mom/엄마), given to `add`;
        with `descriptions`, demonstrative descriptions of someone too (그 잘생긴 비서)."""
        ...

    # --- the dialogue resolver -----------------------------------------------------------------
    answer_words: frozenset[str]  # a reply that shows who was called (네? / yeah?)
    echo_questions: bool  # a name after a pronoun in its line is someone else (걔? 민우한테 …)
    clause_roles: bool  # subject / object of a pronoun's clause count
    bare_pronoun_renamed: bool  # a bare he/she may be renamed by a name in its line
    renaming_endings: tuple[str, ...]  # endings glued to a name that renames (진영서라니)
    impostor_words: frozenset[str]  # before a name, someone else (그 가짜 진영서, "Fake Monica")

    def names_a_day(self, name: str) -> bool:
        """A stored "character" that is a day (생일날, 그날): nobody to refer to."""
        ...

    def introduces_self(self, text: str, mention: PersonMention) -> bool:
        """The name is the speaker's own ("저는 한지훈입니다", "I'm Ross.")."""
        ...

    def renames(self, text: str, name: PersonMention, mention: PersonMention) -> bool:
        """`name` renames `mention` in its line ("한지훈이라는 사람", "a guy named Pete")."""
        ...

    def learn_from_address(self, words: set[str], speaker: str | None, addressee: str | None,
                           vote: Vote) -> None:
        """Gender votes from how the line addresses someone (오빠 said by her, "Yes, sir")."""
        ...

    def stated_gender(self, text: str, name: PersonMention) -> Gender | None:
        """The gender the line states a named person to be ("Sidney's a woman", 민우는 남자야)."""
        ...

    def possessor_in_predicate(self, text: str, name: PersonMention, mention: PersonMention) -> bool:
        """`mention` possesses a relation noun in the predicate of the clause `name` is the subject
        of ("Pete is his brother's friend", 서도윤 씨는 오빠 친구야): then it is someone else."""
        ...

    # --- explain ---------------------------------------------------------------------------------
    def may_call_back(self, mention: PersonMention) -> bool:
        """A singular third-person mention nobody of the scene fits may point at someone of an
        earlier scene (그 남자, "the guy"); a bare pronoun (걔, he) is someone of the scene."""
        ...


def rules_for(language: str) -> LanguageRules:
    """The rules of a language code ("ko", "ko-KR", "en", …); anything not Korean reads as English."""
    return KOREAN if language.startswith("ko") else ENGLISH


__all__ = ["LanguageRules", "Vote", "rules_for"]
