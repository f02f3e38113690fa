"""The offline provider's analysis: entities, references, relations and segment facts."""

from __future__ import annotations

import pytest

from explainer.core.settings import Settings
from explainer.llm.base import (
    AnalysisContext,
    BatchAnalysis,
    FoundEntity,
    KnownEntity,
    LineInput,
    SegmentInput,
)
from explainer.llm.offline import OfflineProvider

EPISODE_2 = 200000.0  # series-wide clock offset of episode 2 (episode ordinal * 100000)


@pytest.fixture(scope="module")
def provider() -> OfflineProvider:
    # one provider (one Kiwi) for the module: loading kiwipiepy takes about a second
    return OfflineProvider(Settings(embedding_dim=256))


def segment(index: int, *lines: str | tuple[str, str]) -> SegmentInput:
    """A 30-second segment; a line is its text, or (speaker, text); lines are 3 s apart."""
    start = index * 30.0
    items = []
    for k, line in enumerate(lines):
        speaker, text = line if isinstance(line, tuple) else (None, line)
        items.append(LineInput(start=start + 3 * k, end=start + 3 * k + 2.5, text=text, speaker=speaker))
    return SegmentInput(index=index, start=start, end=start + 30, lines=items)


def entity(result: BatchAnalysis, name: str) -> FoundEntity:
    found = [e for e in result.entities if e.name == name]
    assert found, f"{name} not in {[e.name for e in result.entities]}"
    assert len(found) == 1
    return found[0]


def names(result: BatchAnalysis) -> set[str]:
    return {e.name for e in result.entities}


# --- Korean entities -------------------------------------------------------------------------

async def test_short_name_honorific_and_vocative_merge_into_the_full_name(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "미소 씨, 오늘 회의 자료 준비됐어요?", "한미소 대리님은 아직 안 왔어요."),
        segment(1, "미소야! 어디 가?", "미소가 늦는다고 했어."),
    ], AnalysisContext(clock_offset=EPISODE_2))

    miso = entity(result, "한미소")
    assert miso.type == "character"
    assert "미소" in miso.aliases
    assert "한대리" in miso.aliases  # surname + title, derived from 한미소 대리님
    assert miso.segments == [0, 1]
    assert "미소" not in names(result)
    assert miso.description == "대리"


async def test_title_names_are_normalised(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "김 비서님, 커피 좀 부탁해요.", "김비서가 왜 그럴까?", "박 형사님 오셨어요."),
    ], AnalysisContext())
    assert entity(result, "김비서").type == "character"
    assert entity(result, "박형사").type == "character"
    assert "김" not in names(result)


async def test_known_entities_keep_their_canonical_name(provider: OfflineProvider) -> None:
    known = [KnownEntity(name="한미소", type="character", aliases=["한대리"], mentions=12, last_seen=100500)]
    result = await provider.analyse([
        segment(0, "미소 씨 어디 있어요?", "한 대리, 회의 들어와요.", "미소한테 전해 줘."),
    ], AnalysisContext(known_entities=known, clock_offset=EPISODE_2))
    miso = entity(result, "한미소")
    assert miso.segments == [0]
    assert set(miso.aliases) >= {"미소", "한대리"}
    assert not names(result) & {"미소", "한대리"}


async def test_a_short_known_name_grows_into_the_full_name(provider: OfflineProvider) -> None:
    known = [KnownEntity(name="미소", type="character", mentions=3, last_seen=100100)]
    result = await provider.analyse([segment(0, "한미소 씨가 돌아왔어요.")],
                                    AnalysisContext(known_entities=known, clock_offset=EPISODE_2))
    miso = entity(result, "한미소")
    assert "미소" in miso.aliases  # the graph links it to the earlier 미소 through the alias


async def test_different_full_names_stay_apart(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "한미소 씨가 왔어요.", "김미소 씨도 왔어요."),
    ], AnalysisContext())
    assert {"한미소", "김미소"} <= names(result)


