"""The mention finders are ordered sieves: each reads a word and finds a kind of mention or leaves
the word to the next; the first that finds something wins."""

from __future__ import annotations

import pytest

from explainer.core.settings import Settings
from explainer.llm.offline import OfflineProvider
from explainer.reading import mentions as m


@pytest.fixture(scope="module")
def provider() -> OfflineProvider:
    return OfflineProvider(Settings(embedding_dim=256))


def _words(provider: OfflineProvider, text: str) -> list[m._Word]:
    return m._words(text, provider.tokenize([text])[0])


def _nobody(_key: str) -> bool:
    return False


def test_each_korean_sieve_finds_its_own_kind_and_leaves_the_rest(provider: OfflineProvider) -> None:
    cases = [  # (line, word index, the sieve that takes it, the name it finds)
        ("한미소 대리님 오셨어요", 0, m._titled_name_apart, "한미소"),
        ("김비서가 왔어요", 0, m._titled_name_joined, "김비서"),
        ("한지훈이라는 분이 왔어", 0, m._introduced, "한지훈"),
        ("민수야, 밥 먹자", 0, m._called, "민수"),
    ]
    for text, index, sieve, name in cases:
        words = _words(provider, text)
        taking = next(s for s in m.KOREAN_SIEVES if s(words, index, _nobody) is not None)
        assert taking is sieve, (text, taking.__name__)
        found = sieve(words, index, _nobody)
        assert found is not None and found[0][0].name == name
        # the sieves before it leave the word alone
        assert all(s(words, index, _nobody) is None for s in m.KOREAN_SIEVES[:m.KOREAN_SIEVES.index(sieve)])
    # a known name the morphology does not tag is found by the known-name sieve, after the others
    words = _words(provider, "덕선이 어디 갔어?")
    found = m._known_name(words, 0, lambda key: key == "덕선")
    assert found is not None and found[0][0].name == "덕선" and found[0][0].type is None
    # the last sieve always answers: a thing or nothing
    assert m._things(_words(provider, "교통사고 났대"), 0, _nobody) is not None


def test_the_english_sieves_read_runs_and_nouns() -> None:
    found = m.english_mentions("Detective Park saw the accident near Central Perk.", _nobody, set())
    assert [(x.name, x.type) for x in found][:1] == [("Park", "character")]
    assert ("accident", "event") in [(x.name, x.type) for x in found]
    assert m._capitalised_run("the cafe", m.english_tokens("the cafe"), 0, _nobody, set()) is None


def test_of_titles_in_a_row_the_last_is_the_persons() -> None:
    # Mindy would be Mrs. Dr. Barry Farber: he is Dr. Farber, and no woman
    [barry] = m.english_mentions("I still wanna be Mrs. Dr. Barry Farber, D.D.S.", _nobody, set())
    assert (barry.name, barry.title, barry.gender) == ("Barry Farber", "dr", None)
    [geller] = m.english_mentions("Mrs. Geller called.", _nobody, set())
    assert (geller.title, geller.gender) == ("mrs", "f")
