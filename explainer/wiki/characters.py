"""Character entries from a wiki "characters / cast" section.

Wikis write the same fact in many shapes; these are the ones handled:
- namu.wiki:   `한미소 (배우: 아무개) - 설명`, `한미소(아무개 분): 설명`, a bold name followed by
  nested list items that describe it, group items ("세탁소 사람들") whose nested items are the
  characters, tables (`배역 | 배우 | 설명` with or without a header row), and subsections
  titled by a character's name (with an optional profile table);
- Korean Wikipedia: `아무개 : 한미소 역 (29세) - 설명`;
- English Wikipedia: `Actor Name as Character Name, description` / `Character (played by X)`.
The performer is kept in `actor`, never in `name`; parenthesised nicknames, original-script
names and "별명/a.k.a." mentions become aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bs4 import Tag
from bs4.element import PageElement

from explainer.text import en, ko
from explainer.wiki.html import (
    Section,
    descendants_named,
    inline_text,
    key_value_rows,
    outermost,
    table_rows,
    text_lines,
)
from explainer.wiki.model import WikiCharacter

MAX_NAME_CHARS = 40
NOT_CHARACTER_TITLES = ko.WIKI_NON_CHARACTER_SECTIONS | en.WIKI_NON_CHARACTER_SECTIONS
MAX_DESCRIPTION_CHARS = 1500

_ACTOR_PREFIX = re.compile(
    r"^(?:배우|연기|출연|성우|演|CV|played by|portrayed by|voiced by)\s*[:.：]?\s*(?P<actor>.+)$", re.I)
_ACTOR_SUFFIX = re.compile(r"^(?P<actor>.+?)\s*분$")
_ALIAS_PREFIX = re.compile(
    r"^(?:별명|애칭|본명|이명|가명|예명|닉네임|a\.?k\.?a\.?|nickname|also known as|alias|born)"
    r"\s*[:.：]?\s*(?P<alias>.+)$", re.I)
_ALIAS_IN_TEXT = (
    re.compile(r"(?:별명|애칭|닉네임)(?:은|는|이)?\s*[:：]?\s*['‘\"“「](?P<alias>[^'’\"”」]{1,20})['’\"”」]"),
    re.compile(r"['‘\"“「](?P<alias>[^'’\"”」]{1,20})['’\"”」]\s*(?:이?라고|으로|로)\s*(?:불린다|불리는|불렸다|부른다|부르는|부른)"),
    re.compile(r"\b(?:nicknamed|known as|called)\s+[\"“](?P<alias>[^\"”]{1,30})[\"”]", re.I),
)
_KO_ROLE = re.compile(  # 아무개 : 한미소 역 (29세) - 설명
    r"^(?P<actor>[^:：()]{1,30}?)\s*[:：]\s*(?P<name>[^:：()]{1,30}?)\s*역(?=$|[\s(,:：\-–—])\s*(?P<rest>.*)$")
_EN_ROLE = re.compile(  # Actor Name as Character Name, description
    r"^(?P<actor>[A-Z][\w.'’\- ]{1,40}?)\s+as\s+(?P<name>[^,:;()–—]+?)"
    r"(?P<rest>(?:\s*\(.*)?(?:(?:\s*[,:;]|\s+[-–—]\s|\s*[–—]).*)?)$")
_SEPARATOR = re.compile(r"\s*[:：]\s+|\s+[-–—]\s+|\s*[–—]\s*|\s*[:：](?=\S)")
_PAREN = re.compile(r"\s*[(（](?P<inner>[^()（）]*)[)）]")
_GROUP_WORDS = re.compile(
    r"(인물|가족|사람들|식구|주변|주요|조연|기타|일행|멤버|패밀리|관계자|직원|등장|출연|"
    r"^main|^supporting|^recurring|^other|^guest|family|cast|characters|staff)", re.I)
_PROFILE_KEYS = re.compile(r"^(이름|나이|성별|직업|소속|가족|생일|출생|신체|배우|연기|성우|별명|이명|본명|애칭|"
                           r"age|occupation|born|family|actor|portrayed by|nickname|aliases?)$", re.I)
_NAME_HEADER = re.compile(r"^(이름|배역|역|역할명|인물|캐릭터|등장인물|name|character|role)$", re.I)
_ACTOR_HEADER = re.compile(r"^(배우|출연|출연자|연기|성우|actor|actress|cast|played by|portrayed by)$", re.I)
_DESC_HEADER = re.compile(r"^(설명|소개|비고|특징|역할|인물 소개|description|notes?|summary)$", re.I)
_ONLY_LATIN_OR_HANJA = re.compile(r"^[A-Za-z\u4e00-\u9fff\u3400-\u4dbf .'’\-]+$")
_DIGITS = re.compile(r"\d")
_QUOTED_NICKNAME = re.compile(r"(?<=\S)\s*[\"“‘](?P<nick>[^\"”’]{1,20})[\"”’]\s*(?=\S)")


@dataclass
class ParsedEntry:
    name: str
    actor: str | None = None
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    marked: bool = False  # the markup or wording marked it as a character entry

    def to_character(self) -> WikiCharacter:
        aliases = []
        for alias in self.aliases:
            alias = alias.strip(" '\"‘’“”「」")
            if alias and alias != self.name and alias not in aliases and alias != self.actor:
                aliases.append(alias)
        actor = self.actor.strip() if self.actor else None
        if actor is not None and not any(ch.isalnum() for ch in actor):
            actor = None  # "-", "—": a table cell saying "nobody"
        return WikiCharacter(name=self.name, aliases=aliases, actor=actor,
                             description=_shorten(self.description))


def _shorten(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_DESCRIPTION_CHARS else text[: MAX_DESCRIPTION_CHARS - 1].rstrip() + "…"


def _strip_separators(text: str) -> str:
    return re.sub(r"^[\s,:;：\-–—.]+", "", text).strip()


def _clean_name(text: str) -> str:
    name = text.strip(" \t'\"‘’“”「」*:：,-–—")
    name = re.sub(r"\s+역$", "", name)
    if not name or len(name) > MAX_NAME_CHARS or len(name.split()) > 5:
        return ""
    return name


def _named(raw: str, aliases: list[str]) -> str:
    """Clean a name; a quoted nickname inside it (`Theo "Teddy" Reyes`) becomes an alias."""
    if m := _QUOTED_NICKNAME.search(raw):
        aliases.append(m["nick"].strip())
        raw = f"{raw[:m.start()]} {raw[m.end():]}"
    return _clean_name(re.sub(r"\s+", " ", raw))


def _classify_parenthetical(inner: str, entry: ParsedEntry, extra: list[str]) -> None:
    """`(배우: 아무개)`, `(아무개 분)`, `(별명: 미소)`, `(韓美笑)`, `(29세)`, `(미소의 언니)`."""
    for part in re.split(r"\s*[,/;·|]\s*", inner.strip()):
        if not part:
            continue
        if m := _ACTOR_PREFIX.match(part):
            entry.actor = entry.actor or m["actor"].strip()
        elif m := _ALIAS_PREFIX.match(part):
            entry.aliases.append(m["alias"].strip())
        elif m := _ACTOR_SUFFIX.match(part):
            entry.actor = entry.actor or m["actor"].strip()
        elif _DIGITS.search(part):
            extra.append(part)  # ages, years: description, not a name
        elif _ONLY_LATIN_OR_HANJA.match(part) or (" " not in part and len(part) <= 12):
            entry.aliases.append(part)
        else:
            extra.append(part)


def _aliases_in(text: str) -> list[str]:
    return [m["alias"].strip() for pattern in _ALIAS_IN_TEXT for m in pattern.finditer(text)]


def _split_head(text: str) -> tuple[str, str]:
    """Split `name part` from `description` at the first separator outside parentheses."""
    depth = 0
    for index, char in enumerate(text):
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = _SEPARATOR.match(text, index)
            if m and m.end() > m.start() and index > 0:
                return text[:index], text[m.end():]
    # "윤하늘 (배우: 정다은) 세탁소 주인" - no separator: the name ends with its parentheses
    m = re.match(r"^([^()（）]{1,30}?(?:\s*[(（][^()（）]*[)）])+)\s*(.*)$", text)
    if m:
        return m[1], m[2]
    return text, ""


def parse_entry(text: str, *, name_hint: str | None = None) -> ParsedEntry | None:
    """One character line → name, actor, aliases, description; None when no name is found.

    `name_hint` is the text of a leading bold element, when the markup marks the name."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return None
    entry: ParsedEntry
    extra: list[str] = []
    role = _KO_ROLE.match(text)
    if role is None and not (name_hint and not text.startswith(name_hint)):
        role = _EN_ROLE.match(text)
    if role is not None:  # "actor : name 역" / "Actor as Name": the performer comes first
        aliases: list[str] = []
        entry = ParsedEntry(name=_named(role["name"], aliases), actor=role["actor"].strip(), aliases=aliases)
        rest = role["rest"]
        while pm := _PAREN.match(rest):
            _classify_parenthetical(pm["inner"], entry, extra)
            rest = rest[pm.end():]
        description = _strip_separators(rest)
    else:
        if name_hint and text.startswith(name_hint):
            head, description = name_hint, text[len(name_hint):]
            while pm := _PAREN.match(description):  # parentheses right after the bold name
                head += pm.group(0)
                description = description[pm.end():]
            description = _strip_separators(description)
        else:
            head, description = _split_head(text)
        entry = ParsedEntry(name="")
        for pm in _PAREN.finditer(head):
            _classify_parenthetical(pm["inner"], entry, extra)
        entry.name = _named(_PAREN.sub("", head), entry.aliases)
    if not entry.name:
        return None
    entry.marked = bool(entry.actor or description or (name_hint and text.startswith(name_hint)))
    if extra:
        description = "(" + ", ".join(extra) + ") " + description if description else ", ".join(extra)
    entry.description = description.strip()
    entry.aliases.extend(_aliases_in(entry.description))
    return entry


