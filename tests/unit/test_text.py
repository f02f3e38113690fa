"""Language-aware text helpers: language detection, particles, honorifics, name keys."""

from __future__ import annotations

import pytest

from explainer.text.names import (
    detect_language,
    given_name,
    name_key,
    name_keys,
    normalise_name,
    strip_honorifics,
    strip_particles,
    title_of,
    with_particle,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("그때 그 사람이었어", "ko"),
    ("미소 씨, OK?", "ko"),
    ("It was that person back then.", "en"),
    ("Hello 미소", "en"),  # two Hangul letters among seven
    ("", "en"),
    ("12:30 ...", "en"),
])
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(("word", "expected"), [
    ("미소가", "미소"),
    ("미소는", "미소"),
    ("미소를", "미소"),
    ("미소의", "미소"),
    ("미소도", "미소"),
    ("미소만", "미소"),
    ("미소야", "미소"),
    ("미소랑", "미소"),
    ("미소와", "미소"),
    ("미소로", "미소"),
    ("미소한테", "미소"),
    ("미소에게", "미소"),
    ("미소한테도", "미소"),
    ("미소에게는", "미소"),
    ("민준이", "민준"),
    ("민준이가", "민준"),
    ("민준이는", "민준"),
    ("민준이한테", "민준"),
    ("민준이랑", "민준"),
    ("민준아", "민준"),
    ("민준과", "민준"),
    ("민준을", "민준"),
    ("민준으로", "민준"),
    ("민준은", "민준"),
    ("서울로", "서울"),  # 로 after ㄹ
    ("강남역에서", "강남역"),
    ("회장님께서", "회장님"),
    ("나는", "나"),
    ("Jane's", "Jane"),
    # name syllables and bare particles stay
    ("미소", "미소"),
    ("한테", "한테"),
    ("에서", "에서"),
    ("미아", "미아"),  # 아 only follows a consonant
    ("지은", "지은"),  # 은 only follows a consonant
    ("하은", "하은"),
    ("민아", "민아"),  # one-syllable stem: a name, not 민 + 아
    ("민도", "민도"),
    ("수이", "수이"),  # 이 only follows a consonant
    ("종로", "종로"),  # 로 does not follow ㅇ
    ("사이", "사이"),
    ("Jane", "Jane"),
])
def test_strip_particles(word: str, expected: str) -> None:
    assert strip_particles(word) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("미소 씨", "미소"),
    ("미소씨", "미소"),
    ("미소님", "미소"),
    ("민준 오빠", "민준"),
    ("민준오빠", "민준"),
    ("수진 언니", "수진"),
    ("민준 형", "민준"),
    ("지훈 선배", "지훈"),
    ("지훈 선배님", "지훈"),
    ("김 비서님", "김비서"),
    ("김 비서", "김비서"),
    ("김비서", "김비서"),
    ("한 대리", "한대리"),
    ("박 형사님", "박형사"),
    ("한미소 대리님", "한미소"),
    ("이영준 부회장님", "이영준"),
    ("팀장님", "팀장"),
    ("비서님", "비서"),
    ("이사장님", "이사장"),  # not 이 + 사장
    ("김민형", "김민형"),  # 형 only counts after a space
    ("아저씨", "아저씨"),
    ("날씨", "날씨"),
    ("형님", "형님"),
    ("선생님", "선생님"),
    ("Detective Park", "Park"),
    ("Mr. Kim", "Kim"),
    ("Jane Doe", "Jane Doe"),
])
def test_strip_honorifics(name: str, expected: str) -> None:
    assert strip_honorifics(name) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("한미소 대리님", "대리"),
    ("미소 씨", "씨"),
    ("김 비서님", "비서"),
    ("김비서", "비서"),
    ("민준 오빠", "오빠"),
    ("팀장님", "팀장"),
    ("Detective Park", "detective"),
    ("미소", None),
    ("김민형", None),
    ("Jane", None),
])
def test_title_of(name: str, expected: str | None) -> None:
    assert title_of(name) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("미소가", "미소"),
    ("미소 씨가", "미소"),
    ("\"미소야!\"", "미소"),
    ("김 비서님이", "김비서"),
    ("김비서가", "김비서"),
    ("한 미소", "한미소"),
    ("  한미소   대리님은 ", "한미소"),
    ("Detective Park's", "Park"),
    ("Jane  Doe,", "Jane Doe"),
    ("...", ""),
])
def test_normalise_name(text: str, expected: str) -> None:
    assert normalise_name(text) == expected


def test_name_keys_of_korean_names() -> None:
    assert name_keys("한미소") == {"한미소", "미소"}
    assert name_keys("한미소 대리님") == {"한미소", "미소"}
    assert name_keys("남궁민수") == {"남궁민수", "민수"}
    assert name_keys("미소 씨") == {"미소"}
    assert name_keys("김 비서님") == {"김비서"}
    assert name_keys("강남역") == {"강남역"}  # a place, not 강 + 남역
    assert name_keys("선생님") == {"선생님"}
    assert name_keys("") == set()


def test_name_keys_of_english_names() -> None:
    assert name_keys("Jane Doe") == {"janedoe", "jane", "doe"}
    assert name_keys("Detective Park") == {"park"}


@pytest.mark.parametrize("mention", [
    "미소", "미소 씨", "미소야", "한미소", "미소가", "한 미소", "한대리", "한 대리님이"])
def test_every_form_finds_the_entity_through_its_keys(mention: str) -> None:
    # the rule the graph and explain use: the mention's primary key among the entity's keys
    entity_keys = name_keys("한미소") | name_keys("한대리")  # name + a known alias
    assert name_key(mention) in entity_keys


def test_a_different_full_name_does_not_match() -> None:
    assert name_key("김미소") not in name_keys("한미소")


def test_given_name() -> None:
    assert given_name("한미소") == "미소"
    assert given_name("미소") is None
    assert given_name("김비서") is None  # a title-name
    assert given_name("서울병원") is None


@pytest.mark.parametrize(("word", "pair", "expected"), [
    ("미소", "이/가", "미소가"),
    ("민준", "이/가", "민준이"),
    ("미소", "은/는", "미소는"),
    ("민준", "을/를", "민준을"),
    ("민준", "과/와", "민준과"),
    ("미소", "과/와", "미소와"),
    ("서울", "으로/로", "서울로"),
    ("강남역", "으로/로", "강남역으로"),
    ("Jane", "은/는", "Jane은(는)"),
])
def test_with_particle(word: str, pair: str, expected: str) -> None:
    assert with_particle(word, pair) == expected


@pytest.mark.parametrize(("label", "generic"), [("MAN", True), ("Woman 2", True), ("여자", True),
                                                ("NARRATOR", True), ("MONICA", False), ("김비서", False)])
def test_role_labels_are_not_character_names(label: str, generic: bool) -> None:
    from explainer.text.names import is_generic_speaker

    assert is_generic_speaker(label) is generic


def test_excerpt_quotes_the_sentences_around_a_name() -> None:
    from explainer.text.names import excerpt

    scene = "아, 타요! 잠시만요. 성함이라도 알려 주세요. 서도윤이에요. 그냥 지나가던 사람입니다. 봄은 늘 늦게 와요."
    quoted = excerpt(scene, ["서도윤"], limit=60)
    assert "서도윤이에요." in quoted and len(quoted) <= 61
    assert excerpt("No names here. Just weather.", ["Silas"]) == "No names here. Just weather."
    assert excerpt("x" * 200, [], limit=50).endswith("…")