async def test_types_from_suffixes_and_nouns(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "강남역 카페에서 만나자.", "서울병원 앞 정류장에서 교통사고가 났대.",
                "언니 결혼식은 언제야?", "이 수첩 누구 거야?"),
        segment(1, "그 수첩에 다 적혀 있어.", "태산그룹 본사로 가."),
    ], AnalysisContext())
    assert entity(result, "강남역").type == "location"
    assert entity(result, "카페").type == "location"
    assert entity(result, "서울병원").type == "location"
    assert entity(result, "정류장").type == "location"
    assert entity(result, "교통사고").type == "event"
    assert entity(result, "결혼식").type == "event"
    assert entity(result, "수첩").type == "object"  # named twice
    assert entity(result, "수첩").segments == [0, 1]


async def test_an_object_named_once_is_not_an_entity(provider: OfflineProvider) -> None:
    result = await provider.analyse([segment(0, "이 편지 누구 거야?")], AnalysisContext())
    assert "편지" not in names(result)


async def test_speakers_are_characters(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, ("박서준", "안녕하세요."), "지훈: 오랜만이야."),  # a given speaker and an SDH label
    ], AnalysisContext())
    assert entity(result, "박서준").type == "character"
    assert entity(result, "지훈").type == "character"


async def test_a_later_batch_line_sees_names_from_earlier_lines(provider: OfflineProvider) -> None:
    # 미소 alone is a common noun ("smile") to the morphology; once 한미소 is named it is a name
    result = await provider.analyse([
        segment(0, "한미소 씨가 왔다."),
        segment(1, "미소를 찾아야 해."),
    ], AnalysisContext())
    assert entity(result, "한미소").segments == [0, 1]


# --- English entities ------------------------------------------------------------------------

async def test_english_names_titles_and_places(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "JANE: Okay, Detective Park is waiting at Gangnam Station.",
                "I met Tom at the Blue Moon Cafe on Monday.", "Tom, did you see the accident?"),
        segment(1, "Where is Jane Doe now?", "The notebook is gone. Who took the notebook?"),
    ], AnalysisContext(language="en"))
    found = names(result)
    jane = entity(result, "Jane Doe")
    assert jane.type == "character"
    assert jane.aliases == ["Jane"]
    assert entity(result, "Park").type == "character"
    assert entity(result, "Tom").type == "character"
    assert entity(result, "Gangnam Station").type == "location"
    assert entity(result, "Blue Moon Cafe").type == "location"
    assert entity(result, "accident").type == "event"
    assert entity(result, "notebook").type == "object"
    assert not found & {"Okay", "I", "Monday", "The", "Who", "Where", "Detective"}


# --- references ------------------------------------------------------------------------------

async def test_that_person_is_the_most_recent_character(provider: OfflineProvider) -> None:
    known = [
        # named often, but in the previous episode
        KnownEntity(name="한미소", type="character", mentions=40, importance=0.5, last_seen=100900),
    ]
    result = await provider.analyse([
        segment(0, "이민준 씨가 아까 왔었어요.", ("한미소", "그 사람이 누군데?")),
    ], AnalysisContext(known_entities=known, clock_offset=EPISODE_2))
    reference = next(r for r in result.references if r.expression == "그 사람")
    assert reference.referent == "이민준"
    assert reference.at == 3.0  # the line's start
    assert reference.segment == 0
    assert 0.0 <= reference.confidence <= 1.0


async def test_a_person_reference_nobody_in_the_scene_grounds_is_stored_as_an_abstention(
        provider: OfflineProvider) -> None:
    # the series' most important person is no answer to 그 사람 / "that guy" on its own: the
    # dialogue resolver abstains, and no salience ranking stores a guess in its place
    known = [KnownEntity(name="한미소", type="character", mentions=40, importance=0.8, last_seen=EPISODE_2 + 5),
             KnownEntity(name="박지훈", type="character", mentions=2, last_seen=EPISODE_2 + 20)]
    korean = await provider.analyse([segment(1, "그 사람 다시 만났어?")],
                                    AnalysisContext(known_entities=known, clock_offset=EPISODE_2))
    assert not [r for r in korean.references if r.expression == "그 사람"]
    known = [KnownEntity(name="Ross Geller", type="character", mentions=40, importance=0.9, last_seen=EPISODE_2)]
    english = await provider.analyse([segment(1, ("Monica", "Did you see that guy again?"))],
                                     AnalysisContext(language="en", known_entities=known, clock_offset=EPISODE_2))
    assert not [r for r in english.references if r.expression.lower() == "that guy"]


