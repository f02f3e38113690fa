"""Referring expressions in a selected line: 그 사람 / he (a person), 거기 / there (a place),
그때 / back then (an earlier moment or event), 그거 / that thing (an object)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["character", "location", "event", "object"]

# longest forms first so "그 사람" wins over "그"
_KO: list[tuple[str, Kind]] = [
    (r"그\s?사람", "character"), (r"저\s?사람", "character"), (r"그\s?남자", "character"),
    (r"그\s?여자", "character"), (r"그\s?분", "character"), (r"그\s?녀석", "character"),
    (r"그\s?놈", "character"), (r"그\s?애", "character"), (r"걔", "character"), (r"쟤", "character"),
    (r"거기", "location"), (r"그곳", "location"), (r"그\s?장소", "location"), (r"저기", "location"),
    (r"그때", "event"), (r"그날", "event"), (r"그\s?일", "event"),
    (r"그거", "object"), (r"그것", "object"),
]
_EN: list[tuple[str, Kind]] = [
    (r"(?:that|the|this) (?:man|guy|woman|lady|girl|boy|person|kid)", "character"),
    (r"him|he|she|her|his", "character"),
    (r"back then|that day|that night|that time|then", "event"),
    (r"that place|over there|there", "location"),
]
_KO_PATTERN = re.compile("|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(_KO)))
_EN_PATTERN = re.compile(r"\b(?:" + "|".join(f"(?P<e{i}>{p})" for i, (p, _) in enumerate(_EN)) + r")\b",
                         re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Expression:
    text: str
    kind: Kind
    position: int


def find_expressions(text: str, language: str) -> list[Expression]:
    """Referring expressions in order of appearance, one per kind (the first of each kind)."""
    pattern, table, prefix = (_KO_PATTERN, _KO, "k") if language.startswith("ko") else (_EN_PATTERN, _EN, "e")
    found: dict[Kind, Expression] = {}
    for match in pattern.finditer(text):
        group = match.lastgroup or ""
        kind = table[int(group.removeprefix(prefix))][1]
        if kind not in found:
            found[kind] = Expression(text=match.group(0), kind=kind, position=match.start())
    return sorted(found.values(), key=lambda e: e.position)


def same_expression(stored: str, found: Expression) -> bool:
    """A stored reference answers a found expression when one contains the other
    (analysis stored "그때 그 사람"; the line's person expression is "그 사람")."""
    a = re.sub(r"\s+", "", stored.lower())
    b = re.sub(r"\s+", "", found.text.lower())
    return bool(a) and bool(b) and (a in b or b in a)
