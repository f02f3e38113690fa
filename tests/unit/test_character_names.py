"""Names a viewer recognises, on short hand-written dialogues in both languages: roles, ranks and
kin words are no characters, a pronoun before a title is no surname, the names of one person
fold into one character shown by its most complete proper name."""

from __future__ import annotations

import pytest

from explainer.core.settings import Settings
from explainer.ingest.resolution import EntityResolver
from explainer.llm.base import AnalysisContext, BatchAnalysis, LineInput, SegmentInput
from explainer.llm.offline import OfflineProvider
from explainer.reading.names import heard_name
from explainer.text.names import normalise_name


@pytest.fixture(scope="module")
def provider() -> OfflineProvider:
    return OfflineProvider(Settings(embedding_dim=256))


def scenes(*scenes: list[str | tuple[str, str]]) -> list[SegmentInput]:
    """One 30-second segment per scene, 40 s apart; a line is its text or (speaker, text), 3 s apart."""
    segments = []
    for index, lines in enumerate(scenes):
        start = index * 40.0
        items = []
        for k, line in enumerate(lines):
            speaker, text = line if isinstance(line, tuple) else (None, line)
            items.append(LineInput(start=start + 3 * k, end=start + 3 * k + 2.5, text=text, speaker=speaker))
        segments.append(SegmentInput(index=index, start=start, end=start + 30, lines=items))
    return segments


def characters(result: BatchAnalysis) -> dict[str, list[str]]:
    return {e.name: e.aliases for e in result.entities if e.type == "character"}


async def test_roles_ranks_and_kin_words_are_no_characters(provider: OfflineProvider) -> None:
    result = await provider.analyse(scenes(
        ["대사님, 안녕하세요.", "고객님, 이쪽으로 오세요.", "동지들! 동지 여러분!", "제수씨 왔어요?",
         "부모님께 인사드려."],
        ["대사님이 오셨어요.", "고객님이 기다리세요.", "제수씨가 그러던데.", "대좌 동지, 명령입니다.",
         "대좌님께 보고해."],
    ), AnalysisContext(language="ko"))
    assert not set(characters(result)) & {"대사", "고객", "동지", "제수", "부모", "대좌"}


async def test_a_role_word_a_speaker_label_uses_is_a_character(provider: OfflineProvider) -> None:
    # the captions use it as the only name of one person
    result = await provider.analyse(scenes(
        [("대사", "반갑습니다."), ("한미소", "대사님, 어서 오세요."), ("대사", "고맙습니다.")],
    ), AnalysisContext(language="ko"))
    assert "대사" in characters(result)


async def test_i_before_a_title_is_no_surname(provider: OfflineProvider) -> None:
    result = await provider.analyse(scenes(
        [("한미소", "그럼 전 대표님께 말씀드릴게요."), ("박준호", "네, 전 대표님 뵙고 올게요.")],
    ), AnalysisContext(language="ko"))
    assert "전대표" not in characters(result)


async def test_a_secretary_labelled_two_ways_in_two_scenes_is_one_person(provider: OfflineProvider) -> None:
    # 수진아 answered by [김비서] twice; [김수진] speaks in another scene (a flashback)
    result = await provider.analyse(scenes(
        [("김비서", "대표님 지시 사항입니다."), "수진아, 고마워.", ("김비서", "네."), "수진아!", ("김비서", "응?")],
        [("김수진", "저는 김수진이에요. 비서직 지원했어요."), ("한미소", "김수진 씨, 반가워요.")],
    ), AnalysisContext(language="ko"))
    found = characters(result)
    assert "김비서" not in found and "김비서" in found["김수진"]


async def test_two_labels_speaking_in_one_scene_are_two_people(provider: OfflineProvider) -> None:
    result = await provider.analyse(scenes(
        [("김비서", "대표님 지시 사항입니다."), "수진아, 고마워.", ("김비서", "네."), "수진아!", ("김비서", "응?"),
         ("김수진", "저는 김수진이에요.")],
    ), AnalysisContext(language="ko"))
    assert {"김비서", "김수진"} <= set(characters(result))