async def test_that_person_is_not_the_speaker_nor_the_person_addressed(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "박지훈 씨 왔어요?", ("이민준", "미소야, 그 사람 알아?")),
    ], AnalysisContext(known_entities=[KnownEntity(name="한미소", type="character", mentions=9)],
                       clock_offset=EPISODE_2))
    reference = next(r for r in result.references if r.expression == "그 사람")
    assert reference.referent == "박지훈"


async def test_place_event_and_back_then_references(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "강남역 카페에서 교통사고가 났어.", "한미소 씨가 봤대."),
        segment(1, "거기 다시 가 봤어?", "그때 정말 무서웠어.", "그때 그 사람이 한미소였어?"),
    ], AnalysisContext())
    by_expression = {r.expression: r for r in result.references}
    assert by_expression["거기"].referent in {"강남역", "카페"}
    assert by_expression["그때"].referent == "교통사고"
    assert by_expression["그 사람"].referent == "한미소"  # 그때 그 사람: a moment and a person


async def test_gendered_reference_prefers_a_matching_character(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "수진 언니가 왔어.", "민준 오빠도 왔어.", "그 여자 누구야?"),
    ], AnalysisContext())
    reference = next(r for r in result.references if r.expression == "그 여자")
    assert reference.referent == "수진"


async def test_first_and_second_person_need_a_speaker(provider: OfflineProvider) -> None:
    known = [KnownEntity(name="한미소", type="character", mentions=3)]
    result = await provider.analyse([
        segment(0, ("박지훈", "괜찮아?"), ("미소", "나는 몰라. 너는 알아?"), "나도 몰라."),
    ], AnalysisContext(known_entities=known, clock_offset=EPISODE_2))
    first = [r for r in result.references if r.expression.startswith("나")]  # 나는: the dialogue resolver's
    assert [(r.referent, r.at) for r in first] == [("한미소", 3.0)]  # the unlabelled line has none
    assert first[0].confidence >= 0.9
    second = next(r for r in result.references if r.expression.startswith("너"))
    assert second.referent == "박지훈"  # the previous speaker


async def test_english_references(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "Tom met Jane at the Blue Moon Cafe.", "There was an accident.",
                ("Jane", "I saw that guy there back then."), ("Tom", "You did?"), "Hi there!"),
    ], AnalysisContext(language="en"))
    by_expression = {r.expression: r for r in result.references}
    assert by_expression["that guy"].referent == "Tom"  # not Jane, who is speaking
    assert by_expression["there"].referent == "Blue Moon Cafe"
    assert by_expression["back then"].referent == "accident"
    assert by_expression["I"].referent == "Jane"
    assert by_expression["You"].referent == "Jane"
    assert sum(r.expression == "there" for r in result.references) == 1  # not "Hi there" / "There was"


# --- relations -------------------------------------------------------------------------------

async def test_co_appearance_strength_rises_with_count(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "한미소 씨, 이민준 씨 봤어요?"),
        segment(1, "한미소 씨랑 이민준 씨가 같이 갔어요.", "박지훈 씨는요?"),
    ], AnalysisContext())
    co = {(r.source, r.target): r.strength for r in result.relations if r.type == "co_appearance"}
    assert co[("이민준", "한미소")] > co[("박지훈", "한미소")]
    assert all(0.0 < s <= 1.0 for s in co.values())


async def test_typed_relations_from_kinship_and_title_words(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, ("한미소", "민준 오빠한테 전화했어."), ("이영준", "김 비서님, 회의 준비해 주세요."),
                "한미소의 동생 한지은이 왔어요."),
    ], AnalysisContext())
    typed = {(r.source, r.target, r.type) for r in result.relations if r.type != "co_appearance"}
    assert ("민준", "한미소", "family") in typed
    assert ("김비서", "이영준", "colleague") in typed
    assert ("한미소", "한지은", "family") in typed


