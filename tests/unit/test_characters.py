"""Characters are people: person evidence, the gazetteer, alias joining and the one name matcher."""

from __future__ import annotations

import pytest

from explainer.core.settings import Settings
from explainer.ingest.resolution import EntityResolver
from explainer.llm.base import AnalysisContext, BatchAnalysis, KnownEntity, LineInput, SegmentInput
from explainer.llm.offline import OfflineProvider
from explainer.reading.names import NameIndex
from explainer.text import en, ko
from explainer.text.names import fullness, is_person_label, normalise_name, title_of


@pytest.fixture(scope="module")
def provider() -> OfflineProvider:
    return OfflineProvider(Settings(embedding_dim=256))


def dialogue(*lines: str | tuple[str, str], per_segment: int = 4) -> list[SegmentInput]:
    """Lines 3 s apart, `per_segment` lines to a 30-second segment; (speaker, text) or text."""
    segments: list[SegmentInput] = []
    for k, line in enumerate(lines):
        speaker, text = line if isinstance(line, tuple) else (None, line)
        index = k // per_segment
        if not segments or segments[-1].index != index:
            segments.append(SegmentInput(index=index, start=index * 30.0, end=index * 30.0 + 30, lines=[]))
        start = index * 30.0 + 3 * (k % per_segment)
        segments[-1].lines.append(LineInput(start=start, end=start + 2.5, text=text, speaker=speaker))
    return segments


def characters(result: BatchAnalysis) -> dict[str, list[str]]:
    return {e.name: e.aliases for e in result.entities if e.type == "character"}


def types(result: BatchAnalysis) -> dict[str, str]:
    return {e.name: e.type for e in result.entities}


# --- the gazetteer ---------------------------------------------------------------------------

def test_gazetteer_knows_countries_cities_and_languages() -> None:
    assert all(ko.is_place_name(w) for w in ("베트남", "스페인", "인도", "우간다", "서울", "청담동", "쌍문동"))
    assert all(ko.is_language_name(w) for w in ("영어", "스페인어", "한국어"))
    assert not any(ko.is_place_name(w) or ko.is_language_name(w) for w in ("김미소", "성덕선", "김영동", "미소"))
    assert {"spain", "vietnam", "texas"} <= en.place_names()
    assert {"english", "spanish"} <= en.language_names()


async def test_countries_and_languages_are_never_characters(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        ("김미소", "베트남이랑 스페인 출장 가요?"), ("이영준", "영어 자료는 인도 지사에서 왔어요."),
        ("김미소", "베트남 출장은 다음 주예요."), ("이영준", "청담동에서 보자."),
    ), AnalysisContext())
    found = types(result)
    assert not set(characters(result)) & {"베트남", "스페인", "영어", "인도", "청담동"}
    assert found.get("베트남") in (None, "location")
    assert found.get("청담동") in (None, "location")


async def test_english_places_and_languages_are_never_characters(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        ("MONICA", "We are going to Spain, Ross."), ("ROSS", "I can't speak Spanish."),
        ("MONICA", "Then learn Spanish before Spain."),
    ), AnalysisContext(language="en"))
    people = set(characters(result))
    assert {"Monica", "Ross"} <= people
    assert not people & {"Spain", "Spanish"}


# --- person evidence -------------------------------------------------------------------------

async def test_ordinary_words_are_never_characters(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        "근데 땡큐라고 했어?", "네버 다시는 안 해.", "많으니까 연도별로 정리해.", "아이고, 한번 해 봐.",
        "아무튼 몰라.", "근데 말고 다른 거.",
    ), AnalysisContext())
    assert characters(result) == {}


async def test_vocatives_titles_and_speaker_labels_make_people(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        "미소야, 밥 먹었어?", "영준아! 어디 가?", ("박유식", "괜찮아."), "지아 선배님 오셨어요.",
    ), AnalysisContext())
    assert {"미소", "영준", "박유식", "지아"} <= set(characters(result))


