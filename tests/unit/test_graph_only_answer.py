"""The graph-only answer says only what holds (issue 21 item 4): its text agrees with its
resolutions, claims co-appearance only where it was counted within the bound, and quotes an
earlier line once and never the selected line's own words. Short hand-written facts, both
languages."""

from __future__ import annotations

from typing import Any

import pytest

from explainer.explain.compose import compose_explanation
from explainer.llm.base import ExplainContext

NOTHING = {"ko": "확인된 정보가 아직 없습니다", "en": "Nothing seen so far"}


def answer(language: str, selected: str, **facts: Any) -> str:
    return compose_explanation(ExplainContext.model_validate(
        {"language": language, "selected_text": selected, "timestamp": 900.0, **facts})).text


@pytest.mark.parametrize(("language", "selected", "expression", "said"), [
    ("ko", "걔가 또 왔어?", "걔", "‘걔’는 서도윤을 가리킬 수도 있습니다."),
    ("en", "Did he come back?", "he", "‘he’ may refer to 서도윤."),
])
def test_a_person_the_resolutions_name_is_said_even_when_the_confidence_is_modest(
        language: str, selected: str, expression: str, said: str) -> None:
    # 0.55: above the resolver's threshold (the panel lists the name), below "most likely"
    text = answer(language, selected, resolutions=[
        {"expression": expression, "offset": 0, "name": "서도윤", "type": "character", "confidence": 0.55}])
    assert NOTHING[language] not in text
    assert said in text


@pytest.mark.parametrize(("language", "said"), [("ko", "‘서도윤 씨’는 서도윤입니다."),
                                                ("en", "‘서도윤 씨’ is 서도윤.")])
def test_a_name_that_names_itself_still_says_who(language: str, said: str) -> None:
    text = answer(language, "서도윤 씨?", resolutions=[
        {"expression": "서도윤 씨", "offset": 0, "name": "서도윤", "type": "character", "confidence": 0.95}])
    assert text == said


@pytest.mark.parametrize(("language", "selected", "resolutions", "said"), [
    ("ko", "그때 그 사람이었어.", [("그 사람", 3)],
     "이 대사의 ‘그 사람’이 누구인지는 지금까지 본 장면만으로는 알 수 없습니다."),
    ("ko", "걔가 나한테 그랬어.", [("걔", 0), ("나한테", 4)],
     "이 대사의 ‘걔’, ‘나한테’가 누구인지는 지금까지 본 장면만으로는 알 수 없습니다."),
    ("en", "It was him. The man in the green raincoat.", [("him", 7), ("The man", 12)],
     "From what has been seen so far, who ‘him’ and ‘The man’ are cannot be told."),
])
def test_when_no_one_is_named_the_text_says_the_people_could_not_be_told(
        language: str, selected: str, resolutions: list[tuple[str, int]], said: str) -> None:
    text = answer(language, selected, resolutions=[
        {"expression": e, "offset": o, "name": "", "type": "character", "confidence": 0.0} for e, o in resolutions])
    assert text == said
    assert NOTHING[language] not in text


def test_a_name_below_the_threshold_is_never_implied() -> None:
    text = answer("ko", "그 사람 왔어?", resolutions=[
        {"expression": "그 사람", "offset": 0, "name": "박준호", "type": "character", "confidence": 0.3}])
    assert "박준호" not in text and "알 수 없습니다" in text


def test_one_entity_reached_twice_is_introduced_once() -> None:
    first = {"first_episode": 1, "first_timestamp": 298.0, "first_with": ["한미소"]}
    text = answer("ko", "서도윤 씨는 오빠 친구였던 거야.", resolutions=[
        {"expression": "서도윤", "offset": 0, "name": "서도윤", "confidence": 0.95, **first},
        {"expression": "오빠", "offset": 7, "name": "서도윤", "confidence": 0.92, **first}])
    assert text.count("처음 등장했") == 1 and "‘오빠’는 서도윤을 가리킵니다." in text


