"""Wiki parsers: pure functions over fixture pages modelled on namu.wiki and Wikipedia markup
for a fictional drama, 별빛 세탁소 (Starlight Laundromat)."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.wiki import (
    WikiPage,
    WikiResponseError,
    find_character_subpage,
    parse_namuwiki_article,
    parse_namuwiki_characters,
    parse_wikipedia_article,
    parse_wikipedia_html,
    parse_wikipedia_summary,
)
from explainer.wiki.characters import parse_entry
from tests.support.http_fixture_server import fixture_name

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wiki"
NAMU_URL = "https://namu.wiki/w/%EB%B3%84%EB%B9%9B%20%EC%84%B8%ED%83%81%EC%86%8C"
# Strings planted in scripts, styles, footnotes, edit links, folding labels and hidden spans.
LEAK_MARKERS = ("<", ">", "SECRET", "광고", "[1]", "[2]", "[편집]", "편집", "펼치기", "숨은광고문구",
                "{", "}", "display", "mw-parser-output", "cite", "edit", "^")


def namu(title: str) -> str:
    return (FIXTURES / "namuwiki" / f"{fixture_name(title)}.html").read_text(encoding="utf-8")


def wikipedia(lang: str, kind: str, title: str) -> str:
    return (FIXTURES / "wikipedia" / lang / kind / f"{fixture_name(title)}.json").read_text(encoding="utf-8")


def all_text(page: WikiPage) -> list[str]:
    texts = [page.title, page.summary, page.plot, *page.infobox, *page.infobox.values()]
    for character in page.characters:
        texts += [character.name, character.description, character.actor or "", *character.aliases]
    return texts


def assert_no_leaks(page: WikiPage) -> None:
    for text in all_text(page):
        for marker in LEAK_MARKERS:
            assert marker not in text, f"{marker!r} leaked into {text!r}"


@pytest.fixture(scope="module")
def namu_page() -> WikiPage:
    return parse_namuwiki_article(namu("별빛 세탁소"), url=NAMU_URL)


# --- namu.wiki ----------------------------------------------------------------------------------

def test_namuwiki_title_and_summary(namu_page: WikiPage) -> None:
    assert namu_page.kind == "namuwiki"
    assert namu_page.language == "ko"
    assert namu_page.title == "별빛 세탁소"
    assert namu_page.summary == (
        "한빛TV에서 2023년 3월 6일부터 4월 25일까지 방영된 월화 드라마. "
        "골목 끝 낡은 세탁소를 물려받은 윤하늘이 손님들이 맡긴 옷 속 사연을 풀어 가는 휴먼 로맨스다."
    )


def test_namuwiki_infobox_skips_navigation_box(namu_page: WikiPage) -> None:
    assert namu_page.infobox == {
        "장르": "휴먼, 로맨스, 미스터리",
        "방송 시간": "월, 화 오후 9시 20분 ~ 10시 30분",
        "방송 기간": "2023년 3월 6일 ~ 2023년 4월 25일",
        "방송사": "한빛TV",
        "연출": "김도현",
        "극본": "한소라",
        "출연": "정다은, 문태오, 배유진",
        "회차": "16부작",
    }
    assert namu_page.infobox_value("broadcaster") == "한빛TV"
    assert namu_page.infobox_value("air_dates") == "2023년 3월 6일 ~ 2023년 4월 25일"
    assert namu_page.infobox_value("cast") == "정다은, 문태오, 배유진"


def test_namuwiki_characters_from_lists_nested_lists_tables_folding_and_headings(namu_page: WikiPage) -> None:
    by_name = {c.name: c for c in namu_page.characters}
    assert list(by_name) == ["윤하늘", "강도윤", "박순자", "최민재", "윤석진", "윤바다", "오말순"]
    # bold name, "(배우: …)", " - " description; a nickname in the text becomes an alias
    assert by_name["윤하늘"].actor == "정다은"
    assert by_name["윤하늘"].description.startswith("별빛 세탁소의 2대 사장. 29세.")
    assert by_name["윤하늘"].aliases == ["하늘 사장"]
    # "(문태오 분)" and a description in nested list items, two levels deep
    assert by_name["강도윤"].actor == "문태오"
    assert by_name["강도윤"].description == (
        "세탁소 2층으로 이사 온 영화음악 작곡가. 무뚝뚝하지만 매일 같은 시간에 셔츠를 맡긴다. "
        "셔츠 주머니에는 늘 악보 조각이 들어 있다."
    )
    # a table with a 배역 | 배우 | 설명 header row; "(민재)" is an alias
    assert by_name["박순자"].actor == "배유진"
    assert by_name["박순자"].aliases == ["바늘 할머니"]
    assert by_name["최민재"].aliases == ["민재"]
    assert by_name["최민재"].description == "배달 아르바이트생. 하늘을 누나라고 부른다."
    # a group item ("하늘의 가족") inside a folding block: its nested items are the characters
    assert by_name["윤석진"].actor == "오성철"
    assert by_name["윤석진"].description == "하늘의 아버지. 10년 전 세탁소 문을 닫은 날 사라졌다."
    assert by_name["윤바다"].actor == "서하윤"
    assert by_name["윤바다"].aliases == ["바다"]
    # a subsection named after the character, with a profile table and "배우: …" line
    assert by_name["오말순"].actor == "김복희"
    assert by_name["오말순"].aliases == ["말순 여사"]
    assert by_name["오말순"].description == "세탁소 건물의 주인. 월세 대신 매주 이불 빨래를 맡긴다."
    assert "하늘의 가족" not in by_name


def test_namuwiki_plot_includes_folded_spoiler(namu_page: WikiPage) -> None:
    assert namu_page.plot.startswith("아버지가 사라진 지 10년, 윤하늘은 아버지의 세탁소를 다시 연다.")
    assert "마지막 회에서 하늘의 아버지 윤석진이 살아 돌아오고" in namu_page.plot


def test_namuwiki_output_is_text_only(namu_page: WikiPage) -> None:
    assert_no_leaks(namu_page)
    assert "결말 스포일러" not in namu_page.plot  # the folding label is chrome, not content
    assert "얼룩은 지워져도" not in namu_page.summary  # a later section, not the summary


def test_namuwiki_changed_layout_yields_an_empty_page() -> None:
    page = parse_namuwiki_article(namu("맑은 날 식당"), url="https://namu.wiki/w/x")
    assert page.is_empty
    assert page.title == "맑은 날 식당"


def test_namuwiki_character_subpage() -> None:
    article = namu("달빛 정류장")
    page = parse_namuwiki_article(article, url="https://namu.wiki/w/%EB%8B%AC%EB%B9%9B%20%EC%A0%95%EB%A5%98%EC%9E%A5")
    assert page.characters == []
    assert page.summary.startswith("한빛TV에서 2022년에 방영된 12부작 미니시리즈.")
    assert find_character_subpage(article) == "달빛 정류장/등장인물"
    assert find_character_subpage(namu("별빛 세탁소")) is None
    characters = {c.name: c for c in parse_namuwiki_characters(namu("달빛 정류장/등장인물"))}
    assert list(characters) == ["서도희", "구만복", "정유진"]
    assert characters["구만복"].aliases == ["만복 기사"]
    assert characters["정유진"].actor == "오나래"
    assert characters["정유진"].description == "서울에서 내려온 사진작가."


# --- Wikipedia ----------------------------------------------------------------------------------

def test_wikipedia_summary() -> None:
    summary = parse_wikipedia_summary(wikipedia("en", "summary", "Starlight Laundromat"))
    assert summary.title == "Starlight Laundromat"
    assert summary.display_title == "Starlight Laundromat"  # <i> markup removed
    assert summary.kind == "standard"
    assert summary.description == "2023 South Korean television series"
    assert summary.page_url == "https://en.wikipedia.org/wiki/Starlight_Laundromat"
    assert summary.extract.startswith("Starlight Laundromat is a 2023 South Korean television series")


def test_wikipedia_en_article() -> None:
    summary = parse_wikipedia_summary(wikipedia("en", "summary", "Starlight Laundromat"))
    page = parse_wikipedia_article(wikipedia("en", "parse", "Starlight Laundromat"), url=summary.page_url or "",
                                   language="en", summary=summary)
    assert page.kind == "wikipedia"
    assert page.summary == summary.extract
    assert page.infobox["Genre"] == "Human drama, Romance, Mystery"
    assert page.infobox["Network"] == "Hanbit TV"
    assert page.infobox["No. of episodes"] == "16"
    assert page.infobox["Release"] == "March 6 – April 25, 2023"  # citation marker dropped
    assert page.infobox_value("broadcaster") == "Hanbit TV"
    assert page.infobox_value("cast") == "Jung Da-eun, Moon Tae-o, Bae Yu-jin"
    by_name = {c.name: c for c in page.characters}
    assert list(by_name) == ["Yoon Ha-neul", "Kang Do-yoon", "Park Soon-ja", "Choi Min-jae", "Yoon Seok-jin"]
    assert by_name["Yoon Ha-neul"].actor == "Jung Da-eun"
    assert by_name["Yoon Ha-neul"].description.startswith("the second-generation owner of the Starlight Laundromat")
    assert by_name["Park Soon-ja"].aliases == ["Grandma Needle"]
    assert by_name["Yoon Seok-jin"].description == "Ha-neul's missing father."
    assert page.plot.startswith("Ten years after her father vanished, Yoon Ha-neul reopens his laundromat.")
    assert_no_leaks(page)


def test_wikipedia_lead_paragraph_without_rest_summary() -> None:
    page = parse_wikipedia_article(wikipedia("en", "parse", "Starlight Laundromat"), url="u", language="en")
    assert page.title == "Starlight Laundromat"
    assert page.summary.startswith("Starlight Laundromat (Korean: 별빛 세탁소) is a 2023 South Korean television")
    assert "Not to be confused" not in page.summary


def test_wikipedia_ko_article_with_legacy_headings() -> None:
    summary = parse_wikipedia_summary(wikipedia("ko", "summary", "별빛 세탁소"))
    page = parse_wikipedia_article(wikipedia("ko", "parse", "별빛 세탁소"), url="u", language="ko", summary=summary)
    assert page.summary == "《별빛 세탁소》는 2023년 3월 6일부터 4월 25일까지 한빛TV에서 방영된 월화 드라마이다."
    assert page.infobox_value("broadcaster") == "한빛TV"
    assert page.infobox_value("episodes") == "16부작"
    characters = [(c.name, c.actor, c.description) for c in page.characters]
    assert characters == [
        ("윤하늘", "정다은", "(29세) 별빛 세탁소 사장."),
        ("강도윤", "문태오", "2층에 사는 작곡가."),
        ("박순자", "배유진", "수선 담당 직원."),
    ]
    assert page.plot == "아버지가 사라진 지 10년, 윤하늘은 세탁소를 다시 연다. 마지막 회에서 아버지가 돌아온다."
    assert_no_leaks(page)


def test_wikipedia_parsoid_sections() -> None:
    html = """<html><body>
    <section data-mw-section-id="0"><p>Harbor Lights is a 2021 British drama series set in a fishing town.</p></section>
    <section data-mw-section-id="1"><h2 id="Plot">Plot</h2><p>A lighthouse keeper returns.</p>
      <section data-mw-section-id="2"><h3 id="Series_1">Series 1</h3><p>The storm.</p></section></section>
    <section data-mw-section-id="3"><h2 id="Cast">Cast</h2>
      <ul><li>Ann Reed as Maggie Doyle, the keeper</li></ul></section>
    </body></html>"""
    page = parse_wikipedia_html(html, url="u", language="en", title="Harbor Lights")
    assert page.summary == "Harbor Lights is a 2021 British drama series set in a fishing town."
    assert page.plot == "A lighthouse keeper returns.\nSeries 1\nThe storm."
    assert [(c.name, c.actor, c.description) for c in page.characters] == [
        ("Maggie Doyle", "Ann Reed", "the keeper")]


@pytest.mark.parametrize(("payload", "reason"), [
    ('{"error": {"code": "missingtitle", "info": "The page you specified doesn\'t exist."}}', "not_found"),
    ('{"error": {"code": "ratelimited", "info": "slow down"}}', "api_error"),
    ("<html>maintenance</html>", "invalid_response"),
    ('{"batchcomplete": true}', "invalid_response"),
])
def test_wikipedia_api_errors(payload: str, reason: str) -> None:
    with pytest.raises(WikiResponseError) as exc:
        parse_wikipedia_article(payload, url="u", language="en")
    assert exc.value.context["reason"] == reason


def test_wikipedia_summary_not_found() -> None:
    with pytest.raises(WikiResponseError) as exc:
        parse_wikipedia_summary('{"type": "https://mediawiki.org/wiki/HyperSwitch/errors/not_found"}')
    assert exc.value.context["reason"] == "not_found"


# --- character lines ----------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "name", "actor", "aliases", "description"), [
    ("한미소 (배우: 아무개) - 설명", "한미소", "아무개", [], "설명"),
    ("한미소(아무개 분): 세탁소 직원", "한미소", "아무개", [], "세탁소 직원"),
    ("한미소 (韓美笑 / 배우: 아무개) – 주인공", "한미소", "아무개", ["韓美笑"], "주인공"),
    ("한미소 (별명: 미소 대리) - 회사원", "한미소", None, ["미소 대리"], "회사원"),
    ("아무개 : 한미소 역 (29세) - 세탁소 직원", "한미소", "아무개", [], "(29세) 세탁소 직원"),
    ("Jane Roe as Mia Han, a laundromat worker", "Mia Han", "Jane Roe", [], "a laundromat worker"),
    ("Jane Roe as Mia Han (also known as Mimi)", "Mia Han", "Jane Roe", ["Mimi"], ""),
    ('Ada Stone as Theo "Teddy" Reyes, her brother', "Theo Reyes", "Ada Stone", ["Teddy"], "her brother"),
    ("Mia Han (played by Jane Roe) – a laundromat worker", "Mia Han", "Jane Roe", [], "a laundromat worker"),
    ("한미소", "한미소", None, [], ""),
])
def test_parse_entry(line: str, name: str, actor: str | None, aliases: list[str], description: str) -> None:
    entry = parse_entry(line)
    assert entry is not None
    character = entry.to_character()
    assert (character.name, character.actor, character.aliases, character.description) == (
        name, actor, aliases, description)


def test_parse_entry_rejects_prose() -> None:
    prose = "이 드라마는 실제 세탁소를 배경으로 하여 여러 인물이 등장하는 이야기를 다루며 총 16부작이다"
    assert parse_entry(prose) is None
