"""Wiki `Source` nodes of a series, the record of enrichment attempts, and the links from a
source's characters to the series' entities."""

from __future__ import annotations

from dataclasses import dataclass

from graph.stores import GraphStore


@dataclass(frozen=True, slots=True)
class SeriesSource:
    id: str
    kind: str
    url: str
    expires_at: str
    # parallel lists: a character's name, its aliases joined by "|", its description
    character_names: list[str]
    character_aliases: list[str]
    character_descriptions: list[str]


@dataclass(frozen=True, slots=True)
class SourcePage:
    id: str
    kind: str
    url: str
    title: str
    language: str
    fetched_at: str
    expires_at: str
    summary: str
    plot: str
    infobox_json: str
    character_names: list[str]
    character_aliases: list[str]
    character_descriptions: list[str]


@dataclass(frozen=True, slots=True)
class SourceLink:
    source_id: str
    entity_id: str
    description: str
    wiki_name: str


@dataclass(frozen=True, slots=True)
class ExpiredSeries:
    series_id: str
    title: str
    language: str


async def series_sources(store: GraphStore, series_id: str) -> list[SeriesSource]:
    rows = await store.read("series_sources", seriesId=series_id)
    return [SeriesSource(id=r["id"], kind=r["kind"], url=r["url"], expires_at=str(r["expiresAt"] or ""),
                         character_names=list(r["characterNames"] or []),
                         character_aliases=list(r["characterAliases"] or []),
                         character_descriptions=list(r["characterDescriptions"] or [])) for r in rows]


async def last_enrichment(store: GraphStore, series_id: str) -> str | None:
    """When enrichment of the series was last attempted (ISO-8601 UTC), found something or not."""
    rows = await store.read("get_series_enrichment", id=series_id)
    return rows[0]["enrichedAt"] if rows else None


async def save_source(store: GraphStore, series_id: str, page: SourcePage) -> None:
    await store.write(
        "merge_source", seriesId=series_id, id=page.id, kind=page.kind, url=page.url, title=page.title,
        language=page.language, fetchedAt=page.fetched_at, expiresAt=page.expires_at, summary=page.summary,
        plot=page.plot, infobox=page.infobox_json, characterNames=page.character_names,
        characterAliases=page.character_aliases, characterDescriptions=page.character_descriptions)


async def record_enrichment(store: GraphStore, series_id: str, *, enriched_at: str, failures_json: str) -> None:
    await store.write("set_series_enrichment", seriesId=series_id, enrichedAt=enriched_at, failures=failures_json)


async def link_source_entities(store: GraphStore, links: list[SourceLink]) -> None:
    if links:
        await store.write("link_source_entities", links=[
            {"sourceId": x.source_id, "entityId": x.entity_id, "description": x.description,
             "wikiName": x.wiki_name} for x in links])


async def expired_series(store: GraphStore, now: str) -> list[ExpiredSeries]:
    return [ExpiredSeries(series_id=r["seriesId"], title=r["title"], language=r["language"])
            for r in await store.read("expired_sources", now=now)]
