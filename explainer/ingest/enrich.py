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

import redis.asyncio as aioredis

from explainer.core.fetch import SafeFetcher
from explainer.core.settings import Settings
from explainer.ingest.resolution import EntityResolver
from explainer.wiki import fetch_series_knowledge
from graph.repositories import sources as sources_repo
from graph.repositories.entities import series_entities
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
                        force: bool = False, fetcher: SafeFetcher | None = None,
                        redis: aioredis.Redis | None = None) -> EnrichReport:
    """`redis` holds the per-host politeness interval shared by every job (pass the job's client)."""
    now = datetime.now(UTC)
    sources = await sources_repo.series_sources(store, series_id)
    if not force and sources and all(s.expires_at > _iso(now) for s in sources):
        return EnrichReport(skipped=True)
    last = await sources_repo.last_enrichment(store, series_id)
    if not force and not sources and last and last > _iso(now - timedelta(seconds=settings.wiki_retry_seconds)):
        return EnrichReport(skipped=True)  # nothing was found a moment ago: do not hammer the wikis
    own = fetcher is None
    fetcher = fetcher or SafeFetcher(settings, allow_hosts=settings.fetch_allow_host_list,
                                     min_interval_seconds=settings.fetch_min_interval_seconds, redis=redis)
    try:
        report = await fetch_series_knowledge(fetcher, settings, title=title, language=language)
    finally:
        if own:
            await fetcher.aclose()
    expires = _iso(now + timedelta(seconds=settings.wiki_ttl_seconds))
    for page in report.pages:
        await sources_repo.save_source(store, series_id, sources_repo.SourcePage(
            id=source_id(page.kind, page.url), kind=page.kind, url=page.url, title=page.title,
            language=page.language, fetched_at=_iso(page.fetched_at), expires_at=expires, summary=page.summary,
            plot=page.plot, infobox_json=json.dumps(page.infobox, ensure_ascii=False),
            character_names=[c.name for c in page.characters],
            character_aliases=["|".join(c.aliases) for c in page.characters],
            character_descriptions=[c.description for c in page.characters]))
    failures = [{"source": f.source, "url": f.url, "code": f.code, "message": f.message} for f in report.failures]
    await sources_repo.record_enrichment(store, series_id, enriched_at=_iso(now),
                                         failures_json=json.dumps(failures, ensure_ascii=False))
    if failures:
        log.warning("wiki enrichment incomplete", extra={"seriesId": series_id, "failures": failures})
    await link_wiki_characters(store, series_id)
    return EnrichReport(fetched=len(report.pages), failures=failures)


async def link_wiki_characters(store: GraphStore, series_id: str) -> int:
    """Match the wiki's characters to the series' entities (names and aliases, particles and
    honorifics normalised). Unmatched ones stay candidates on the Source: the viewer has not
    met them in the subtitles, so they are not facts of the series graph."""
    sources = await sources_repo.series_sources(store, series_id)
    if not sources:
        return 0
    resolver = EntityResolver(series_id, await series_entities(store, series_id))
    links = []
    for src in sources:
        names = src.character_names
        aliases = src.character_aliases or [""] * len(names)
        descriptions = src.character_descriptions or [""] * len(names)
        for name, alias_text, description in zip(names, aliases, descriptions, strict=False):
            entity = None
            for surface in [name, *[a for a in alias_text.split("|") if a]]:
                entity = resolver.find(surface)
                if entity is not None:
                    break
            if entity is not None and description:
                links.append(sources_repo.SourceLink(source_id=src.id, entity_id=entity.id,
                                                     description=description, wiki_name=name))
    await sources_repo.link_source_entities(store, links)
    return len(links)


async def refresh_expired_sources(settings: Settings, store: GraphStore,
                                  redis: aioredis.Redis | None = None) -> list[str]:
    """Maintenance: re-fetch every series whose sources expired."""
    refreshed = []
    for series in await sources_repo.expired_series(store, _iso(datetime.now(UTC))):
        await enrich_series(settings, store, series_id=series.series_id, title=series.title,
                            language=series.language, force=True, redis=redis)
        refreshed.append(series.series_id)
    return refreshed
