"""The demo series' wiki fixtures (seeds/demo/wiki) parse into the story bible's characters, and
their spoilers stay in `plot` only."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from explainer.core.fetch import SafeFetcher
from explainer.core.settings import Settings
from explainer.wiki import WikiPage, fetch_series_knowledge
from tests.support.http_fixture_server import FixtureServer, mount_wiki_fixtures, serve_fixtures

DEMO_WIKI = Path(__file__).resolve().parents[2] / "seeds" / "demo" / "wiki"
# Words the story bible keeps out of episode 1 (they only come with e02/e03).
LATER_EPISODE_WORDS = ("친오빠", "오빠", "12년", "집을 나갔", "편지", "로비")


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with serve_fixtures() as running:
        mount_wiki_fixtures(running, DEMO_WIKI)
        yield running


@pytest.fixture
async def fetched(server: FixtureServer) -> AsyncIterator[tuple[Settings, SafeFetcher]]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, namuwiki_base_url=server.url("/namuwiki"),
        wikipedia_base_url=server.url("/wikipedia/{lang}"), fetch_timeout_seconds=2.0,
    )
    async with SafeFetcher(settings, allow_hosts=[server.netloc], min_interval_seconds=0) as fetcher:
        yield settings, fetcher


def non_plot_text(page: WikiPage) -> str:
    parts = [page.summary, *page.infobox.values()]
    for character in page.characters:
        parts += [character.name, character.description, *character.aliases]
    return "\n".join(parts)


async def test_spring_notebook_pages(fetched: tuple[Settings, SafeFetcher]) -> None:
    settings, fetcher = fetched
    report = await fetch_series_knowledge(fetcher, settings, title="수첩 속의 봄", language="ko")
    assert report.failures == []
    namu, wiki = report.pages
    assert (namu.kind, wiki.kind, wiki.language) == ("namuwiki", "wikipedia", "ko")

    characters = {c.name: c for c in namu.characters}
    assert list(characters) == ["한미소", "강태호", "박준호", "김수진", "윤정숙", "서도윤", "한지훈"]
    assert characters["박준호"].aliases == ["곰돌이"]
    assert characters["김수진"].aliases == ["수진", "김비서"]
    assert characters["한미소"].aliases == ["한 대리님"]
    assert characters["강태호"].aliases == ["강 팀장님"]
    assert characters["서도윤"].actor == "차은결"
    assert characters["윤정숙"].actor is None
    assert namu.infobox_value("broadcaster") == "누리TV"
    assert namu.infobox_value("episodes") == "3부작"
    assert "봄밤" in namu.summary
    assert [c.name for c in wiki.characters] == ["한미소", "강태호", "김수진", "박준호", "서도윤", "한지훈"]

    for page in (namu, wiki):
        assert "친오빠" in page.plot and "12년" in page.plot  # the spoiler trap is there …
        leaked = [w for w in LATER_EPISODE_WORDS if w in non_plot_text(page)]
        assert leaked == [], f"{page.kind}: {leaked}"  # … and only there


async def test_harbor_lights_page(fetched: tuple[Settings, SafeFetcher]) -> None:
    settings, fetcher = fetched
    report = await fetch_series_knowledge(fetcher, settings, title="Harbor Lights", language="en")
    assert report.failures == []
    [page] = report.pages
    assert page.summary.startswith("Harbor Lights is a 2024 television mystery miniseries")
    assert page.infobox_value("broadcaster") == "Seaboard One"
    characters = {c.name: c for c in page.characters}
    assert list(characters) == ["Monica Reyes", "Owen Hale", "Theo Reyes", "Grace Whitlock", "Silas Crane"]
    assert characters["Theo Reyes"].aliases == ["Teddy"]
    assert characters["Silas Crane"].actor == "Rupert Vance"
    assert "grandson" in page.plot
    assert "grandson" not in non_plot_text(page)
