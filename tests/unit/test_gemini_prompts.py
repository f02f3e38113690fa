"""Prompt builders for the Gemini provider and their response models."""

from __future__ import annotations

import pytest
from google.genai import types
from pydantic import ValidationError

from explainer.llm import prompts
from explainer.llm.base import AnalysisContext, ExplainContext, KnownEntity, LineInput, SegmentInput


def text_of(content: types.Content) -> str:
    return "".join(part.text or "" for part in content.parts or [])


def test_analysis_instruction_covers_korean_normalisation_and_demonstratives() -> None:
    system = text_of(prompts.analysis_system_instruction(AnalysisContext(series_title="시그널", language="ko")))
    for expected in ("민수가", "선배", "씨", "그 사람", "그때", "거기", "Korean", "시그널"):
        assert expected in system


def test_analysis_contents_list_segments_lines_and_speakers() -> None:
    batch = [SegmentInput(index=4, start=120.0, end=150.0, lines=[
        LineInput(start=121.5, end=123.0, text="거기서 만나자.", speaker="해영"),
        LineInput(start=130.0, end=131.0, text="알았어."),
    ]), SegmentInput(index=5, start=150.0, end=180.0, lines=[])]

    [content] = prompts.analysis_contents(batch, AnalysisContext())

    text = text_of(content)
    assert content.role == "user"
    assert "indexes 4, 5" in text
    assert "[segment 4] 120.0-150.0 s" in text
    assert "121.5 해영: 거기서 만나자." in text
    assert "130.0 알았어." in text
    assert "(no lines)" in text
    assert "Known entities: none yet." in text


def test_known_entities_are_capped_most_important_first() -> None:
    known = [KnownEntity(name=f"인물{i}", type="character", importance=i / 100) for i in range(100)]
    [content] = prompts.analysis_contents([SegmentInput(index=0, start=0, end=30, lines=[])],
                                          AnalysisContext(known_entities=known))
    text = text_of(content)
    assert text.count("[character]") == prompts.MAX_KNOWN_ENTITIES
    assert "인물99 " in text and "인물0 " not in text


@pytest.mark.parametrize("language, name", [("ko", "Korean"), ("en-US", "English"), ("pt", "pt")])
def test_explanation_answers_in_the_language_of_the_line(language: str, name: str) -> None:
    context = ExplainContext(selected_text="그때 그 사람", language=language, wiki=[{"kind": "wikipedia", "url": "https://x"}])
    system = text_of(prompts.explanation_system_instruction(context))
    assert f"short sentences in {name}" in system
    [content] = prompts.explanation_contents(context)
    assert "그때 그 사람" in text_of(content) and "https://x" in text_of(content)
    assert "Mentions of the selected line:" in text_of(content)  # the packet's parts, as text


def test_analysis_answer_requires_every_list() -> None:
    with pytest.raises(ValidationError):
        prompts.AnalysisAnswer.model_validate({"segments": [], "entities": []})
    answer = prompts.AnalysisAnswer.model_validate(
        {"segments": [], "entities": [], "references": [], "relations": []})
    assert answer.to_batch_analysis().entities == []
