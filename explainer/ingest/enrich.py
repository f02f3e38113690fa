"""Wiki knowledge for a series: namu.wiki and Wikipedia pages stored as `Source` nodes that
DESCRIBE the series, linked to the entities they name. Cached with a TTL: an unexpired source
is never fetched again; the maintenance job refreshes expired ones on the `enrich` queue.

Failures (timeouts, 404, 429, a changed layout) never fail ingestion: they are recorded on the
Series (`enrichmentFailures`) and the video still reaches `ready`."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from explainer.core.fetch import SafeFetcher
from explainer.core.settings import Settings
from explainer.ingest.resolution import EntityResolver
from explainer.wiki import fetch_series_knowledge
from graph.stores import GraphStore

log = logging.getLogger(__name__)


@dataclass
class EnrichReport:
    fetched: int = 0
    skipped: bool = False
    failures: list[dict[str, Any]] = field(default_factory=list)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def source_id(kind: str, url: str) -> str:
    return f"{kind}:{hashlib.sha1(url.encode()).hexdigest()[:16]}"


async def enrich_series(settings: Settings, store: GraphStore, *, series_id: str, title: str, language: str,
                        force: bool = False, fetcher: SafeFetcher | None = None) -> EnrichReport:
    now = datetime.now(UTC)
    sources = await store.read("series_sources", seriesId=series_id)
    if not force and sources and all((s["expiresAt"] or "") > _iso(now) for s in sources):
        return EnrichReport(skipped=True)
    attempted = await store.read("get_series_enrichment", id=series_id)
    last = attempted[0]["enrichedAt"] if attempted else None
    if not force and not sources and last and last > _iso(now - timedelta(seconds=settings.wiki_retry_seconds)):
        return EnrichReport(skipped=True)  # nothing was found a moment ago: do not hammer the wikis
    own = fetcher is None
    fetcher = fetcher or SafeFetcher(settings, allow_hosts=settings.fetch_allow_host_list,
                                     min_interval_seconds=settings.fetch_min_interval_seconds)
    try:
        report = await fetch_series_knowledge(fetcher, settings, title=title, language=language)
    finally:
        if own:
            await fetcher.aclose()
    expires = _iso(now + timedelta(seconds=settings.wiki_ttl_seconds))
    for page in report.pages:
        await store.write(
            "merge_source", seriesId=series_id, id=source_id(page.kind, page.url), kind=page.kind, url=page.url,
            title=page.title, language=page.language, fetchedAt=_iso(page.fetched_at), expiresAt=expires,
            summary=page.summary, plot=page.plot, infobox=json.dumps(page.infobox, ensure_ascii=False),
            characterNames=[c.name for c in page.characters],
            characterAliases=["|".join(c.aliases) for c in page.characters],
            characterDescriptions=[c.description for c in page.characters])
    failures = [{"source": f.source, "url": f.url, "code": f.code, "message": f.message} for f in report.failures]
    await store.write("set_series_enrichment", seriesId=series_id, enrichedAt=_iso(now),
                      failures=json.dumps(failures, ensure_ascii=False))
    if failures:
        log.warning("wiki enrichment incomplete", extra={"seriesId": series_id, "failures": failures})
    await link_wiki_characters(store, series_id)
    return EnrichReport(fetched=len(report.pages), failures=failures)


async def link_wiki_characters(store: GraphStore, series_id: str) -> int:
    """Match the wiki's characters to the series' entities (names and aliases, particles and
    honorifics normalised). Unmatched ones stay candidates on the Source: the viewer has not
    met them in the subtitles, so they are not facts of the series graph."""
    sources = await store.read("series_sources", seriesId=series_id)
    if not sources:
        return 0
    resolver = EntityResolver(series_id, await store.read("series_entities", seriesId=series_id))
    links = []
    for src in sources:
        names = src["characterNames"] or []
        aliases = src["characterAliases"] or [""] * len(names)
        descriptions = src["characterDescriptions"] or [""] * len(names)
        for name, alias_text, description in zip(names, aliases, descriptions, strict=False):
            entity = None
            for surface in [name, *[a for a in alias_text.split("|") if a]]:
                entity = resolver.find(surface)
                if entity is not None:
                    break
            if entity is not None and description:
                links.append({"sourceId": src["id"], "entityId": entity.id, "description": description,
                              "wikiName": name})
    if links:
        await store.write("link_source_entities", links=links)
    return len(links)


async def refresh_expired_sources(settings: Settings, store: GraphStore) -> list[str]:
    """Maintenance: re-fetch every series whose sources expired."""
    refreshed = []
    for row in await store.read("expired_sources", now=_iso(datetime.now(UTC))):
        await enrich_series(settings, store, series_id=row["seriesId"], title=row["title"],
                            language=row["language"], force=True)
        refreshed.append(row["seriesId"])
    return refreshed
