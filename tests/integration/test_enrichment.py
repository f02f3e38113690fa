"""Wiki enrichment of the demo series against local fixtures modelled on namu.wiki and
Wikipedia: Source nodes for the series and its matched characters, cached with a TTL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli.local_ingest import demo_items, ingest_files
from explainer.core.settings import Settings
from tests.conftest import fresh_store
from tests.support.http_fixture_server import FixtureServer, mount_wiki_fixtures, serve_fixtures

pytestmark = [pytest.mark.graph, pytest.mark.slow]

WIKI = Path(__file__).resolve().parents[2] / "seeds" / "demo" / "wiki"


@pytest.fixture
def wiki_server() -> Iterator[FixtureServer]:
    with serve_fixtures() as server:
        mount_wiki_fixtures(server, WIKI)
        yield server


def enrich_settings(settings: Settings, server: FixtureServer, graph: str) -> Settings:
    return settings.model_copy(update={
        "graph_name": graph, "enrich_enabled": True, "fetch_allow_hosts": server.netloc,
        "fetch_min_interval_seconds": 0.0,
        "namuwiki_base_url": server.url("/namuwiki"), "wikipedia_base_url": server.url("/wikipedia/{lang}")})


async def test_demo_series_enriched_once_per_ttl(settings: Settings, wiki_server: FixtureServer) -> None:
    settings = enrich_settings(settings, wiki_server, "enrich_demo")
    store = await fresh_store(settings)
    try:
        await ingest_files(settings, demo_items()[:1])
        sources = await store.read("series_sources", seriesId="spring-notebook")
        assert {s["kind"] for s in sources} == {"namuwiki", "wikipedia"}
        links = await store.read("list_entity_wiki_links", seriesId="spring-notebook")
        linked = {link["entityName"] for link in links}
        assert {"한미소", "서도윤"} <= linked, linked
        heroine = [link for link in links if link["entityName"] == "한미소"]
        assert all(link["description"] and "<" not in link["description"] for link in heroine)
        fetched = len(wiki_server.requests)
        assert fetched > 0

        await ingest_files(settings, demo_items()[1:2])  # within the TTL: nothing is fetched again
        assert len(wiki_server.requests) == fetched
        assert len(await store.read("series_sources", seriesId="spring-notebook")) == len(sources)
    finally:
        await store.drop_all()
        await store.close()


async def test_wiki_failures_never_fail_ingestion(settings: Settings) -> None:
    with serve_fixtures() as empty:  # every page is missing
        settings = enrich_settings(settings, empty, "enrich_missing")
        store = await fresh_store(settings)
        try:
            [result] = await ingest_files(settings, demo_items()[3:4])
            assert result["status"] == "ready"
            series = await store.read("get_series_enrichment", id="harbor-lights")
            failures = json.loads(series[0]["failures"])
            assert failures and all(f["code"] for f in failures)
            assert await store.read("series_sources", seriesId="harbor-lights") == []
            asked = len(empty.requests)
            await ingest_files(settings, demo_items()[4:5])  # the next episode does not ask again
            assert len(empty.requests) == asked
        finally:
            await store.drop_all()
            await store.close()


async def test_explain_cites_the_wiki_for_a_matched_character(settings: Settings, wiki_server: FixtureServer,
                                                             redis_client: object) -> None:
    from tests.e2e.conftest import app_client

    settings = enrich_settings(settings, wiki_server, "enrich_explain")
    store = await fresh_store(settings)
    try:
        await ingest_files(settings, demo_items()[:1])
        async for client in app_client(settings):
            answer = await client.post("/api/explain", json={
                "videoId": "spring-notebook-s01e01", "selectedText": "한미소 대리님", "timestamp": 700.0})
            assert answer.status_code == 200, answer.text
            data = answer.json()["data"]["explanation"]
            kinds = {s["type"] for s in data["sources"]}
            assert "video_analysis" in kinds and kinds & {"namuwiki", "wikipedia"}, data["sources"]
            # the wiki's plot section spoils later episodes: none of it may reach the answer
            for later_only in ("친오빠", "12년"):
                assert later_only not in answer.text
    finally:
        await store.drop_all()
        await store.close()


async def test_expired_sources_are_refreshed_by_the_scheduled_job(settings: Settings, wiki_server: FixtureServer,
                                                                   redis_client) -> None:
    from rq.registry import ScheduledJobRegistry

    from explainer.ingest.enrich import refresh_expired_sources
    from jobs.maintenance import schedule_wiki_refresh
    from jobs.queues import ENRICH, queue

    settings = enrich_settings(settings, wiki_server, "enrich_refresh").model_copy(update={"wiki_ttl_seconds": 0})
    store = await fresh_store(settings)
    try:
        await ingest_files(settings, demo_items()[3:4])
        before = {s["id"]: s["fetchedAt"] for s in await store.read("series_sources", seriesId="harbor-lights")}
        assert before
        fetched = len(wiki_server.requests)
        assert await refresh_expired_sources(settings, store) == ["harbor-lights"]
        assert len(wiki_server.requests) > fetched  # expired: fetched again
        after = {s["id"]: s["expiresAt"] for s in await store.read("series_sources", seriesId="harbor-lights")}
        assert after.keys() == before.keys()  # refreshed in place, not duplicated

        # the refresh runs as a scheduled job on the enrich queue, once across workers
        assert schedule_wiki_refresh(settings, redis_client) is True
        assert schedule_wiki_refresh(settings, redis_client) is False
        scheduled = ScheduledJobRegistry(queue=queue(ENRICH, redis_client)).get_job_ids()
        assert len(scheduled) == 1
    finally:
        await store.drop_all()
        await store.close()
