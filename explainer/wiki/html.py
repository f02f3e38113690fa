"""Markup → text helpers shared by the wiki parsers. Pure functions over a soup the caller owns.

`clean_soup` removes everything that must never reach the output (scripts, styles, footnote
markers, edit links, tables of contents, hidden anti-scraping text, folding labels); `text_of`
renders what is left as lines of text; `build_sections` turns a page into a heading tree that
works for flat layouts (namu.wiki, the classic MediaWiki parser: headings and content are
siblings), wrapped headings (`<div class="mw-heading"><h2>…</h2>…</div>`) and Parsoid's nested
`<section>` elements alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import PageElement, PreformattedString, Script, Stylesheet, TemplateString

HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")
_HEADING_LEVEL = {name: int(name[1]) for name in HEADING_TAGS}

NOISE_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "img", "picture", "video", "audio",
    "button", "input", "select", "textarea", "form", "link", "meta", "object", "embed", "canvas",
)
NOISE_SELECTORS = (
    # namu.wiki
    "a.wiki-fn-content", "span.wiki-edit-section", ".wiki-macro-toc", ".wiki-category",
    ".wiki-macro-footnote", ".footnote-list", "dl.wiki-folding > dt",
    # MediaWiki
    "sup.reference", "span.mw-editsection", ".mw-cite-backlink", "ol.references", ".reflist",
    ".navbox", ".navbox-styles", ".ambox", ".hatnote", ".noprint", ".mw-empty-elt", ".toc",
    "#toc", "figure", ".thumb", ".mw-references-wrap", ".sistersitebox", ".shortdescription",
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "caption",
})
CELL_TAGS = frozenset({"td", "th"})
_NOT_TEXT = (PreformattedString, Script, Stylesheet, TemplateString)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b\u3000]+")
_SECTION_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")


def make_soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def clean_soup(soup: BeautifulSoup | Tag) -> None:
    """Remove, in place, everything that is not readable article text."""
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(NOISE_TAGS):
        tag.decompose()
    for selector in NOISE_SELECTORS:
        for tag in soup.select(selector):
            tag.decompose()
    for tag in soup.find_all(style=_HIDDEN_STYLE):
        # Folding blocks (namu.wiki) are hidden until clicked but are real content.
        if not (tag.name == "dd" and tag.parent is not None and "wiki-folding" in _classes(tag.parent)):
            tag.decompose()
    for tag in soup.select('[hidden], [aria-hidden="true"]'):
        tag.decompose()


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class")
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def has_class(tag: Tag, *names: str) -> bool:
    classes = _classes(tag)
    return any(name in classes for name in names)


def _render(node: PageElement, out: list[str], *, skip: frozenset[int]) -> None:
    if isinstance(node, NavigableString):
        if not isinstance(node, _NOT_TEXT):  # comments, doctype, CDATA, script/style strings
            out.append(str(node))
        return
    if not isinstance(node, Tag) or id(node) in skip:
        return
    if node.name == "br":
        out.append("\n")
        return
    block = node.name in BLOCK_TAGS
    if block:
        out.append("\n")
    for child in node.children:
        _render(child, out, skip=skip)
    if node.name in CELL_TAGS:
        out.append("\t")
    elif block:
        out.append("\n")


def text_lines(nodes: PageElement | Iterable[PageElement], *, skip: Iterable[Tag] = ()) -> list[str]:
    """Readable lines of text (whitespace collapsed, empty lines dropped). Table cells on one
    row are joined with ' | '. `skip` leaves out subtrees (e.g. nested lists)."""
    items = [nodes] if isinstance(nodes, PageElement) else list(nodes)
    out: list[str] = []
    skipped = frozenset(id(t) for t in skip)
    for item in items:
        _render(item, out, skip=skipped)
    lines = []
    for raw in "".join(out).split("\n"):
        cells = [_SPACES.sub(" ", cell).strip() for cell in raw.split("\t")]
        line = " | ".join(cell for cell in cells if cell)
        if line:
            lines.append(line)
    return lines


def text_of(nodes: PageElement | Iterable[PageElement], *, sep: str = "\n", skip: Iterable[Tag] = ()) -> str:
    return sep.join(text_lines(nodes, skip=skip))


def inline_text(nodes: PageElement | Iterable[PageElement], *, skip: Iterable[Tag] = ()) -> str:
    return text_of(nodes, sep=" ", skip=skip)


# --- sections -----------------------------------------------------------------------------------

@dataclass
class Section:
    title: str
    level: int
    heading: Tag
    own: list[PageElement] = field(default_factory=list)  # content up to the next heading
    children: list[Section] = field(default_factory=list)

    def walk(self) -> Iterable[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def text(self) -> str:
        """All text of the section, subsections included (their titles as lines)."""
        lines = text_lines(self.own)
        for child in self.children:
            body = child.text()
            lines.extend([child.title, body] if body else [child.title])
        return "\n".join(lines)


def heading_level(tag: Tag) -> int | None:
    return _HEADING_LEVEL.get(tag.name or "")


def heading_title(tag: Tag) -> str:
    """Heading text without its section number (namu.wiki prints '4.1.')."""
    return _SECTION_NUMBER.sub("", inline_text(tag)).strip()


def _walk_origin(heading: Tag, root: Tag) -> Tag:
    """The element whose siblings are the section content: the heading itself, or a wrapper
    (`div.mw-heading`, a `header`) that holds nothing but the heading."""
    node = heading
    while node.parent is not None and node.parent is not root and node.parent.name in ("div", "header", "hgroup"):
        others = [c for c in node.parent.children
                  if c is not node and not (isinstance(c, NavigableString) and not c.strip())]
        if others:
            break
        node = node.parent
    return node


def build_sections(root: Tag) -> list[Section]:
    """Top-level sections of `root`, each with its subsections, in document order."""
    headings = [h for h in root.find_all(HEADING_TAGS) if inline_text(h)]
    heading_ids = {id(h) for h in headings}

    def holds_heading(node: PageElement) -> bool:
        if not isinstance(node, Tag):
            return False
        if id(node) in heading_ids:
            return True
        return any(id(h) in heading_ids for h in node.find_all(HEADING_TAGS))

    flat: list[Section] = []
    for heading in headings:
        level = heading_level(heading) or 6
        own: list[PageElement] = []
        for sibling in _walk_origin(heading, root).next_siblings:
            if holds_heading(sibling):
                break
            own.append(sibling)
        flat.append(Section(title=heading_title(heading), level=level, heading=heading, own=own))

    top: list[Section] = []
    stack: list[Section] = []
    for section in flat:
        while stack and stack[-1].level >= section.level:
            stack.pop()
        (stack[-1].children if stack else top).append(section)
        stack.append(section)
    return top


def find_section(sections: Iterable[Section], titles: Iterable[str]) -> Section | None:
    """The first section (any depth) whose title matches one of `titles` (case-insensitive,
    spaces ignored); earlier names in `titles` win."""
    def norm(text: str) -> str:
        return re.sub(r"\s+", "", text).casefold()

    every = [s for top in sections for s in top.walk()]
    for title in titles:
        wanted = norm(title)
        for section in every:
            if norm(section.title) == wanted:
                return section
    return None


def outermost(tags: Iterable[Tag], *, within: Tag | None = None, names: Iterable[str]) -> list[Tag]:
    """`tags` that are not nested inside an element named in `names` (below `within`)."""
    blocked = set(names)
    kept = []
    for tag in tags:
        parent = tag.parent
        nested = False
        while parent is not None and parent is not within:
            if parent.name in blocked:
                nested = True
                break
            parent = parent.parent
        if not nested:
            kept.append(tag)
    return kept


def descendants_named(nodes: Iterable[PageElement], names: tuple[str, ...]) -> list[Tag]:
    """Elements named `names` in `nodes` (the nodes themselves included), document order."""
    found: list[Tag] = []
    for node in nodes:
        if not isinstance(node, Tag):
            continue
        if node.name in names:
            found.append(node)
        found.extend(node.find_all(names))
    return found


# --- tables ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    text: str
    header: bool
    node: Tag


def table_rows(table: Tag) -> list[list[Cell]]:
    """Rows of `table` (not of tables nested in it); each cell's lines joined with ', '."""
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells = [Cell(text=text_of(td, sep=", "), header=td.name == "th", node=td)
                 for td in tr.find_all(CELL_TAGS, recursive=False)]
        if cells:
            rows.append(cells)
    return rows


def key_value_rows(table: Tag) -> dict[str, str]:
    """Infobox-like tables: rows of `key | value` (or `k | v | k | v`) → dict. Title rows and
    image rows (one cell) are skipped."""
    found: dict[str, str] = {}
    for row in table_rows(table):
        cells = [c for c in row if c.text]
        if len(cells) < 2 or len(cells) % 2:
            continue
        for key_cell, value_cell in zip(cells[::2], cells[1::2], strict=True):
            key = key_cell.text.strip(" :：")
            if key and len(key) <= 40 and key not in found:
                found[key] = value_cell.text
    return found
