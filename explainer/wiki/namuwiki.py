"""namu.wiki article pages → `WikiPage`. Pure functions over the page HTML.

The page shape (namu.wiki's renderer): the title in `h1`, an infobox as the first
`table.wiki-table` before the first section, sections as `h2…h6.wiki-heading` (numbered,
with an edit link) each followed by `div.wiki-heading-content`, paragraphs in
`div.wiki-paragraph`, lists `ul.wiki-list`, folding blocks `dl.wiki-folding` (label in `dt`,
content in `dd`), footnote markers `a.wiki-fn-content`. The parser keys on headings and
tables rather than on class names where it can, so a page that renamed its classes still
yields what is recognisable.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import quote, unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from explainer.wiki.characters import characters_from_nodes, characters_from_section
from explainer.wiki.html import (
    Section,
    build_sections,
    clean_soup,
    descendants_named,
    find_section,
    has_class,
    inline_text,
    key_value_rows,
    make_soup,
    text_lines,
)
from explainer.wiki.model import INFOBOX_LABELS, WikiCharacter, WikiPage, utc_now

SUMMARY_SECTIONS = ("개요", "소개", "작품 소개", "작품 개요")
CHARACTER_SECTIONS = ("등장인물", "등장 인물", "출연진", "출연", "캐스팅", "캐릭터", "인물")
PLOT_SECTIONS = ("줄거리", "시놉시스", "스토리", "전체 줄거리", "내용")
CHARACTER_SUBPAGE = "등장인물"
_NOT_SUMMARY = re.compile(
    r"^(상위 문서|하위 문서|관련 문서|자세한 내용은|이 문서는|다른 뜻|동음이의어|분류|최근 수정 시각)")
MIN_SUMMARY_CHARS = 15


def namuwiki_article_url(base_url: str, title: str) -> str:
    """`https://namu.wiki/w/<title>`; `/` separates subpages and stays literal."""
    return f"{base_url.rstrip('/')}/w/{quote(title, safe='/')}"


def _content_root(soup: BeautifulSoup) -> Tag:
    for selector in ("div.wiki-inner-content", "div.wiki-content", "article", "main", "body"):
        found = soup.select_one(selector)
        if found is not None:
            return found
    return soup


def _page_title(soup: BeautifulSoup) -> str:
    heading = soup.find("h1")
    if isinstance(heading, Tag) and inline_text(heading):
        return inline_text(heading)
    if soup.title is not None and soup.title.string:
        return re.sub(r"\s*-\s*나무위키\s*$", "", soup.title.string).strip()
    return ""


def _before_first_heading(root: Tag, sections: list[Section]) -> list[Tag]:
    """Top-level elements of `root` that come before the first section heading."""
    first = sections[0].heading if sections else None
    intro: list[Tag] = []
    for child in root.children:
        if not isinstance(child, Tag):
            continue
        if first is not None and (child is first or first in child.descendants):
            break
        intro.append(child)
    return intro


def _infobox(root: Tag, sections: list[Section]) -> dict[str, str]:
    """The key/value table at the top of the article (before the first section, or in 개요);
    when there are several (navigation boxes, posters), the one with most known fields."""
    nodes: list[Tag] = _before_first_heading(root, sections)
    summary = find_section(sections, SUMMARY_SECTIONS)
    if summary is not None:
        nodes += [n for n in summary.own if isinstance(n, Tag)]
    best: dict[str, str] = {}
    best_score = (0, 0)
    for table in descendants_named(nodes, ("table",)):
        rows = key_value_rows(table)
        known = sum(1 for key in rows if any(key in labels for labels in INFOBOX_LABELS.values()))
        score = (known, len(rows))
        if len(rows) >= 2 and score > best_score:
            best, best_score = rows, score
    return best


_BLOCKS_INSIDE = ("table", "ul", "ol", "dl")


def _paragraph_blocks(nodes: list[Tag]) -> list[str]:
    """Texts of paragraphs (`div.wiki-paragraph`, `p`) among `nodes`, leaving out tables,
    lists and folding blocks (an infobox or a spoiler box is not a summary)."""
    blocks: list[str] = []
    for node in nodes:
        candidates = node.select("div.wiki-paragraph, p")
        if node.name == "p" or has_class(node, "wiki-paragraph"):
            candidates.insert(0, node)
        for paragraph in candidates:
            if paragraph.find_parent(_BLOCKS_INSIDE) is not None:
                continue
            inner = paragraph.find_all([*_BLOCKS_INSIDE, "p"]) + paragraph.select("div.wiki-paragraph")
            lines = [ln for ln in text_lines(paragraph, skip=inner) if not _NOT_SUMMARY.match(ln)]
            if lines:
                blocks.append(" ".join(lines))
    return blocks


def _summary(root: Tag, sections: list[Section]) -> str:
    section = find_section(sections, SUMMARY_SECTIONS)
    if section is not None:
        nodes = [n for n in section.own if isinstance(n, Tag)]
    else:
        nodes = _before_first_heading(root, sections)
    for block in _paragraph_blocks(nodes):
        if len(block) >= MIN_SUMMARY_CHARS:
            return block
    return ""


def parse_namuwiki_article(html: str, *, url: str, title: str | None = None,
                           fetched_at: datetime | None = None) -> WikiPage:
    """Summary, infobox, characters and plot of a namu.wiki article. Fields the page does not
    have stay empty (`page.is_empty` when nothing at all was recognised)."""
    soup = make_soup(html)
    page_title = _page_title(soup) or (title or "")
    clean_soup(soup)
    root = _content_root(soup)
    sections = build_sections(root)
    characters_section = find_section(sections, CHARACTER_SECTIONS)
    plot_section = find_section(sections, PLOT_SECTIONS)
    return WikiPage(
        kind="namuwiki",
        url=url,
        title=page_title,
        language="ko",
        summary=_summary(root, sections),
        infobox=_infobox(root, sections),
        characters=characters_from_section(characters_section) if characters_section else [],
        plot=plot_section.text() if plot_section else "",
        fetched_at=fetched_at or utc_now(),
    )


def find_character_subpage(html: str) -> str | None:
    """namu.wiki often moves the cast to `제목/등장인물`; the 등장인물 section then only links
    there. Returns that page's title when the section has such a link."""
    soup = make_soup(html)
    clean_soup(soup)
    section = find_section(build_sections(_content_root(soup)), CHARACTER_SECTIONS)
    if section is None:
        return None
    for node in section.own:
        if not isinstance(node, Tag):
            continue
        for link in node.find_all("a", href=True):
            path = unquote(urlsplit(str(link["href"])).path)
            if "/w/" in path and path.rstrip("/").endswith(f"/{CHARACTER_SUBPAGE}"):
                return path.split("/w/", 1)[1].rstrip("/")
    return None


def parse_namuwiki_characters(html: str) -> list[WikiCharacter]:
    """Characters of a `제목/등장인물` subpage: the whole page is the cast."""
    soup = make_soup(html)
    clean_soup(soup)
    root = _content_root(soup)
    sections = build_sections(root)
    return characters_from_nodes(_before_first_heading(root, sections), sections)