async def test_a_proper_noun_without_person_evidence_is_not_a_character(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue("시조새 닮은 얼굴이야.", "영준아, 시조새 알아?"), AnalysisContext())
    assert "시조새" not in characters(result)
    assert "영준" in characters(result)


async def test_hey_ross_is_a_vocative_and_a_sentence_start_is_not_a_name(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue("Hey, Ross. Coffee?", "Fine, thanks.", "Thanks, Ross!"),
                                    AnalysisContext(language="en"))
    assert set(characters(result)) == {"Ross"}


# --- alias joining ---------------------------------------------------------------------------

async def test_a_title_name_joins_the_person_who_answers_to_it(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        ("이영준", "김비서, 오늘 일정은?"), ("김미소", "오후에 회의가 있습니다."),
        ("이영준", "김비서, 커피 좀."), ("김미소", "네, 부회장님."),
    ), AnalysisContext())
    people = characters(result)
    assert "김비서" not in people
    assert "김비서" in people["김미소"]


async def test_a_title_name_joins_the_one_full_name_with_its_surname_in_its_scenes(
        provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        "김미소 씨가 왔어요.", "김비서 어디 있어?",
        "김미소 씨, 서류요.", "김비서가 가져갔어요.", per_segment=2,
    ), AnalysisContext())
    assert "김비서" in characters(result)["김미소"]


async def test_two_full_names_never_merge(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        ("이영준", "김미소 씨, 김지아 씨 불러 줘요."), ("김미소", "김지아 씨!"), ("김지아", "네, 김미소 선배님."),
        ("이영준", "김비서, 김지아 씨랑 같이 와요."),
    ), AnalysisContext())
    people = characters(result)
    assert {"김미소", "김지아"} <= set(people)
    assert "김지아" not in people["김미소"] and "김미소" not in people["김지아"]


async def test_a_shortened_first_name_joins_the_person(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        ("MONICA", "Come on, Rach."), ("RACHEL", "Yes!"), ("MONICA", "Hurry, Rach!"),
    ), AnalysisContext(language="en"))
    people = characters(result)
    assert "Rach" in people["Rachel"] and "Rach" not in people


# --- the one name matcher --------------------------------------------------------------------

def test_one_name_matcher_for_analysis_and_resolution() -> None:
    index: NameIndex[str] = NameIndex()
    index.add("a", "한미소", canonical=True)
    index.add("a", "미소")
    index.add("b", "Silas Crane", canonical=True)
    assert [i for i, _ in index.matches("미소")] == ["a"]
    assert index.matches("김미소") == []  # another full name sharing the given name
    assert index.matches("Elias Crane") == []
    assert index.matches("Silas") == [("b", False)]
    index.add("c", "지은", canonical=True)
    assert index.matches("한지은") == [("c", False)]  # a fuller name of a bare one
    assert fullness("김비서") == 1 and fullness("미소") == 2 and fullness("한미소") == 3

    resolver = EntityResolver("s", [{"id": "s:character:한미소", "name": "한미소", "type": "character",
                                     "aliases": ["미소", "김비서"]}])
    assert resolver.find("김비서").id == "s:character:한미소"  # type: ignore[union-attr]
    assert resolver.find("김미소") is None
    assert resolver.resolve("김미소", "character").id != "s:character:한미소"


# --- speaker labels that are no one --------------------------------------------------------------

@pytest.mark.parametrize(("label", "person"), [
    ("김비서", True), ("MONICA", True), ("한국어", False), ("[한국어]", False), ("스페인", False),
    ("SPANISH", False), ("남학생", False), ("남학생 2", False), ("MAN", False), ("여자", False), ("", False),
    ("BGM", False), ("OST", False), ("점원들", False), ("스태프4", False), ("가수", False), ("사람들", False),
    ("학생들", False),
])
def test_speaker_labels_that_name_no_one(label: str, person: bool) -> None:
    assert is_person_label(label) is person