async def test_english_typed_relation(provider: OfflineProvider) -> None:
    result = await provider.analyse([segment(0, ("Tom", "My sister Jane found it."))],
                                    AnalysisContext(language="en"))
    assert any(r.type == "family" and {r.source, r.target} == {"Jane", "Tom"} for r in result.relations)


# --- segment facts, determinism, speed -------------------------------------------------------

async def test_segment_facts(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "회의 자료는 한미소 씨가 준비했어요.", "회의는 세 시에 시작해요. 자료 꼭 챙겨요!"),
        segment(1),
        segment(2, "응."),
    ], AnalysisContext())
    facts = {s.index: s for s in result.segments}
    assert [s.index for s in result.segments] == [0, 1, 2]
    assert facts[0].topics[:2] == ["회의", "자료"]
    assert "한미소" not in facts[0].topics
    assert facts[1].topics == [] and facts[1].complexity == 1
    assert facts[0].importance > facts[2].importance
    assert facts[0].complexity > facts[2].complexity
    assert all(1 <= s.complexity <= 10 and 1 <= s.importance <= 10 for s in result.segments)


async def test_analysis_is_deterministic(provider: OfflineProvider) -> None:
    batch = [segment(0, "미소 씨, 그 사람 기억나?", "강남역에서 봤잖아."), segment(1, "그때 그 사람이었어.")]
    first = await provider.analyse(batch, AnalysisContext())
    second = await OfflineProvider(Settings()).analyse(batch, AnalysisContext())
    assert first == second


async def test_usage_counts_calls(provider: OfflineProvider) -> None:
    before = provider.usage().calls
    await provider.analyse([segment(0, "안녕.")], AnalysisContext())
    usage = provider.usage()
    assert usage.calls == before + 1
    assert usage.input_tokens == usage.output_tokens == 0
    assert provider.name == "offline"
    await provider.aclose()


async def test_batches_of_an_episode_stay_consistent(provider: OfflineProvider) -> None:
    # the pipeline feeds each batch's entities back as known entities of the next batch
    first = await provider.analyse([segment(0, "한미소 대리님, 김 비서님 보셨어요?")],
                                   AnalysisContext(clock_offset=EPISODE_2))
    known = [KnownEntity(name=e.name, type=e.type, aliases=e.aliases, mentions=len(e.segments),
                         last_seen=EPISODE_2 + 3) for e in first.entities]
    second = await provider.analyse([segment(10, "한 대리, 미소 씨 어디 갔어?", "김비서가 알 거야.")],
                                    AnalysisContext(known_entities=known, clock_offset=EPISODE_2))
    assert names(second) == {"한미소", "김비서"}
    assert entity(second, "한미소").segments == [10]


async def test_empty_input(provider: OfflineProvider) -> None:
    assert await provider.analyse([], AnalysisContext()) == BatchAnalysis()
    result = await provider.analyse([segment(0, "", "[웃음]", "♪")], AnalysisContext())
    assert result.entities == [] and result.references == []
    assert len(result.segments) == 1


async def test_sentence_initial_words_before_a_comma_are_not_names_by_themselves() -> None:
    from explainer.core.settings import Settings
    from explainer.llm.base import AnalysisContext, LineInput, SegmentInput
    from explainer.llm.offline import OfflineProvider

    batch = [SegmentInput(index=0, start=0, end=30, lines=[
        LineInput(start=1, end=3, text="Coffee, black."),
        LineInput(start=4, end=6, text="Tea, Monica dear."),
        LineInput(start=7, end=9, text="Evening, Monica. Is Owen here?"),
        LineInput(start=10, end=12, text="Who was that?", speaker="MAN"),
    ])]
    analysis = await OfflineProvider(Settings(_env_file=None)).analyse(batch, AnalysisContext(language="en"))
    names = {e.name for e in analysis.entities}
    assert {"Monica", "Owen"} <= names
    assert not names & {"Coffee", "Tea", "MAN", "Man"}


