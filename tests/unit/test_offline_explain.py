"""The graph-only explanations (explain's composer), from a typed `ExplainContext`."""

from __future__ import annotations

import pytest

from explainer.explain.compose import compose_explanation
from explainer.llm.base import ExplainContext
from explainer.text.names import detect_language

FACTS: dict[str, object] = {
    "selected_text": "그때 그 사람이었어",
    "timestamp": 992.5,
    "resolutions": [
        {"expression": "그 사람", "offset": 3, "name": "이민준", "type": "character", "confidence": 0.82,
         "first_episode": 1, "first_timestamp": 754.0, "first_with": ["한미소", "김비서"]},
        {"expression": "거기", "offset": 9, "name": "강남역", "type": "location", "confidence": 0.65},
    ],
    "entities": [
        {"name": "이민준", "type": "character", "description": "한미소의 대학 선배",
         "relations": [{"name": "한미소", "type": "family"}, {"name": "김비서", "type": "co_appearance"}]},
    ],
    "moments": [
        {"episode": 1, "timestamp": 754.0, "text": "민준 오빠, 오랜만이야.", "description": ""},
        {"episode": 2, "timestamp": 3725, "text": "그 사람 기억나?", "description": "미소가 민준을 다시 만난 장면"},
    ],
    "wiki": [{"kind": "namuwiki", "title": "이민준", "summary": "드라마의 등장인물이다."}],
}


def test_korean_explanation() -> None:
    draft = compose_explanation(ExplainContext.model_validate({"language": "ko", **FACTS}))
    assert detect_language(draft.text) == "ko"
    assert "‘그 사람’은 이민준을 가리킵니다." in draft.text
    assert "1화 12:34에 처음 등장했고, 그때 한미소, 김비서와 함께 있었습니다." in draft.text
    assert "아마 장소 강남역을 가리키는 것 같습니다" in draft.text  # a middling confidence says so
    assert "앞선 화들에서 이민준은 한미소와 가족 관계로 나왔습니다." in draft.text
    assert "2화 1:02:05 미소가 민준을 다시 만난 장면" in draft.text
    assert "드라마의 등장인물이다." in draft.text
    assert [(r.episode, r.timestamp) for r in draft.references] == [(1, 754.0), (2, 3725.0)]
    assert draft.references[0].description == "이민준 첫 등장"
    assert draft.sources == ["video_analysis", "namuwiki"]


def test_english_explanation() -> None:
    draft = compose_explanation(ExplainContext.model_validate({"language": "en", **FACTS}))
    assert "‘그 사람’ refers to 이민준." in draft.text
    assert "first appeared in episode 1 at 12:34, together with 한미소 and 김비서." in draft.text
    assert "most likely refers to the place 강남역" in draft.text
    assert "episode 2 at 1:02:05" in draft.text
    assert draft.references[0].description == "First appearance of 이민준"


def test_only_confident_resolutions_are_stated() -> None:
    context = ExplainContext(language="en", selected_text="he did it", resolutions=[
        {"expression": "he", "offset": 0, "name": "Tom", "type": "character", "confidence": 0.3},
        {"expression": "it", "offset": 7, "name": "", "type": "object", "confidence": 0.0}])
    draft = compose_explanation(context)
    assert "Tom" not in draft.text
    assert draft.text == "From what has been seen so far, who ‘he’ is cannot be told."
    assert draft.references == []
    assert draft.sources == ["video_analysis"]


@pytest.mark.parametrize(("language", "expected"), [("ko", "확인된 정보가 아직 없습니다"),
                                                    ("en", "Nothing seen so far")])
def test_no_facts(language: str, expected: str) -> None:
    draft = compose_explanation(ExplainContext(language=language, selected_text="뭐?"))
    assert expected in draft.text
    assert draft.references == []


def test_the_provider_contract_is_typed() -> None:
    with pytest.raises(ValueError):
        ExplainContext.model_validate({"language": "ko", "selected_text": "거기",
                                       "resolutions": [{"expression": "거기", "offset": "first"}]})