def test_the_graph_stage_writes_no_speaker_for_a_language_or_a_role_label() -> None:
    from explainer.ingest.pipeline import EpisodeGraph, Segment
    from explainer.subtitles import Cue
    from graph.repositories.videos import VideoRecord

    video = VideoRecord(id="v", status="processing", progress=0, step=None, error=None, error_code=None,
                        title=None, platform=None, season=1, episode=1, ordinal=1, duration=None, language="ko",
                        series_id="s", series_title=None, registered_at=None, processed_at=None,
                        subtitle_url=None, callback_url=None, degraded=False, llm={})
    cues = [Cue(index=i, start=3.0 * i, end=3.0 * i + 2, text="네.", speaker=speaker)
            for i, speaker in enumerate(("한국어", "남학생", "MAN", "김비서", "여자"))]
    graph = EpisodeGraph(video, [Segment(index=0, start=0.0, end=30.0, cues=cues)], EntityResolver("s", []))
    speakers = graph.add_speakers()
    assert [graph.touched[s["entityId"]].name for s in speakers] == ["김비서"]


# --- evidence carried across batches -----------------------------------------------------------

async def test_the_evidence_of_a_candidate_is_carried_to_the_next_batch(provider: OfflineProvider) -> None:
    from explainer.ingest.pipeline import _advance_context

    context = AnalysisContext()
    for k in range(3):
        batch = [s.model_copy(update={"index": s.index + k}) for s in dialogue("시조새 닮은 얼굴이야.")]
        result = await provider.analyse(batch, context)
        context = _advance_context(context, result, batch)
    assert [(c.name, c.scenes) for c in context.candidates] == [("시조새", [0, 1, 2])]
    batch = [s.model_copy(update={"index": 3}) for s in dialogue("시조새 씨, 안녕하세요.")]
    result = await provider.analyse(batch, context)
    assert "시조새" in characters(result)  # a title: a person now, and no longer a candidate
    assert not _advance_context(context, result, batch).candidates


async def test_bare_recurrence_alone_is_never_enough(provider: OfflineProvider) -> None:
    from explainer.ingest.pipeline import _advance_context

    context = AnalysisContext()
    for k in range(4):
        batch = [s.model_copy(update={"index": s.index + k}) for s in dialogue("시조새 닮은 얼굴이야.")]
        result = await provider.analyse(batch, context)
        assert "시조새" not in characters(result)
        context = _advance_context(context, result, batch)


# --- short given names, glued English names ------------------------------------------------------

async def test_a_one_syllable_given_name_joins_the_one_person_with_a_surname_before_it(
        provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        "택이 오빠, 밥 먹어.", "최택 사범님 오셨습니까?", "최택 씨, 안녕하세요.",
    ), AnalysisContext())
    people = characters(result)
    assert "택이" not in people and "택이" in people["최택"]


async def test_a_one_syllable_name_does_not_join_when_two_people_could_be_it(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        "택이 오빠, 밥 먹어.", "최택 사범님 오셨습니까?", "김택 씨도 왔어요.",
    ), AnalysisContext())
    people = characters(result)
    assert "택이" in people and "택이" not in people["최택"] + people["김택"]


async def test_a_run_of_two_names_glued_together_is_split_at_the_known_name(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        ("MONICA", "Chandler Bing, stop it."), ("JOANNA", "Hi."),
        ("RACHEL", "Joanna, this is my friend Chandler Bing Joanna."),
    ), AnalysisContext(language="en"))
    people = characters(result)
    assert "Chandler Bing Joanna" not in people
    assert {"Chandler Bing", "Joanna"} <= set(people)


async def test_without_labels_the_name_the_line_calls_splits_the_run(provider: OfflineProvider) -> None:
    # community captions: no JOANNA label made her known, but the line calls her by name
    result = await provider.analyse(dialogue(
        "Chandler Bing, stop it.", "Joanna, this is my friend Chandler Bing Joanna.",
    ), AnalysisContext(language="en"))
    people = characters(result)
    assert "Chandler Bing Joanna" not in people and "Chandler Bing" in people
    result = await provider.analyse(dialogue("This is my friend Chandler Bing Joanna."), AnalysisContext(language="en"))
    assert "Chandler Bing" not in characters(result)  # nothing says where one name ends


