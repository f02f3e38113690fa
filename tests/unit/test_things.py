"""The one resolver of places, moments and things (거기, 그때, "there", "back then"): the
algorithm on hand-made candidates, and the same answers through analysis and explain."""

from __future__ import annotations

import pytest

from explainer.core.settings import Settings
from explainer.explain.context import Bound, Context
from explainer.explain.people import People
from explainer.explain.resolution import resolve
from explainer.llm.base import AnalysisContext, KnownEntity, LineInput, SegmentInput
from explainer.llm.offline import OfflineProvider
from explainer.reading.expressions import find_expressions
from explainer.reading.things import SCENE_SECONDS, ThingCandidate, resolve_thing
from tests.unit.test_explain_things import VIDEO, facts


def winner(*candidates: ThingCandidate) -> str | None:
    answer = resolve_thing(list(candidates))
    return answer.candidate.id if answer else None


# --- the algorithm ----------------------------------------------------------------------------

def test_nothing_named_nearby_is_no_answer_however_salient() -> None:
    assert resolve_thing([ThingCandidate("office", salience=100.0)]) is None
    assert resolve_thing([ThingCandidate("office", salience=100.0, named_ago=SCENE_SECONDS + 1)]) is None
    assert winner(ThingCandidate("office", salience=100.0, named_ago=SCENE_SECONDS - 1)) == "office"


def test_named_earlier_in_the_line_beats_the_scene_and_salience() -> None:
    office = ThingCandidate("office", salience=10.0, named_ago=0.0)  # the line just before
    cafe = ThingCandidate("cafe", salience=0.1, before_in_line=True)
    assert winner(office, cafe) == "cafe"
    answer = resolve_thing([office, cafe])
    assert answer is not None and answer.evidence == "named earlier in this line"


def test_the_later_named_in_the_scene_wins_salience_breaks_a_near_tie() -> None:
    dinner = ThingCandidate("dinner", salience=1.0, named_ago=40.0)
    crash = ThingCandidate("crash", salience=0.2, named_ago=5.0)
    assert winner(dinner, crash) == "crash"
    near_tie = ThingCandidate("crash", salience=0.2, named_ago=38.0)
    assert winner(dinner, near_tie) == "dinner"


def test_named_after_the_expression_in_the_same_line_counts_a_quarter() -> None:
    # "거기 말고 사무실로 와" / "not there, come to the office": the office is no antecedent of 거기
    office = ThingCandidate("office", salience=1.0, named_ago=3.0, after_in_line=True)
    cafe = ThingCandidate("cafe", salience=1.0, named_ago=20.0)
    assert winner(office, cafe) == "cafe"
    assert winner(office) == "office"  # alone it still answers, with a margin over nobody


def test_a_confident_stored_reference_decides_and_states_its_confidence() -> None:
    near = ThingCandidate("office", salience=1.0, named_ago=1.0)
    stored = ThingCandidate("cafe", salience=1.0, named_ago=30.0, stored=0.8)
    answer = resolve_thing([near, stored])
    assert answer is not None and answer.candidate.id == "cafe" and answer.confidence == 0.8
    assert answer.evidence.startswith("the analysis of this line")
    unsure = ThingCandidate("cafe", salience=1.0, named_ago=30.0, stored=0.2)
    assert winner(near, unsure) == "office"


def test_confidence_is_the_winners_margin() -> None:
    alone = resolve_thing([ThingCandidate("cafe", salience=1.0, named_ago=0.0)])
    tie = resolve_thing([ThingCandidate("a", salience=1.0, named_ago=10.0),
                         ThingCandidate("b", salience=1.0, named_ago=10.0)])
    assert alone is not None and tie is not None
    assert alone.confidence == 0.9 and tie.confidence == 0.35
    assert tie.candidate.id == "a"  # a tie goes to the first by id, the same in analysis and explain


# --- explain, both languages --------------------------------------------------------------------

def explain_context(text: str, language: str, in_scene: dict[str, float], named: list[str] | None = None) -> Context:
    entities = [facts("office", "the office" if language == "en" else "사무실", "location", 1.0),
                facts("cafe", "the coffee house" if language == "en" else "강남역 카페", "location", 0.1),
                facts("wedding", "the wedding" if language == "en" else "결혼식", "event", 1.0)]
    return Context(video=VIDEO, bound=Bound(1001, 100.0), selected_text=text, language=language, line_at=100.0,
                   people=People(resolutions=[], known={}, speaker=None),
                   expressions=find_expressions(text, language), recent_lines=[], in_scene=in_scene,
                   named_after={}, scene_types={}, references=[], named=named or [], moments=[],
                   facts={e.id: e for e in entities})


def answers(ctx: Context) -> dict[str, str | None]:
    return {r.expression: r.entity.name if r.entity else None for r in resolve(ctx)}


def test_explain_there_and_back_then_in_english() -> None:
    ctx = explain_context("I'm not going back there. Not after what happened back then.", "en",
                          in_scene={"cafe": 80.0, "office": 30.0, "wedding": 90.0})
    assert answers(ctx) == {"there": "the coffee house", "back then": "the wedding"}
    assert answers(explain_context("Were you there?", "en", in_scene={})) == {}  # nothing of the scene


def test_explain_demotes_a_place_the_line_names_after_the_expression() -> None:
    en = explain_context("Not there, come to the office.", "en", in_scene={"cafe": 70.0, "office": 95.0},
                         named=["office"])
    assert answers(en) == {"there": "the coffee house"}
    ko = explain_context("거기 말고 사무실로 와.", "ko", in_scene={"cafe": 70.0, "office": 95.0}, named=["office"])
    assert answers(ko) == {"거기": "강남역 카페"}


# --- analysis (Korean: the offline finder names places in Korean lines) -------------------------

@pytest.fixture(scope="module")
def provider() -> OfflineProvider:
    return OfflineProvider(Settings(embedding_dim=256))


def segment(index: int, *lines: str) -> SegmentInput:
    start = index * 30.0
    return SegmentInput(index=index, start=start, end=start + 30,
                        lines=[LineInput(start=start + 3 * k, end=start + 3 * k + 2.5, text=text)
                               for k, text in enumerate(lines)])


async def test_analysis_stores_the_place_named_nearby_not_the_series_most_important(provider: OfflineProvider) -> None:
    office = KnownEntity(name="사무실", type="location", mentions=40, importance=9.0, last_seen=100.0)
    result = await provider.analyse([segment(0, "강남역 카페에서 교통사고가 났어."), segment(1, "거기 다시 가 봤어?")],
                                    AnalysisContext(known_entities=[office], clock_offset=200000.0))
    assert [(r.expression, r.referent) for r in result.references] == [("거기", "강남역")]


async def test_analysis_stores_nothing_for_a_place_named_minutes_ago(provider: OfflineProvider) -> None:
    result = await provider.analyse([segment(0, "강남역 카페에서 교통사고가 났어."), segment(3, "거기 다시 가 봤어?")],
                                    AnalysisContext())
    assert result.references == []


async def test_analysis_demotes_the_place_named_after_the_expression(provider: OfflineProvider) -> None:
    result = await provider.analyse([segment(0, "강남역 카페에서 기다려.", "사무실에 있어."),
                                     segment(1, "거기 말고 사무실로 와.")], AnalysisContext())
    assert [(r.expression, r.referent) for r in result.references] == [("거기", "강남역")]