# --- structures ---------------------------------------------------------------------------------

def _looks_like_entry(text: str, name_hint: str | None) -> bool:
    if name_hint and text.startswith(name_hint) and len(name_hint) <= MAX_NAME_CHARS:
        return True
    if _KO_ROLE.match(text) or _EN_ROLE.match(text):
        return True
    head, description = _split_head(text)
    return bool(description) and len(_PAREN.sub("", head)) <= 20


def _leading_bold(li: Tag, nested: list[Tag]) -> str | None:
    """The item's first bold text when the item starts with it (the name, marked up)."""
    bolds = outermost(li.find_all(["strong", "b"]), within=li, names=("ul", "ol"))
    if not bolds:
        return None
    text = inline_text(bolds[0])
    return text if text and inline_text(li, skip=nested).startswith(text) else None


def _entries_from_list(list_tag: Tag) -> list[ParsedEntry]:
    entries: list[ParsedEntry] = []
    for li in list_tag.find_all("li", recursive=False):
        nested = outermost(li.find_all(["ul", "ol"]), within=li, names=("ul", "ol"))
        own = inline_text(li, skip=nested)
        hint = _leading_bold(li, nested)
        if nested and _is_group(own, nested):
            for sub in nested:
                entries.extend(_entries_from_list(sub))
            continue
        entry = parse_entry(own, name_hint=hint) if own else None
        if entry is None:
            continue
        details = " ".join(text_lines(nested))
        if details:
            entry.description = f"{entry.description} {details}".strip()
            entry.aliases.extend(_aliases_in(details))
        entries.append(entry)
    return entries