async def test_a_three_word_name_stays_one(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        ("MONICA", "Hey, Frank Buffay Jr, come in."), ("FRANK", "Hi."),
    ), AnalysisContext(language="en"))
    assert "Frank Buffay Jr" in characters(result)


def test_role_and_title_labels_and_words_that_are_no_one() -> None:
    assert not is_person_label("감독1") and not is_person_label("지배인") and not is_person_label("함께")
    assert is_person_label("고 상무") and is_person_label("오지배인")
    assert all(ko.is_place_name(w) for w in ("소련", "동독"))


def test_the_resolver_takes_the_surname_form_as_the_display_name() -> None:
    resolver = EntityResolver("s", [{"id": "s:character:택", "name": "택", "type": "character", "aliases": []}])
    found = resolver.resolve("최택", "character", ["택"])
    assert found.id == "s:character:택" and found.name == "최택" and "택" in found.aliases


def test_a_joined_alias_that_is_another_node_is_folded_but_two_full_names_never_are() -> None:
    resolver = EntityResolver("s", [
        {"id": "s:character:신하리", "name": "신하리", "type": "character", "aliases": ["하리"]},
        {"id": "s:character:신선임", "name": "신선임", "type": "character", "aliases": []},
        {"id": "s:character:진영서", "name": "진영서", "type": "character", "aliases": []},
    ])
    keep = resolver.resolve("신하리", "character", ["신선임", "진영서"])
    duplicates = resolver.duplicates_of(keep, ["신하리", "신선임", "진영서"])
    assert [d.name for d in duplicates] == ["신선임"]
    resolver.fold(duplicates[0], keep)
    assert resolver.find("신선임") is keep
    assert resolver.folded == {"s:character:신선임": "s:character:신하리"}


def test_a_caption_credit_label_is_no_one() -> None:
    assert not is_person_label("자막") and not is_person_label("번역")


# --- naming phrases, honorifics before 요, lookalike compounds, given names ----------------------

async def test_a_name_introduced_as_someone_is_a_person(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        "아까 한지훈이라는 분한테서 전화 왔었어요.", "덕선이라는 애 알아?", "정환이라고 하는 남자가 찾아왔어.",
        "배우라는 사람이 그렇게 말해?", "엄마라는 사람이 어떻게 그래.",
    ), AnalysisContext())
    people = set(characters(result))
    assert {"한지훈", "덕선", "정환"} <= people  # named as 분, 애, 남자 once each, nothing else
    assert not people & {"배우", "엄마"}  # what someone is, not who


async def test_a_name_the_clause_says_is_someones_is_a_person(provider: OfflineProvider) -> None:
    # X이라고 + (그) kin or person noun, a name beside 그 + kin noun, 이름이 X: each says who
    result = await provider.analyse(dialogue(
        "자네, 영철이라고 그 아들 석진이 알잖네?", "민수라고 친구 있어.", "걔 이름이 지훈이야.",
        "3만원이라고 했다고?", "토요일이라고 다른 데로 새지 말고.", "우리 언니 전과자 되면 어떡하지?",
        "그 언니 전과자가 왔어.", "그 친구 얼굴이 좋더라.", "당신 졸부라고 무시하는 거야, 그 친구가.",
        "그 여자 때문에 이래.", "그 사람 마주칠 때마다 그래.", "그 사람 다시 오면 돌려보내 줘.",
    ), AnalysisContext())
    people = set(characters(result))
    assert {"영철", "석진", "민수", "지훈"} <= people
    # what someone is, or no one (다시: an adverb after 그 사람)
    assert not people & {"3만원", "만원", "토요일", "전과자", "얼굴", "졸부", "때문에", "때문", "마주칠", "다시"}


async def test_an_honorific_before_the_polite_yo_is_a_title(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue("누가 전화했어?", "한지훈 씨요.", "그럼 박준호 대리님요?"),
                                    AnalysisContext())
    people = characters(result)
    assert {"한지훈", "박준호"} <= set(people)