def _entity(relations: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": "서도윤", "type": "character", "relations": relations}


@pytest.mark.parametrize("language", ["ko", "en"])
def test_an_uncounted_co_appearance_is_no_claim(language: str) -> None:
    # the series-wide weight (no count within the bound): the old "주로 … 함께 등장" filler
    text = answer(language, "서도윤 씨.", entities=[_entity([
        {"name": "한미소", "type": "co_appearance"}, {"name": "박준호", "type": "co_appearance"},
        {"name": "김비서", "type": "co_appearance", "scenes": 2, "minutes": 10}])])
    assert "주로" not in text and "often" not in text
    assert "한미소" not in text and "박준호" not in text and "김비서" not in text


@pytest.mark.parametrize(("language", "timestamp", "said"), [
    ("ko", 900.0, "이번 화의 최근 10분 동안 서도윤은 한미소와 4개, 박준호와 3개 장면에서 함께 나왔습니다."),
    ("ko", 420.0, "이번 화에서 지금까지 서도윤은 한미소와 4개, 박준호와 3개 장면에서 함께 나왔습니다."),
    ("en", 900.0,
     "In the last 10 minutes of this episode, 서도윤 was seen with 한미소 in 4 scenes and 박준호 in 3 scenes."),
])
def test_a_counted_co_appearance_is_said_as_what_was_seen(language: str, timestamp: float, said: str) -> None:
    text = compose_explanation(ExplainContext.model_validate({
        "language": language, "selected_text": "서도윤 씨.", "timestamp": timestamp, "entities": [_entity([
            {"name": "박준호", "type": "co_appearance", "scenes": 3, "minutes": 10},
            {"name": "한미소", "type": "co_appearance", "scenes": 4, "minutes": 10},
            {"name": "김비서", "type": "co_appearance", "scenes": 1, "minutes": 10}])]})).text
    assert said in text and "김비서" not in text


@pytest.mark.parametrize(("language", "said"), [
    ("ko", "앞선 화들에서 서도윤은 한지훈과 친구 관계로 나왔습니다."),
    ("en", "In earlier episodes, 서도윤 was seen related to 한지훈 (friend)."),
])
def test_a_typed_relation_says_its_basis(language: str, said: str) -> None:
    text = answer(language, "서도윤 씨.", entities=[_entity([{"name": "한지훈", "type": "friend"}])])
    assert said in text


SPRING = "봄은 늘 늦게 와요. 그래도 와요."


@pytest.mark.parametrize("language", ["ko", "en"])
def test_an_earlier_line_is_quoted_once(language: str) -> None:
    draft = compose_explanation(ExplainContext.model_validate({
        "language": language, "selected_text": "그때 그 사람이었어.", "moments": [
            {"episode": 1, "timestamp": 355.5, "text": SPRING},
            {"episode": 1, "timestamp": 423.9, "text": "봄은 늘 늦게 와요, 그래도 와요!"},
            {"episode": 1, "timestamp": 432.1, "text": "몰라. 이름만 알아. 서도윤."}]}))
    assert draft.text.count("늦게 와요") == 1
    assert [r.timestamp for r in draft.references] == [355.5, 432.1]


@pytest.mark.parametrize(("language", "selected", "same"), [
    ("ko", "응. 그 사람이 나한테 똑같은 말을 했어. 봄은 늘 늦게 와요, 그래도 와요.", "1화 5:55 같은 말이 나온 장면"),
    ("ko", "봄은 늘 늦게 와요. 그래도 와요.", "1화 5:55 같은 말이 나온 장면"),
    ("en", "Spring always comes late. But it comes.", "episode 1 at 5:55, the same words were said"),
])
def test_the_selected_line_is_never_quoted_back(language: str, selected: str, same: str) -> None:
    spoken = SPRING if language == "ko" else "Spring always comes late... but it comes!"
    draft = compose_explanation(ExplainContext.model_validate({
        "language": language, "selected_text": selected, "moments": [
            {"episode": 1, "timestamp": 355.5, "text": spoken}]}))
    assert same in draft.text
    assert spoken not in draft.text
    assert spoken not in [r.description for r in draft.references]


def test_a_short_selection_is_not_found_inside_earlier_lines() -> None:
    draft = compose_explanation(ExplainContext.model_validate({
        "language": "ko", "selected_text": "네?",
        "moments": [{"episode": 1, "timestamp": 60.0, "text": "네? 누구요?"}]}))
    assert "“네? 누구요?”" in draft.text
