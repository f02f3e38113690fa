"""Pure parts of explain: referring expressions, text normalisation, echoes, cache keys, the
answer's reference check."""

from __future__ import annotations

from explainer.explain import cache
from explainer.explain.answer import Anchor, checked_references
from explainer.explain.context import ECHO_SIMILARITY, Bound, _text_keys, named_in, normalise_text, similarity
from explainer.llm.base import DraftReference
from explainer.reading.expressions import find_expressions, same_expression


def kinds(text: str, language: str) -> list[tuple[str, str]]:
    return [(e.text, e.kind) for e in find_expressions(text, language)]


def test_korean_referring_expressions() -> None:
    assert kinds("그때 그 사람이었어.", "ko") == [("그때", "event"), ("그 사람", "character")]
    assert kinds("거기서 그거 봤어? 걔가 줬대.", "ko") == [("거기", "location"), ("그거", "object"),
                                                      ("걔", "character")]
    assert kinds("오늘 날씨 좋다.", "ko") == []


def test_english_referring_expressions() -> None:
    assert kinds("It was him. The man in the green raincoat.", "en") == [("him", "character")]
    assert kinds("Back then she was there.", "en") == [("Back then", "event"), ("she", "character"),
                                                      ("there", "location")]
    assert kinds("Theresa is here", "en") == []  # words, not substrings


def test_a_stored_reference_matches_the_expression_it_contains() -> None:
    person = find_expressions("그때 그 사람이었어.", "ko")[1]
    assert same_expression("그때 그 사람", person) and same_expression("그사람", person)
    assert not same_expression("거기", person)


def test_normalised_selection() -> None:
    assert normalise_text("  그때  그 사람이었어. ") == normalise_text("그때 그 사람이었어") == "그때 그 사람이었어"
    assert normalise_text("It was HIM!") == "it was him"


def test_names_in_the_selection_ignore_particles() -> None:
    keys = _text_keys("아까 한지훈이라는 분한테서 전화 왔었어요.")
    assert named_in(keys, "한지훈") and not named_in(keys, "한미소")
    assert named_in(_text_keys("미소가 왔어요"), "한미소")  # the given name finds the full name
    assert named_in(_text_keys("Silas Crane?"), "Silas Crane")


def test_an_echo_is_a_near_repeat() -> None:
    assert similarity("'봄은 늘 늦게 와요. 그래도 와요.'", "봄은 늘 늦게 와요, 그래도 와요.") == 1.0
    assert similarity("봄은 늘 늦게 와요. 그래도 와요.", "봄은 늘 늦게 오네요. 그래도 왔잖아.") < ECHO_SIMILARITY


def test_the_bound() -> None:
    bound = Bound(ordinal=1003, until=200.0)
    assert bound.allows(1001, 9999.0) and bound.allows(1003, 200.0)
    assert not bound.allows(1003, 200.5) and not bound.allows(1004, 0.0)


def test_cache_keys_bucket_ten_seconds() -> None:
    assert cache.bucket_of(190.0) == cache.bucket_of(199.99) == 19 and cache.bucket_of(200.0) == 20
    key = cache.cache_key("v", normalise_text("그 사람"), 19)
    assert key == cache.cache_key("v", normalise_text(" 그 사람. "), 19)
    assert key != cache.cache_key("v", normalise_text("그 사람"), 20)
    assert cache.generation_key("v") == "explain:gen:v"


def test_invented_references_are_dropped() -> None:
    known = [Anchor("ep1", 1001, 1, 1, 298.9, "first appearance"), Anchor("ep2", 1002, 1, 2, 40.0, "scene")]
    kept = checked_references([
        DraftReference(episode=1, timestamp=300.0, description="the bus stop"),
        DraftReference(episode=1, timestamp=30.0, description="invented"),
        DraftReference(episode=5, timestamp=40.0, description="not in the graph"),
        DraftReference(episode=1, timestamp=299.5, description="duplicate"),
    ], known)
    assert kept == [{"videoId": "ep1", "season": 1, "episode": 1, "timestamp": 298.9, "description": "the bus stop"}]
