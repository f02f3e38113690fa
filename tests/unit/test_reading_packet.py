"""Issue 20 without stores: every person expression is a mention (one lexicon per language), a
selection is found however a player shows the cue, and the prompts carry what a reader needs."""

from __future__ import annotations

import pytest
from google.genai import types

from explainer.explain.context import loose_text
from explainer.llm import prompts
from explainer.llm.base import (
    AnalysisContext,
    CastMember,
    ExplainContext,
    LineInput,
    PacketLine,
    PacketMention,
    ReadingPacket,
    SegmentInput,
    previous_lines_of,
)
from explainer.reading.lang import rules_for
from explainer.reading.names import NameTable
from explainer.reading.person_mentions import person_mentions

NOBODY = NameTable([])
KOREAN_PERSON_EXPRESSIONS = [
    "그", "그녀", "그분", "그 사람", "그 여자", "그 남자", "그 여성", "그 남성", "그 인간", "그 자식", "그 새끼",
    "그놈", "그 녀석", "그 애", "걔", "그자", "그 양반", "그 친구", "그 년", "그 계집애", "그 에미나이", "그 사나이",
    "그 동무",
    "이 사람", "저 사람", "얘", "쟤",
]


def text_of(content: types.Content) -> str:
    return "".join(part.text or "" for part in content.parts or [])


@pytest.mark.parametrize("expression", KOREAN_PERSON_EXPRESSIONS)
def test_every_korean_person_expression_is_a_mention_with_or_without_the_space(expression: str) -> None:
    for form in dict.fromkeys([expression, expression.replace(" ", "")]):
        line = f"{form}{'는' if form == '그' else '가'} 어제 왔어"
        [mention] = [m for m in person_mentions(line, rules_for("ko"), NOBODY) if m.kind == "third"]
        assert (mention.text, mention.start, mention.plural) == (form, 0, False), line


@pytest.mark.parametrize("line, plural", [("걔네 왔어", "걔네"), ("그 사람들이 왔어", "그 사람들"),
                                          ("그들이 왔어", "그들")])
def test_korean_plurals_are_groups(line: str, plural: str) -> None:
    [mention] = person_mentions(line, rules_for("ko"), NOBODY)
    assert mention.text == plural and mention.plural


@pytest.mark.parametrize("line", ["얘기 좀 해", "그 년도에 졸업했어", "그래서 그게 뭐야", "그 분위기 좋다",
                                  "그놈의 생일 타령!"])
def test_korean_words_that_only_look_like_people_are_not_mentions(line: str) -> None:
    assert [m.text for m in person_mentions(line, rules_for("ko"), NOBODY) if m.kind == "third"] == []


def test_korean_descriptions_are_mentions_for_a_reader_not_for_the_resolver() -> None:
    line = "(하리) 그 편의점에서 봤다던 잘생긴 남자가 아까 그 직원이요"
    assert [m.text for m in person_mentions(line, rules_for("ko"), NOBODY)] == []
    found = person_mentions(line, rules_for("ko"), NOBODY, descriptions=True)
    assert [(m.text, m.kind, m.gender) for m in found] == [
        ("그 편의점에서 봤다던 잘생긴 남자", "description", "m"), ("그 직원", "description", None)]


@pytest.mark.parametrize("line, expected", [
    ("He told her about his plan.", ["He", "her", "his"]),
    ("I saw that guy with the woman.", ["that guy", "the woman"]),
    ("My stepmother met your nephew and my mom.", ["stepmother", "nephew", "mom"]),
    ("They left.", ["They"]),
])
def test_english_person_expressions_are_mentions(line: str, expected: list[str]) -> None:
    found = [m.text for m in person_mentions(line, rules_for("en"), NOBODY) if m.kind in ("third", "description")]
    assert found == expected


def test_a_two_speaker_cue_reads_the_same_however_a_player_shows_it() -> None:
    stored = "- Where is she now?\n- JOEY: In the kitchen."
    for shown in ("Where is she now? JOEY: In the kitchen.", "- Where is she now? - In the kitchen",
                  "where is she now\nin the kitchen"):
        assert loose_text(shown) == loose_text(stored) == "whereisshenowinthekitchen"
    assert loose_text("- 미소: 네, 부회장님") == "네부회장님"


def test_the_explanation_prompt_is_the_reading_packet() -> None:
    packet = ReadingPacket(
        lines=[PacketLine(episode="S1E1", at=1190.0, text="Bye!", speaker="Ross"),
               PacketLine(episode="S1E2", at=12.5, text="Did you see her?", speaker="Rachel", selected=True)],
        cast=[CastMember(name="Monica Geller", aliases=["Mon"], gender="female", first_seen="the previous episode",
                         relations=["sister: Ross Geller"], in_scene=True)],
        mentions=[PacketMention(offset=12, expression="her", kind="third", gender="f", hint="Monica Geller",
                                hint_confidence=0.7, hint_evidence="named two lines earlier")])
    context = ExplainContext(selected_text="Did you see her?", language="en", series_title="Friends",
                             episode_label="S1E2", timestamp=14.0, packet=packet)
    text = text_of(prompts.explanation_contents(context)[0])
    assert "- *Monica Geller | aka Mon | female | first seen the previous episode | relations: sister: Ross Geller" \
        in text
    assert "[S1E1]\n19:50.0 Ross: Bye!\n[S1E2]\n>>> 00:12.5 Rachel: Did you see her?" in text
    assert '- offset 12 "her" [third, female] resolver: Monica Geller (0.70; named two lines earlier)' in text
    # what changes least comes first (prompt caching): the cast, then the dialogue, the question last
    assert text.index("Cast known so far") < text.index("Dialogue") < text.index("Selected line")
    system = text_of(prompts.explanation_system_instruction(context))
    assert "Never name anyone who is not in the cast" in system


def test_an_analysis_batch_carries_the_end_of_the_previous_one() -> None:
    earlier = [SegmentInput(index=i, start=30 * i, end=30 * i + 30,
                            lines=[LineInput(start=30 * i + j, end=30 * i + j + 1, text=f"line {i}-{j}",
                                             speaker="ROSS") for j in range(5)]) for i in range(6)]
    context = AnalysisContext(previous_lines=previous_lines_of(earlier))
    assert len(context.previous_lines) == 20 and context.previous_lines[-1].text == "line 5-4"
    [content] = prompts.analysis_contents([SegmentInput(index=6, start=180, end=210, lines=[])], context)
    text = text_of(content)
    assert "End of the previous batch" in text and "ROSS: line 5-4" in text and "line 1-4" not in text
    assert text.index("End of the previous batch") < text.index("Segments of this batch")
