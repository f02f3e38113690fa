"""Referring expressions in a selected line: 그 사람 / he (a person), 거기 / there (a place),
그때 / back then (an earlier moment or event), 그거 / that thing (an object)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, cast

from explainer.reading.lang import rules_for

Kind = Literal["character", "location", "event", "object"]


@dataclass(frozen=True, slots=True)
class Expression:
    text: str
    kind: Kind
    position: int


def find_expressions(text: str, language: str) -> list[Expression]:
    """Referring expressions in order of appearance, one per kind (the first of each kind)."""
    rules = rules_for(language)
    found: dict[Kind, Expression] = {}
    for match in rules.referring_pattern.finditer(text):
        group = match.lastgroup or ""
        kind = cast(Kind, rules.referring_kinds[int(group.removeprefix("x"))])
        if kind not in found:
            found[kind] = Expression(text=match.group(0), kind=kind, position=match.start())
    return sorted(found.values(), key=lambda e: e.position)


def same_expression(stored: str, found: Expression) -> bool:
    """A stored reference answers a found expression when one contains the other
    (analysis stored "그때 그 사람"; the line's person expression is "그 사람")."""
    a = re.sub(r"\s+", "", stored.lower())
    b = re.sub(r"\s+", "", found.text.lower())
    return bool(a) and bool(b) and (a in b or b in a)
