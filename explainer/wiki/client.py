"""Fetch what the wikis know about a series. Enrichment is best effort: nothing here raises for
a missing page, a slow or rate-limiting wiki or a layout the parser does not recognise; the
report lists what was fetched and what failed (and why) instead."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from explainer.core.errors import ExternalServiceError, FetchRefused
from explainer.core.fetch import FetchResult, SafeFetcher
from explainer.core.settings import Settings
from explainer.wiki.model import WikiFailure, WikiFetchReport, WikiKind, WikiPage, WikiResponseError
from explainer.wiki.namuwiki import (
    find_character_subpage,
    namuwiki_article_url,
    parse_namuwiki_article,
    parse_namuwiki_characters,
)
from explainer.wiki.wikipedia import (
    WikipediaSummary,
    parse_wikipedia_article,
    parse_wikipedia_summary,
    wikipedia_base_url,
    wikipedia_page_url,
    wikipedia_parse_url,
    wikipedia_summary_url,
)

HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
JSON = "application/json"
# Article titles tried in order when the plain title is missing (or a disambiguation page).
NAMUWIKI_VARIANTS = ("{title}", "{title}(드라마)")
WIKIPEDIA_VARIANTS: dict[str, tuple[str, ...]] = {
    "ko": ("{title}", "{title} (드라마)", "{title} (텔레비전 드라마)"),
    "en": ("{title}", "{title} (TV series)", "{title} (South Korean TV series)"),
}


def wikipedia_language(series_language: str) -> str:
    """Korean series → ko.wikipedia.org, everything else → en.wikipedia.org."""
    return "ko" if series_language.lower().split("-")[0] in ("ko", "kor") else "en"


def _failure(source: WikiKind, url: str, exc: Exception) -> WikiFailure:
    context = exc.context if isinstance(exc, ExternalServiceError) else {}
    status = context.get("status")
    retry_after = context.get("retry_after")
    if isinstance(exc, FetchRefused | WikiResponseError):
        code = str(context.get("reason", "refused"))
    elif status == 404 or status == 410:
        code = "not_found"
    elif status == 429:
        code = "rate_limited"
    elif isinstance(status, int) and status >= 500:
        code = "server_error"
    elif isinstance(status, int):
        code = "http_error"
    elif isinstance(exc, ExternalServiceError):
        code = str(context.get("reason", "network"))
    else:
        code = "error"
    message = exc.message if isinstance(exc, ExternalServiceError) else f"{type(exc).__name__}: {exc}"
    return WikiFailure(source=source, url=str(context.get("url") or url), code=code, message=message,
                       retry_after=float(retry_after) if isinstance(retry_after, int | float) else None)


async def _first_found(fetcher: SafeFetcher, urls: list[str], *, accept: str) -> FetchResult:
    """The first of `urls` that exists; a 404 moves on to the next, anything else is final."""
    for url in urls[:-1]:
        try:
            return await fetcher.fetch(url, accept=accept)
        except ExternalServiceError as exc:
            if exc.context.get("status") != 404:
                raise
    return await fetcher.fetch(urls[-1], accept=accept)


async def fetch_namuwiki_page(fetcher: SafeFetcher, settings: Settings, *, title: str,
                              failures: list[WikiFailure] | None = None) -> WikiPage:
    """The namu.wiki article (`제목`, else `제목(드라마)`); its `/등장인물` subpage too when the
    cast lives there (a failure to get that one is appended to `failures`)."""
    urls = [namuwiki_article_url(settings.namuwiki_base_url, p.format(title=title)) for p in NAMUWIKI_VARIANTS]
    result = await _first_found(fetcher, urls, accept=HTML)
    html = result.text()
    page = parse_namuwiki_article(html, url=result.final_url, title=title, fetched_at=result.fetched_at)
    if not page.characters and (subpage_title := find_character_subpage(html)):
        subpage = namuwiki_article_url(settings.namuwiki_base_url, subpage_title)
        try:
            sub = await fetcher.fetch(subpage, accept=HTML)
            page = page.model_copy(update={"characters": parse_namuwiki_characters(sub.text())})
        except ExternalServiceError as exc:
            if failures is not None:
                failures.append(_failure("namuwiki", subpage, exc))
    if page.is_empty:
        raise WikiResponseError("namu.wiki page has no recognisable content (layout changed?)",
                                reason="layout", url=result.final_url)
    return page


async def _wikipedia_summary(fetcher: SafeFetcher, base: str, language: str, title: str) -> WikipediaSummary:
    """The REST summary of the first title variant that is an article (not missing, not a
    disambiguation page)."""
    urls = [wikipedia_summary_url(base, p.format(title=title)) for p in WIKIPEDIA_VARIANTS[language]]
    remaining = urls
    while remaining:
        result = await _first_found(fetcher, remaining, accept=JSON)
        summary = parse_wikipedia_summary(result.text(), url=result.url)
        if summary.kind != "disambiguation":
            return summary
        remaining = remaining[remaining.index(result.url) + 1:]
    raise WikiResponseError(f"no article for {title!r} (only disambiguation pages)", reason="not_found",
                            url=urls[0])


async def fetch_wikipedia_page(fetcher: SafeFetcher, settings: Settings, *, title: str,
                               language: str) -> WikiPage:
    base = wikipedia_base_url(settings.wikipedia_base_url, language)
    summary = await _wikipedia_summary(fetcher, base, language, title)
    parse_url = wikipedia_parse_url(base, summary.title)
    result = await fetcher.fetch(parse_url, accept=JSON)
    page = parse_wikipedia_article(result.text(), url=summary.page_url or wikipedia_page_url(base, summary.title),
                                   language=language, summary=summary, fetched_at=result.fetched_at)
    if page.is_empty:
        raise WikiResponseError("Wikipedia page has no recognisable content", reason="layout", url=parse_url)
    return page


async def _collect(source: WikiKind, url: str, fetch: Callable[[], Awaitable[WikiPage]],
                   report: WikiFetchReport) -> None:
    try:
        report.pages.append(await fetch())
    except Exception as exc:  # enrichment never fails the pipeline; the report says why
        report.failures.append(_failure(source, url, exc))


async def fetch_series_knowledge(fetcher: SafeFetcher, settings: Settings, *, title: str,
                                 language: str) -> WikiFetchReport:
    """namu.wiki (Korean series) and Wikipedia (ko for Korean series, else en), concurrently.
    Never raises for a wiki's failure: see `report.failures`."""
    report = WikiFetchReport()
    jobs = []
    wiki_lang = wikipedia_language(language)
    if wiki_lang == "ko":
        jobs.append(_collect(
            "namuwiki", namuwiki_article_url(settings.namuwiki_base_url, title),
            lambda: fetch_namuwiki_page(fetcher, settings, title=title, failures=report.failures), report,
        ))
    jobs.append(_collect(
        "wikipedia",
        wikipedia_summary_url(wikipedia_base_url(settings.wikipedia_base_url, wiki_lang), title),
        lambda: fetch_wikipedia_page(fetcher, settings, title=title, language=wiki_lang), report,
    ))
    await asyncio.gather(*jobs)
    report.pages.sort(key=lambda page: page.kind)  # namuwiki before wikipedia, whatever finished first
    return report