def _is_group(own: str, nested: list[Tag]) -> bool:
    """A list item that labels a group ("세탁소 사람들") rather than naming a character."""
    if not own:
        return True
    if _KO_ROLE.match(own) or _EN_ROLE.match(own) or _split_head(own)[1]:
        return False
    if any(_ACTOR_PREFIX.match(p["inner"]) or _ACTOR_SUFFIX.match(p["inner"]) for p in _PAREN.finditer(own)):
        return False
    if own.rstrip().endswith((":", "：")) or _GROUP_WORDS.search(own):
        return True
    items = [li for sub in nested for li in sub.find_all("li", recursive=False)]
    return bool(items) and all(
        _looks_like_entry(inline_text(li, skip=li.find_all(["ul", "ol"])), _leading_bold(li, li.find_all(["ul", "ol"])))
        for li in items
    )


def _column(headers: list[str], pattern: re.Pattern[str]) -> int | None:
    for index, header in enumerate(headers):
        if pattern.match(header.strip()):
            return index
    return None


def _entries_from_table(table: Tag) -> list[ParsedEntry]:
    rows = [row for row in table_rows(table) if any(c.text for c in row)]
    if not rows:
        return []
    entries: list[ParsedEntry] = []
    headers = [c.text for c in rows[0]]
    name_col = _column(headers, _NAME_HEADER)
    if name_col is not None:
        actor_col = _column(headers, _ACTOR_HEADER)
        desc_col = _column(headers, _DESC_HEADER)
        for row in rows[1:]:
            if len(row) <= name_col:
                continue
            entry = parse_entry(row[name_col].text)
            if entry is None:
                continue
            if actor_col is not None and actor_col < len(row) and row[actor_col].text:
                entry.actor = row[actor_col].text
            others = [c.text for i, c in enumerate(row) if i not in (name_col, actor_col) and c.text]
            description = row[desc_col].text if desc_col is not None and desc_col < len(row) else " ".join(others)
            entry.description = " ".join(p for p in (entry.description, description) if p)
            entry.aliases.extend(_aliases_in(entry.description))
            entries.append(entry)
        return entries
    for row in rows:
        cells = [c for c in row if c.text]
        if len(cells) < 2 or all(c.header for c in cells):
            continue
        entry = parse_entry(cells[0].text)
        if entry is None:
            continue
        rest = [c.text for c in cells[1:]]
        if len(rest) >= 2 and entry.actor is None and len(rest[0]) <= 20:
            entry.actor = rest.pop(0)  # name | actor | description
        entry.description = " ".join([entry.description, *rest]).strip()
        entry.aliases.extend(_aliases_in(entry.description))
        entries.append(entry)
    return entries


