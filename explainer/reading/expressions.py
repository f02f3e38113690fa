"""Referring expressions of a line: 그 사람 / he (a person), 거기 / there (a place), 그때 / back
then (an earlier moment or event), 그거 / that thing (an object). One finder over the language's
one table of them, for analysis (`referring_spans`: every one) and explain (`find_expressions`:
the first of each kind)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from explainer.reading.lang import LanguageRules, rules_for

Kind = Literal["character", "location", "event", "object"]


@dataclass(frozen=True, slots=True)
class Expression:
    text: str
    kind: Kind
    position: int


# the kinds of the rules' reference patterns, as entity types
_KINDS: dict[str, Kind] = {"person": "character", "place": "location", "event": "event", "object": "object"}
# "Hi there" greets; it points at no place
_GREETING_THERE = re.compile(r"\b(?:hi|hey|hello)\s+$", re.IGNORECASE)


def referring_spans(text: str, rules: LanguageRules) -> list[Expression]:
    """Every referring expression of a line, kind by kind (a person's first: 그때 그 사람 is a
    moment and a person), none overlapping, each wording once, in the order found."""
    spans: list[Expression] = []
    taken: list[tuple[int, int]] = []
    seen: set[str] = set()
    for name, pattern in rules.reference_patterns:
        kind = _KINDS[name]
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if kind == "location" and _GREETING_THERE.search(text[:start]):
                continue
            taken.append((start, end))
            if match.group().lower() in seen:
                continue
            seen.add(match.group().lower())
            spans.append(Expression(text=match.group(), kind=kind, position=start))
    return spans


def find_expressions(text: str, language: str) -> list[Expression]:
    """The referring expressions a selected line is asked about: the first of each kind, in order
    of appearance."""
    found: dict[Kind, Expression] = {}
    for span in sorted(referring_spans(text, rules_for(language)), key=lambda e: e.position):
        found.setdefault(span.kind, span)
    return sorted(found.values(), key=lambda e: e.position)


def same_expression(stored: str, found: Expression) -> bool:
    """A stored reference answers a found expression when one contains the other
    (analysis stored "그때 그 사람"; the line's person expression is "그 사람")."""
    a = re.sub(r"\s+", "", stored.lower())
    b = re.sub(r"\s+", "", found.text.lower())
    return bool(a) and bool(b) and (a in b or b in a)
