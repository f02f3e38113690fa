"""Wikipedia through its public APIs → `WikiPage`. Pure functions over the JSON/HTML answers.

- REST summary `GET /api/rest_v1/page/summary/{title}` → `{type, title, titles{canonical,
  normalized, display}, description, extract, content_urls{desktop{page}}, lang, …}`; `type`
  is `standard`, `disambiguation`, `no-extract` or `mainpage`.
- Action API `GET /w/api.php?action=parse&page=…&prop=text|sections&format=json&formatversion=2`
  → `{"parse": {"title", "pageid", "text": "<div class=\"mw-parser-output\">…", "sections": […]}}`,
  or HTTP 200 with `{"error": {"code": "missingtitle", "info": …}}`.
- REST `page/html/{title}` (Parsoid, nested `<section>`s) is accepted by `parse_wikipedia_html`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

from bs4 import Tag

from explainer.wiki.characters import characters_from_section
from explainer.wiki.html import (
    build_sections,
    clean_soup,
    find_section,
    key_value_rows,
    make_soup,
    text_of,
)
from explainer.wiki.model import WikiPage, WikiResponseError, utc_now

CHARACTER_SECTIONS: dict[str, tuple[str, ...]] = {
    "en": ("Cast and characters", "Cast", "Characters", "Main cast", "Cast and roles", "Starring"),
    "ko": ("등장인물", "등장 인물", "출연진", "출연", "배역", "캐스팅"),
}
PLOT_SECTIONS: dict[str, tuple[str, ...]] = {
    "en": ("Plot", "Synopsis", "Plot summary", "Premise", "Story", "Storyline", "Summary"),
    "ko": ("줄거리", "시놉시스", "내용", "스토리"),
}
MIN_SUMMARY_CHARS = 20


def wikipedia_base_url(template: str, language: str) -> str:
    return template.format(lang=language).rstrip("/")


def _title_path(title: str) -> str:
    return quote(title.replace(" ", "_"), safe="")


def wikipedia_summary_url(base_url: str, title: str) -> str:
    return f"{base_url}/api/rest_v1/page/summary/{_title_path(title)}"


def wikipedia_parse_url(base_url: str, title: str) -> str:
    query = urlencode({"action": "parse", "page": title, "prop": "text|sections", "format": "json",
                       "formatversion": "2", "redirects": "1"})
    return f"{base_url}/w/api.php?{query}"


def wikipedia_page_url(base_url: str, title: str) -> str:
    return f"{base_url}/wiki/{_title_path(title)}"


@dataclass(frozen=True)
class WikipediaSummary:
    title: str  # canonical, with spaces
    display_title: str
    kind: str  # standard | disambiguation | no-extract | mainpage
    description: str
    extract: str
    page_url: str | None
    language: str | None


def _load(payload: str | bytes | Mapping[str, Any], *, url: str) -> Mapping[str, Any]:
    if isinstance(payload, Mapping):
        return payload
    try:
        data = json.loads(payload)
    except ValueError as exc:
        raise WikiResponseError(f"not JSON: {exc}", reason="invalid_response", url=url) from exc
    if not isinstance(data, dict):
        raise WikiResponseError("JSON answer is not an object", reason="invalid_response", url=url)
    return data


def _object(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    return value if isinstance(value, Mapping) else {}


def parse_wikipedia_summary(payload: str | bytes | Mapping[str, Any], *, url: str = "") -> WikipediaSummary:
    data = _load(payload, url=url)
    kind = str(data.get("type", ""))
    if kind.endswith("not_found"):
        raise WikiResponseError("no such page", reason="not_found", url=url)
    title = data.get("title")
    if not isinstance(title, str) or not title:
        raise WikiResponseError("summary without a title", reason="invalid_response", url=url)
    titles = _object(data, "titles")
    canonical = str(titles.get("canonical") or title).replace("_", " ")
    display = make_soup(str(titles.get("display") or data.get("displaytitle") or title)).get_text().strip()
    desktop = _object(_object(data, "content_urls"), "desktop")
    page_url = desktop.get("page") if isinstance(desktop.get("page"), str) else None
    return WikipediaSummary(
        title=canonical, display_title=display or title, kind=kind or "standard",
        description=str(data.get("description") or ""), extract=str(data.get("extract") or "").strip(),
        page_url=page_url, language=str(data["lang"]) if data.get("lang") else None,
    )


def parse_wikipedia_article(payload: str | bytes | Mapping[str, Any], *, url: str, language: str,
                            summary: WikipediaSummary | None = None,
                            fetched_at: datetime | None = None) -> WikiPage:
    """An Action API `action=parse` answer (formatversion 2, or 1 with `text["*"]`)."""
    data = _load(payload, url=url)
    error = data.get("error")
    if isinstance(error, dict):
        code = str(error.get("code", "api_error"))
        reason = "not_found" if code in ("missingtitle", "invalidtitle", "nosuchpageid") else "api_error"
        raise WikiResponseError(f"Wikipedia API error {code}: {error.get('info', '')}", reason=reason, url=url,
                                api_code=code)
    parsed = data.get("parse")
    if not isinstance(parsed, dict):
        raise WikiResponseError("answer has no 'parse' object", reason="invalid_response", url=url)
    text = parsed.get("text")
    if isinstance(text, dict):
        text = text.get("*")
    if not isinstance(text, str):
        raise WikiResponseError("answer has no page text", reason="invalid_response", url=url)
    title = str(parsed.get("title") or (summary.title if summary else ""))
    return parse_wikipedia_html(text, url=url, language=language, title=title, summary=summary,
                                fetched_at=fetched_at)


def _lead_paragraph(root: Tag) -> str:
    for paragraph in root.find_all("p"):
        if paragraph.find_parent("table") is not None:
            continue
        if paragraph.find_previous(["h2", "h3"]) is not None:
            break
        text = text_of(paragraph, sep=" ")
        if len(text) >= MIN_SUMMARY_CHARS:
            return text
    return ""


def parse_wikipedia_html(html: str, *, url: str, language: str, title: str = "",
                         summary: WikipediaSummary | None = None,
                         fetched_at: datetime | None = None) -> WikiPage:
    """Article HTML (Action API `parse.text` or REST `page/html`) → infobox, cast, plot; the
    summary comes from the REST summary when given, else from the lead paragraph."""
    soup = make_soup(html)
    clean_soup(soup)
    root = soup.select_one("div.mw-parser-output") or soup.body or soup
    infobox: dict[str, str] = {}
    box = root.select_one("table.infobox")
    if box is not None:
        infobox = key_value_rows(box)
        box.decompose()
    sections = build_sections(root)
    lang = language if language in CHARACTER_SECTIONS else "en"
    cast = find_section(sections, CHARACTER_SECTIONS[lang])
    plot = find_section(sections, PLOT_SECTIONS[lang])
    return WikiPage(
        kind="wikipedia",
        url=url,
        title=(summary.display_title if summary else "") or title,
        language=language,
        summary=(summary.extract if summary else "") or _lead_paragraph(root),
        infobox=infobox,
        characters=characters_from_section(cast) if cast else [],
        plot=plot.text() if plot else "",
        fetched_at=fetched_at or utc_now(),
    )
