"""A person's gender from evidence a viewer has: the pronouns that referred to them, titles and
address terms (Mr./Mrs., 오빠 said *by* her, 언니 said *to* her), a role the captions label a
speaker by (WOMAN, MAN 1, SALESLADY, 여자), and, for English first names, a first-name lexicon
(`gender-guesser`). Votes add up; the lexicon is only a prior."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from explainer.text import en, ko
from explainer.text.names import pet_ending

if TYPE_CHECKING:
    from gender_guesser.detector import Detector

    from explainer.reading.person_mentions import Gender

# under the 1.0 that makes evidence sure: the lexicon alone never rules a person out of "she"
# (Adrian, a woman of the play in Friends s03e20, is a man's name to it)
_LEXICON_WEIGHT = {"male": 0.9, "mostly_male": 0.6, "female": -0.9, "mostly_female": -0.6}
# the end of a compound role word that says the person's sex (saleslady, policewoman, schoolgirl)
_ROLE_ENDINGS = (("woman", "f"), ("lady", "f"), ("girl", "f"), ("boy", "m"), ("guy", "m"))
_DETECTOR: Detector | None = None
_LOCK = threading.Lock()


def _detector() -> Detector:
    global _DETECTOR
    with _LOCK:
        if _DETECTOR is None:
            from gender_guesser.detector import Detector  # reads its name table (~0.2 s): on first use only

            _DETECTOR = Detector(case_sensitive=False)
        return _DETECTOR


@lru_cache(maxsize=4096)
def name_prior(name: str) -> float:
    """+1 a man's name, -1 a woman's, 0 unknown: titles first (Mr. Geller), then the first name."""
    words = [w.strip(".,").lower() for w in name.split()]
    if not words:
        return 0.0
    for word in words:
        if word in en.MALE_WORDS or word in ko.MALE_WORDS:
            return 1.0
        if word in en.FEMALE_WORDS or word in ko.FEMALE_WORDS:
            return -1.0
        # a role the captions label a speaker by: WOMAN, MAN 1, LITTLE GIRL, SALESLADY, 여자
        sex = en.GENDER_NOUNS.get(word) or ko.GENDERED_NOUNS.get(word) or next(
            (g for noun, g in _ROLE_ENDINGS if word.endswith(noun) and len(word) > len(noun) + 2), None)
        if sex is not None:
            return 1.0 if sex == "m" else -1.0
    first = words[0]
    if not first.isascii() or not first.isalpha():
        return 0.0
    return _LEXICON_WEIGHT.get(_detector().get_gender(first.capitalize()), 0.0)


def is_pet_form(pet: str, name: str) -> bool:
    """Rossy of Ross (Geller): the first name with a pet ending, where the first-name lexicon knows
    the name and not the pet form. Joey of Joe is a name of its own and no pet form."""
    first = name.split(" ")[0]
    return pet_ending(pet, name) and name_prior(pet.strip()) == 0.0 and name_prior(first) != 0.0


class GenderEvidence:
    """Votes per person: + for male, - for female."""

    def __init__(self) -> None:
        self._votes: dict[str, float] = {}
        self._priors: dict[str, float] = {}

    def prior(self, entity_id: str, name: str) -> None:
        self._priors[entity_id] = name_prior(name)

    def vote(self, entity_id: str, gender: Gender | None, weight: float = 1.0) -> None:
        if gender is not None:
            self._votes[entity_id] = self._votes.get(entity_id, 0.0) + (weight if gender == "m" else -weight)

    def rules_out(self, entity_id: str, gender: Gender) -> bool:
        """Whether the person cannot be of `gender`: sure evidence of the other (the lexicon may
        add to it), or any vote of the dialogue for the other (오빠 said by her, "she" resolved to
        her with confidence) that nothing speaks against. The lexicon alone never rules out."""
        votes = self._votes.get(entity_id, 0.0)
        other, sure = self.of(entity_id)
        if other is not None and other != gender and sure >= 0.5:
            return True
        against = votes if gender == "f" else -votes
        return against >= 0.5 and against + (self._priors.get(entity_id, 0.0) * (1 if gender == "f" else -1)) > 0

    def lexicon(self, entity_id: str) -> float:
        """The prior of the person's name alone (titles, the first-name lexicon): +1 male, -1 female."""
        return self._priors.get(entity_id, 0.0)

    def of(self, entity_id: str) -> tuple[Gender | None, float]:
        """The gender and how sure (0..1) the evidence is of it."""
        score = self._votes.get(entity_id, 0.0) + self._priors.get(entity_id, 0.0)
        if abs(score) < 0.5:
            return None, 0.0
        return ("m" if score > 0 else "f"), min(1.0, abs(score) / 2)