async def test_a_word_ending_like_an_honorific_lookalike_is_no_name(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        "말솜씨가 좋네.", "오늘 날씨 좋다.", "글씨가 예쁘네요.", "미소씨, 말솜씨 좀 봐.",
    ), AnalysisContext())
    assert set(characters(result)) == {"미소"}
    assert normalise_name("말솜씨가") == "말솜씨" and title_of("말솜씨") is None
    assert normalise_name("김 아저씨") == "김아저씨" and normalise_name("민준 형님") == "민준"


async def test_a_given_name_joins_the_only_full_name_ending_with_it(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        ("준호", "한 대리님은 외근 갔어요."), ("미소", "...뭐?"), ("준호", "한미소 대리님 계시냐고요."),
        ("미소", "알았어."),
    ), AnalysisContext())
    people = characters(result)
    assert "미소" not in people and "미소" in people["한미소"]


async def test_a_given_name_stays_alone_when_two_full_names_end_with_it(provider: OfflineProvider) -> None:
    result = await provider.analyse(dialogue(
        ("미소", "안녕하세요."), "한 대리님 왔어요?", "김 대리님도요.", "한미소 대리님, 김미소 대리님 오셨어요.",
    ), AnalysisContext())
    people = characters(result)
    assert {"미소", "한미소", "김미소"} <= set(people)



async def test_a_day_word_is_never_a_character(provider: OfflineProvider) -> None:
    from explainer.text.names import is_time_noun

    assert is_time_noun("생일날") and is_time_noun("그날") and is_time_noun("월요일")
    assert not is_time_noun("한미소") and not is_time_noun("민우")
    # 생일날까지 불러: a person verb after a day word still makes no one of it
    result = await provider.analyse(dialogue(
        "걔는 왜 생일날까지 불러 대?", "생일날이 뭐 대수라고.", "생일날한테 뭐라고 해.",
    ), AnalysisContext())
    assert "생일날" not in characters(result)


async def english_people(provider: OfflineProvider, *lines: tuple[str, str]) -> dict[str, list[str]]:
    return characters(await provider.analyse(dialogue(*lines), AnalysisContext(language="en")))


async def test_reader_evidence_makes_minor_characters_people(provider: OfflineProvider) -> None:
    # a name introduced, the subject of an auxiliary, a full name a pronoun of its gender refers back to
    found = await english_people(
        provider, ("PETER", "Her name's Ann, we met on the plane."),
        ("KATE", "Well, I think Victor can't just kiss her."),
        ("MINDY", "Except for maybe Laurie Schaffer, who I think she hates me."),
        ("ROSS", "I think Central Perk is closed today."))
    assert {"Ann", "Victor", "Laurie Schaffer"} <= set(found)
    assert "Central Perk" not in found  # an auxiliary after a word no first-name lexicon knows proves nothing


async def test_a_lexicon_first_name_alone_is_not_enough(provider: OfflineProvider) -> None:
    found = await english_people(provider, ("ROSS", "We should all go see Victor tonight, I guess."),
                                 ("MONICA", "Okay, I think so."))
    assert "Victor" not in found


async def test_a_shortened_name_from_another_episode_is_not_joined(provider: OfflineProvider) -> None:
    # "Pete", a person of an earlier episode, is not joined to the Peter of this one on the name alone
    known = [KnownEntity(name="Pete", type="character", mentions=3)]
    result = await provider.analyse(dialogue(("PETER", "I bought a restaurant."), ("MONICA", "Wow, Peter!")),
                                    AnalysisContext(language="en", known_entities=known))
    assert "Pete" not in characters(result).get("Peter", [])


def test_a_shortened_first_name_gives_way_to_the_name_it_shortens() -> None:
    resolver = EntityResolver("friends", [])
    first = resolver.resolve("Pete", "character")
    again = resolver.resolve("Peter", "character", ["Pete"])  # analysis joined them on evidence
    assert again.id == first.id and again.name == "Peter" and "Pete" in again.aliases