async def test_a_surname_and_title_folds_into_the_one_full_name_of_its_scenes(provider: OfflineProvider) -> None:
    # 강 팀장님은요? at the end of one window, [강태호] answering at the start of the next
    lines = [("김비서", "대표님 지시 사항이에요."), ("김비서", "강 팀장님은요?"), ("강태호", "나 여기 있어요."),
             ("한미소", "네, 강 팀장님."), ("강태호", "한미소 씨, 들어와요."), ("박준호", "강 팀장님, 저도요?")]
    segments = [SegmentInput(index=i, start=i * 30.0, end=i * 30.0 + 30, lines=[]) for i in range(3)]
    for k, (speaker, text) in enumerate(lines):
        start = 24.0 + 9 * k
        segments[int(start // 30)].lines.append(LineInput(start=start, end=start + 2.5, text=text, speaker=speaker))
    found = characters(await provider.analyse(segments, AnalysisContext(language="ko")))
    assert "강팀장" not in found and "강팀장" in found["강태호"]


async def test_a_filler_or_a_broken_word_is_no_part_of_a_name(provider: OfflineProvider) -> None:
    result = await provider.analyse(scenes(
        [("JOEY", "Y'know Phoebe is right."), ("PHOEBE", "Thank you, Joey."), ("CHANDLER", "Y'know Phoebe, wow.")],
        [("MONICA", "Pete Becker called."), ("MONICA", "Pete Beck-errrr is coming."), ("JOEY", "Boss Man Bing!"),
         ("JOEY", "Chandler Bing is here.")],
    ), AnalysisContext(language="en"))
    found = characters(result)
    assert not {n for n in found if "Y'know" in n or "errr" in n or "Boss" in n}
    assert {"Phoebe", "Pete Becker", "Chandler Bing"} <= set(found)


async def test_two_people_are_never_joined_into_one_name(provider: OfflineProvider) -> None:
    result = await provider.analyse(scenes(
        [("MONICA", "Pete Becker called."), ("RACHEL", "Pete Becker? The millionaire?"),
         ("CHANDLER", "Monica Becker! Has a ring to it.")],
        [("MINDY", "Barry Farber is my fiance."), ("MINDY", "Mrs Dr Barry Hunter. That's me."),
         ("MINDY", "I'm Mindy Hunter."), ("RACHEL", "Mindy Hunter, you're crazy.")],
    ), AnalysisContext(language="en"))
    found = characters(result)
    assert not {"Monica Becker", "Barry Hunter"} & set(found)
    assert not {"Monica Becker", "Barry Hunter"} & {a for aliases in found.values() for a in aliases}
    assert {"Monica", "Barry Farber", "Mindy Hunter"} <= set(found)


def test_a_pet_form_never_becomes_the_display_name() -> None:
    resolver = EntityResolver("friends", [{"id": "friends:character:ross", "name": "Ross Geller",
                                           "type": "character", "aliases": ["Ross"]}])
    found = resolver.resolve("Rossy", "character", ["Ross"])
    assert found.name == "Ross Geller" and "Rossy" in found.aliases
    resolver = EntityResolver("friends", [{"id": "friends:character:ross", "name": "Ross", "type": "character",
                                           "aliases": []}])
    assert resolver.resolve("Rossy", "character", ["Ross"]).name == "Ross"
    # a first name cut short still gives way to the name (Pete, joined by analysis, shows as Peter)
    resolver = EntityResolver("friends", [{"id": "friends:character:pete", "name": "Pete", "type": "character",
                                           "aliases": []}])
    assert resolver.resolve("Peter", "character", ["Pete"]).name == "Peter"


async def test_a_pet_form_joins_the_name_it_comes_from(provider: OfflineProvider) -> None:
    result = await provider.analyse(scenes(
        [("MONICA", "Ross, come here."), ("RACHEL", "Oh, Rossy, you're so sweet."), ("ROSS", "Thanks."),
         ("RACHEL", "Come on, Rossy!")],
    ), AnalysisContext(language="en"))
    found = characters(result)
    assert "Rossy" not in found and "Rossy" in found["Ross"]


def test_one_syllable_before_a_title_is_a_surname() -> None:
    # (계 차장): 계 is a rare surname; the character is 계차장, never the fragment 계
    assert normalise_name("계 차장") == normalise_name("계차장님") == "계차장"
    assert normalise_name("여 부장") == "여부장" and normalise_name("한미소 대리님") == "한미소"


async def test_a_rare_surname_and_title_label_names_the_character(provider: OfflineProvider) -> None:
    result = await provider.analyse(scenes(
        [("계 차장", "회의 시작하죠."), ("신하리", "네, 계 차장님."), ("계 차장", "자료는요?")],
    ), AnalysisContext(language="ko"))
    assert "계차장" in characters(result) and "계" not in characters(result)


def test_the_name_shown_is_the_most_complete_heard_the_given_name_first() -> None:
    # Dr. Farber and BARRY heard, Barry Farber not yet: his given name, not his surname
    assert heard_name("Barry Farber", ["Farber", "Barry"]) == "Barry"
    assert heard_name("Barry Farber", ["Farber"]) == "Farber"
    assert heard_name("Barry Farber", ["Barry", "Barry Farber"]) == "Barry Farber"
    # a pet form is not shown once the name is heard; a longer heard name beats a cut one
    assert heard_name("최택", ["택이", "택"]) == "택"
    assert heard_name("Rachel Green", ["Rach", "Rachel"]) == "Rachel"
    # a full name beats a title form, and nothing heard shows the name as stored
    assert heard_name("강태호", ["강팀장", "태호"]) == "태호"
    assert heard_name("강태호", ["강팀장", "강태호"]) == "강태호"
    assert heard_name("한미소", []) == "한미소"