async def test_english_place_names_are_locations() -> None:
    from explainer.core.settings import Settings
    from explainer.llm.base import AnalysisContext, LineInput, SegmentInput
    from explainer.llm.offline import OfflineProvider

    batch = [SegmentInput(index=0, start=0, end=30, lines=[
        LineInput(start=1, end=3, text="Nobody in Gull Harbor orders tea."),
        LineInput(start=4, end=6, text="It's the keeper of Gull Harbor Light, Monica."),
    ])]
    analysis = await OfflineProvider(Settings(_env_file=None)).analyse(batch, AnalysisContext(language="en"))
    types = {e.name: e.type for e in analysis.entities}
    assert types.get("Gull Harbor") == "location" and types.get("Gull Harbor Light") == "location"


# --- nicknames and kin ---------------------------------------------------------------------------

async def test_a_name_card_and_an_introduction_give_the_real_name_with_its_nickname(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "이름 장미옥\n별명 장만옥\n쌍문여고", "얘가 왕자현, 우리끼리는 왕조현."),
        segment(1, "장만옥은 어디 갔어?", "왕조현 또 늦네."),
    ], AnalysisContext(clock_offset=EPISODE_2))
    miok, jahyun = entity(result, "장미옥"), entity(result, "왕자현")
    assert miok.nicknames == ["장만옥"] and "장만옥" in miok.aliases and miok.segments == [0, 1]
    assert jahyun.nicknames == ["왕조현"] and jahyun.segments == [0, 1]
    assert not names(result) & {"장만옥", "왕조현"}


async def test_a_real_name_told_after_a_nickname_and_a_nickname_after_a_name(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "내 친구 중에 왕조현이라는 애가 있어.", "본명은 왕자현인데", "왕조현이랑 똑같이 생겨가지구"),
        segment(1, "우리 반에 민수라는 애가 있거든", "우리끼리 박보검이라고 불러"),
    ], AnalysisContext(clock_offset=EPISODE_2))
    jahyun = entity(result, "왕자현")
    assert "왕조현" in jahyun.nicknames and "왕조현" not in names(result)
    minsu = entity(result, "민수")
    assert minsu.nicknames == ["박보검"] and "박보검" not in names(result)


async def test_a_name_before_a_kin_word_is_a_person(provider: OfflineProvider) -> None:
    # 동룡이 아버지 (동룡's father), said once: 동룡 is someone's child, a person
    result = await provider.analyse([segment(0, "동룡이 아버지! 노을이 좀 바꿔주세요")],
                                    AnalysisContext(clock_offset=EPISODE_2))
    assert "동룡" in names(result)
    alone = await provider.analyse([segment(0, "동룡 좀 바꿔주세요")], AnalysisContext(clock_offset=EPISODE_2))
    assert "동룡" not in names(alone)  # a bare proper noun said once is not enough


async def test_a_full_name_after_this_is_the_speaker_and_a_person(provider: OfflineProvider) -> None:
    # 이 성동일의 소원이야 ("it is this 성동일's wish"): the speaker names himself, once
    result = await provider.analyse([segment(0, "제발 조용히 살자! 이 성동일의 소원이야!!")],
                                    AnalysisContext(clock_offset=EPISODE_2))
    assert "성동일" in names(result)
    alone = await provider.analyse([segment(0, "제발 조용히 살자! 성동일의 소원이야!!")],
                                   AnalysisContext(clock_offset=EPISODE_2))
    assert "성동일" not in names(alone)  # a full name said once, bare, is not enough
    place = await provider.analyse([segment(0, "이 서울에서 살자!")], AnalysisContext(clock_offset=EPISODE_2))
    assert all(e.type != "character" for e in place.entities)  # 이 before a place is only "this"


async def test_a_real_name_told_again_keeps_the_real_name(provider: OfflineProvider) -> None:
    result = await provider.analyse([
        segment(0, "이름 왕자현\n별명 왕조현"),
        segment(1, "내 친구 중에 왕조현이라는 애가 있어.", "본명은 왕자현인데", "우리끼리 왕조현이라고 불러"),
    ], AnalysisContext(clock_offset=EPISODE_2))
    jahyun = entity(result, "왕자현")
    assert jahyun.nicknames == ["왕조현"] and jahyun.segments == [0, 1]
