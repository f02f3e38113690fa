"""Referring expressions in a selected line: 그 사람 / he (a person), 거기 / there (a place),
그때 / back then (an earlier moment or event), 그거 / that thing (an object)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, cast

from explainer.text import en, ko

Kind = Literal["character", "location", "event", "object"]

_KO = ko.REFERRING_EXPRESSIONS
_EN = en.REFERRING_EXPRESSIONS
_KO_PATTERN = re.compile("|".join(f"(?P<k{i}>{p})" for i, (p, *_) in enumerate(_KO)))
_EN_PATTERN = re.compile(r"\b(?:" + "|".join(f"(?P<e{i}>{p})" for i, (p, *_) in enumerate(_EN)) + r")\b",
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
        kind = cast(Kind, table[int(group.removeprefix(prefix))][1])
        if kind not in found:
            found[kind] = Expression(text=match.group(0), kind=kind, position=match.start())
    return sorted(found.values(), key=lambda e: e.position)


def same_expression(stored: str, found: Expression) -> bool:
    """A stored reference answers a found expression when one contains the other
    (analysis stored "그때 그 사람"; the line's person expression is "그 사람")."""
    a = re.sub(r"\s+", "", stored.lower())
    b = re.sub(r"\s+", "", found.text.lower())
    return bool(a) and bool(b) and (a in b or b in a)