async def test_a_word_with_a_particle_before_a_title_is_no_name(provider: OfflineProvider) -> None:
    # reply_1988 e01: "the drumsticks (다리는) only to my sister (언니) and Noeul" made 다리 a person
    result = await provider.analyse(dialogue("닭 다리는 언니하고 노을이한테만 주고 나만 날개 주고", "노을아, 밥 먹어!"),
                                    AnalysisContext())
    assert "다리" not in characters(result) and "노을" in characters(result)


async def test_and_after_a_word_a_language_and_a_letter_are_no_person_evidence(provider: OfflineProvider) -> None:
    # Friends dev: "Stir and drink", "sing Memories and make", "it's ah, Gaelic, for ...", "D.D.S."
    found = await english_people(
        provider, ("CHANDLER", "The package says stir and drink. Stir and drink, never let it settle."),
        ("MONICA", "We could sing Memories and make fools of ourselves."),
        ("CHANDLER", "Thanks, it's ah, Gaelic, for thy turkey's done."),
        ("MINDY", "I want to be Mrs. Dr. Barry Farber, D.D.S."))
    assert not {"Stir", "Memories", "Gaelic", "D"} & set(found), found


def test_a_nickname_the_captions_give_folds_into_the_real_name_even_as_a_full_name() -> None:
    resolver = EntityResolver("s", [
        {"id": "s:character:왕조현", "name": "왕조현", "type": "character", "aliases": []},
        {"id": "s:character:진영서", "name": "진영서", "type": "character", "aliases": []},
    ])
    # 이름 왕자현 / 별명 왕조현: the entity known by the nickname takes the real name
    keep = resolver.resolve("왕자현", "character", ["왕조현"], ["왕조현"])
    assert keep.id == "s:character:왕조현" and keep.name == "왕자현" and "왕조현" in keep.aliases
    # a full name that is no nickname of it is still never folded
    assert resolver.duplicates_of(keep, ["왕자현", "진영서"], ["왕조현"]) == []
    resolver2 = EntityResolver("s", [
        {"id": "s:character:장미옥", "name": "장미옥", "type": "character", "aliases": []},
        {"id": "s:character:장만옥", "name": "장만옥", "type": "character", "aliases": []},
    ])
    keep2 = resolver2.resolve("장미옥", "character", ["장만옥"], ["장만옥"])
    assert [d.name for d in resolver2.duplicates_of(keep2, ["장미옥", "장만옥"], ["장만옥"])] == ["장만옥"]
    assert resolver2.duplicates_of(keep2, ["장미옥", "장만옥"]) == []  # not given as a nickname: two people


async def test_words_before_a_title_that_say_which_one_are_no_names(provider: OfflineProvider) -> None:
    # each twice, so recurrence alone could have made them people: an adjective, a class year and a
    # school subject before a title, a title inside a compound (장기자랑: a talent show), an idiom
    # read as surname + title (남이사), a dialect adverb, a thing asked about with the copula
    lines = ["한번 오빠는 영원한 오빠 아닙니까.", "84 학번 선배가 과외비 받았대.", "교련 선생님이 난리 쳤다면서.",
             "장기자랑은 모레거든요", "남이사!", "꼴랑 언니랑 생일이 3일 차이야.", "뭐고, 이거 쫄면이야?",
             "할아버지가 한의원 가셨다가", "그라모 선생님 옆에 계신데", "야! 병신아!",
             "짜식아, 귓구멍에 말뚝을 박아놨나.", "우리 착한 아들내미 먹으라고 아빠가 붕어 잡아왔다."]
    result = await provider.analyse(dialogue(*lines, *lines), AnalysisContext())
    assert not set(characters(result)) & {"영원한", "학번", "교련", "장기자", "남이사", "꼴랑", "쫄면", "한의원",
                                          "그라모", "병신", "짜식", "먹으"}
    # the same constructions with names still make people
    named = await provider.analyse(dialogue("민준 오빠는 영원한 내 편이야.", "김 대리가 과외비 받았대.",
                                            "김비서가 난리 쳤다면서.", "민수야, 이거 쫄면이야?"), AnalysisContext())
    assert {"민준", "김대리", "김비서", "민수"} <= set(characters(named))
