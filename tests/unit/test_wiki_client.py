"""fetch_series_knowledge against the local fixture server: pages found, and every failure mode
(404, 429, slow body, changed layout, disambiguation) reported instead of raised."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from explainer.core.fetch import SafeFetcher
from explainer.core.settings import Settings
from explainer.wiki import fetch_series_knowledge, wikipedia_language
from tests.support.http_fixture_server import (
    FixtureServer,
    Route,
    json_route,
    mount_wiki_fixtures,
    redirect_route,
    serve_fixtures,
    text_route,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wiki"
NAMU_PATH = "/namuwiki/w/별빛 세탁소"


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with serve_fixtures() as running:
        mount_wiki_fixtures(running, FIXTURES)
        yield running


@pytest.fixture
def settings(server: FixtureServer) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        namuwiki_base_url=server.url("/namuwiki"),
        wikipedia_base_url=server.url("/wikipedia/{lang}"),
        fetch_timeout_seconds=2.0,
    )


@pytest.fixture
async def fetcher(settings: Settings, server: FixtureServer) -> AsyncIterator[SafeFetcher]:
    async with SafeFetcher(settings, allow_hosts=[server.netloc], min_interval_seconds=0) as safe:
        yield safe


async def test_korean_series_from_namuwiki_and_ko_wikipedia(fetcher: SafeFetcher, settings: Settings,
                                                            server: FixtureServer) -> None:
    report = await fetch_series_knowledge(fetcher, settings, title="별빛 세탁소", language="ko")
    assert report.failures == []
    namu, wiki = report.pages
    assert (namu.kind, namu.language, namu.title) == ("namuwiki", "ko", "별빛 세탁소")
    assert namu.url == server.url("/namuwiki/w/%EB%B3%84%EB%B9%9B%20%EC%84%B8%ED%83%81%EC%86%8C")
    assert namu.infobox["방송사"] == "한빛TV"
    assert [c.name for c in namu.characters][:2] == ["윤하늘", "강도윤"]
    assert (wiki.kind, wiki.language) == ("wikipedia", "ko")
    assert wiki.url == "https://ko.wikipedia.org/wiki/%EB%B3%84%EB%B9%9B_%EC%84%B8%ED%83%81%EC%86%8C"
    assert wiki.summary.startswith("《별빛 세탁소》는 2023년")
    assert wiki.characters[0].name == "윤하늘"
    parse_request = next(r for r in server.requests if r.path == "/wikipedia/ko/w/api.php")
    assert parse_request.query == {"action": "parse", "page": "별빛 세탁소", "prop": "text|sections",
                                   "format": "json", "formatversion": "2", "redirects": "1"}
    assert all(r.headers["user-agent"].startswith("subtitle-explainer/") for r in server.requests)


async def test_english_series_from_en_wikipedia_only(fetcher: SafeFetcher, settings: Settings,
                                                     server: FixtureServer) -> None:
    report = await fetch_series_knowledge(fetcher, settings, title="Starlight Laundromat", language="en-US")
    assert report.failures == []
    [page] = report.pages
    assert (page.kind, page.language, page.title) == ("wikipedia", "en", "Starlight Laundromat")
    assert page.infobox["Network"] == "Hanbit TV"
    assert "Yoon Ha-neul" in [c.name for c in page.characters]
    assert not any(r.path.startswith("/namuwiki") for r in server.requests)
    summary_request = next(r for r in server.requests if "/summary/" in r.path)
    assert summary_request.raw_path.endswith("/page/summary/Starlight_Laundromat")


async def test_redirect_and_disambiguation_on_wikipedia(fetcher: SafeFetcher, settings: Settings,
                                                        server: FixtureServer) -> None:
    summary_path = "/wikipedia/en/api/rest_v1/page/summary/"
    server.add(summary_path + "Laundromat", json_route({"type": "disambiguation", "title": "Laundromat"}))
    server.add(summary_path + "Laundromat_(TV_series)", redirect_route("Starlight_Laundromat", status=302))
    report = await fetch_series_knowledge(fetcher, settings, title="Laundromat", language="en")
    assert report.failures == []
    assert report.pages[0].title == "Starlight Laundromat"


async def test_missing_pages_are_reported_not_raised(fetcher: SafeFetcher, settings: Settings,
                                                     server: FixtureServer) -> None:
    report = await fetch_series_knowledge(fetcher, settings, title="없는 드라마", language="ko")
    assert report.pages == []
    assert sorted((f.source, f.code) for f in report.failures) == [
        ("namuwiki", "not_found"), ("wikipedia", "not_found")]
    namu = next(f for f in report.failures if f.source == "namuwiki")
    assert namu.url.endswith("/namuwiki/w/" + quote("없는 드라마(드라마)"))  # the last variant tried
    assert {r.path for r in server.requests if r.path.startswith("/namuwiki")} == {
        "/namuwiki/w/없는 드라마", "/namuwiki/w/없는 드라마(드라마)"}


async def test_namuwiki_disambiguated_title(fetcher: SafeFetcher, settings: Settings,
                                            server: FixtureServer) -> None:
    article = (FIXTURES / "namuwiki" / "%EB%B3%84%EB%B9%9B%20%EC%84%B8%ED%83%81%EC%86%8C.html").read_bytes()
    server.add("/namuwiki/w/별빛(드라마)", Route(body=article))
    report = await fetch_series_knowledge(fetcher, settings, title="별빛", language="ko")
    namu = next(p for p in report.pages if p.kind == "namuwiki")
    assert namu.url.endswith("/namuwiki/w/" + quote("별빛(드라마)"))
    assert namu.title == "별빛 세탁소"


async def test_rate_limited_namuwiki_keeps_wikipedia(fetcher: SafeFetcher, settings: Settings,
                                                     server: FixtureServer) -> None:
    server.add(NAMU_PATH, text_route("Too Many Requests", status=429, headers={"Retry-After": "30"}))
    report = await fetch_series_knowledge(fetcher, settings, title="별빛 세탁소", language="ko")
    assert [p.kind for p in report.pages] == ["wikipedia"]
    [failure] = report.failures
    assert (failure.source, failure.code, failure.retry_after) == ("namuwiki", "rate_limited", 30.0)
    assert "429" in failure.message


async def test_slow_wiki_times_out_into_a_failure(settings: Settings, server: FixtureServer) -> None:
    server.add(NAMU_PATH, Route(body=b"<html>" + b" " * 400, drip_seconds=0.02, drip_bytes=1))
    async with SafeFetcher(settings, allow_hosts=[server.netloc], min_interval_seconds=0,
                           timeout_seconds=0.3) as impatient:
        report = await fetch_series_knowledge(impatient, settings, title="별빛 세탁소", language="ko")
    assert [(f.source, f.code) for f in report.failures] == [("namuwiki", "timeout")]
    assert [p.kind for p in report.pages] == ["wikipedia"]


async def test_server_error_and_changed_layout(fetcher: SafeFetcher, settings: Settings,
                                               server: FixtureServer) -> None:
    server.add("/wikipedia/ko/api/rest_v1/page/summary/맑은_날_식당", text_route("upstream", status=503))
    report = await fetch_series_knowledge(fetcher, settings, title="맑은 날 식당", language="ko")
    assert report.pages == []
    assert sorted((f.source, f.code) for f in report.failures) == [
        ("namuwiki", "layout"), ("wikipedia", "server_error")]


async def test_broken_wikipedia_json_is_a_failure(fetcher: SafeFetcher, settings: Settings,
                                                  server: FixtureServer) -> None:
    server.add("/wikipedia/en/api/rest_v1/page/summary/Starlight_Laundromat",
               text_route("<html>maintenance</html>", content_type="text/html"))
    report = await fetch_series_knowledge(fetcher, settings, title="Starlight Laundromat", language="en")
    assert [(f.source, f.code) for f in report.failures] == [("wikipedia", "invalid_response")]


async def test_namuwiki_cast_on_subpage_is_followed(fetcher: SafeFetcher, settings: Settings,
                                                    server: FixtureServer) -> None:
    report = await fetch_series_knowledge(fetcher, settings, title="달빛 정류장", language="ko")
    namu = next(p for p in report.pages if p.kind == "namuwiki")
    assert [c.name for c in namu.characters] == ["서도희", "구만복", "정유진"]
    assert server.requests_to("/namuwiki/w/달빛 정류장/등장인물")
    assert [(f.source, f.code) for f in report.failures] == [("wikipedia", "not_found")]


async def test_refused_redirect_is_a_failure(fetcher: SafeFetcher, settings: Settings,
                                             server: FixtureServer) -> None:
    server.add(NAMU_PATH, redirect_route("http://169.254.169.254/latest/meta-data/"))
    report = await fetch_series_knowledge(fetcher, settings, title="별빛 세탁소", language="ko")
    assert [(f.source, f.code) for f in report.failures] == [("namuwiki", "private_address")]


def test_wikipedia_language() -> None:
    assert wikipedia_language("ko") == "ko"
    assert wikipedia_language("ko-KR") == "ko"
    assert wikipedia_language("en") == "en"
    assert wikipedia_language("ja") == "en"


def test_report_serialises(tmp_path: Path) -> None:
    from explainer.wiki import WikiFailure, WikiFetchReport

    report = WikiFetchReport(failures=[WikiFailure(source="namuwiki", url="u", code="timeout", message="m")])
    assert json.loads(report.model_dump_json())["failures"][0]["code"] == "timeout"