def _is_profile_table(table: Tag) -> bool:
    keys = list(key_value_rows(table))
    return sum(1 for key in keys if _PROFILE_KEYS.match(key)) >= 2


def _structured_entries(nodes: Iterable[PageElement]) -> tuple[list[ParsedEntry], list[Tag]]:
    """Entries from the lists and tables among `nodes`, plus the profile tables seen."""
    entries: list[ParsedEntry] = []
    profiles: list[Tag] = []
    blocks = descendants_named(nodes, ("ul", "ol", "table"))
    for block in outermost(blocks, names=("ul", "ol", "table")):
        if block.name == "table":
            if _is_profile_table(block):
                profiles.append(block)
            else:
                entries.extend(_entries_from_table(block))
        else:
            entries.extend(_entries_from_list(block))
    return entries, profiles


def _entry_from_subsection(section: Section, profiles: list[Tag]) -> ParsedEntry | None:
    """A subsection titled by the character's name; its paragraphs describe them."""
    entry = parse_entry(section.title)
    if entry is None:
        return None
    lines = []
    for line in text_lines(section.own, skip=profiles):
        if m := _ACTOR_PREFIX.match(line):
            entry.actor = entry.actor or m["actor"].strip()
        elif m := _ALIAS_PREFIX.match(line):
            entry.aliases.extend(a.strip() for a in re.split(r"[,/]", m["alias"]) if a.strip())
        else:
            lines.append(line)
    for profile in profiles:
        for key, value in key_value_rows(profile).items():
            if _ACTOR_PREFIX.match(key + ":"):
                entry.actor = entry.actor or value
            elif _ALIAS_PREFIX.match(key + ":"):
                entry.aliases.extend(a.strip() for a in re.split(r"[,/]", value) if a.strip())
    entry.description = " ".join([entry.description, *lines]).strip()
    entry.aliases.extend(_aliases_in(entry.description))
    return entry


def _section_entries(section: Section, *, is_root: bool) -> list[ParsedEntry]:
    if section.title in NOT_CHARACTER_TITLES:
        return []
    entries, profiles = _structured_entries(section.own)
    named_by_title = not is_root and not section.children and not _GROUP_WORDS.search(section.title)
    mostly_unmarked = sum(e.marked for e in entries) * 2 < len(entries)  # a list of traits, not of people
    if named_by_title and (not entries or mostly_unmarked):
        # a subsection titled by the character's name: its lists and paragraphs describe them
        if text_lines(section.own) or profiles:
            single = _entry_from_subsection(section, profiles)
            return [single] if single else []
        return []
    for child in section.children:
        entries.extend(_section_entries(child, is_root=False))
    return entries


def merge_entries(entries: Iterable[ParsedEntry]) -> list[WikiCharacter]:
    """One character per name (first seen order); later mentions add aliases and details."""
    merged: dict[str, ParsedEntry] = {}
    for entry in entries:
        known = merged.get(entry.name)
        if known is None:
            merged[entry.name] = ParsedEntry(entry.name, entry.actor, list(entry.aliases), entry.description)
            continue
        known.actor = known.actor or entry.actor
        known.aliases.extend(entry.aliases)
        if entry.description and entry.description not in known.description:
            known.description = f"{known.description} {entry.description}".strip()
    return [entry.to_character() for entry in merged.values()]


def characters_from_section(section: Section) -> list[WikiCharacter]:
    """Characters of a cast/characters section, subsections included."""
    return merge_entries(_section_entries(section, is_root=True))


def characters_from_nodes(nodes: Iterable[PageElement], sections: Iterable[Section] = ()) -> list[WikiCharacter]:
    """Characters of a whole page devoted to them (namu.wiki `제목/등장인물` subpages)."""
    entries, _profiles = _structured_entries(nodes)
    for section in sections:
        entries.extend(_section_entries(section, is_root=False))
    return merge_entries(entries)
