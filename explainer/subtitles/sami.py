"""SAMI (.smi), the usual Korean subtitle format: `<SYNC Start=ms><P Class=KRCC>text`.

SAMI is HTML in spirit, not XML: tags are left unclosed, attributes unquoted, so it is read with
regular expressions, never an XML parser. Semantics:

- a SYNC shows its text until the next SYNC *of the same language class*; a blank one
  (`&nbsp;`) only ends the previous text;
- one file may hold several languages, one `P Class` each (KRCC, ENCC, …). We keep one:
  KRCC when present, else a class the STYLE block (or its name) marks as Korean, else the
  class with the most Hangul, else the one with the most text;
- text in a SYNC without a class (or a P without one) belongs to every language, which is
  how many files write their blank "clear" SYNCs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explainer.subtitles.markup import html_to_text
from explainer.subtitles.model import RawCue

_SYNC = re.compile(r"<sync\b([^<>]*)>", re.IGNORECASE)
_START = re.compile(r"\bstart\s*=\s*[\"']?\s*(-?\d+(?:\.\d+)?)", re.IGNORECASE)
_END = re.compile(r"\bend\s*=\s*[\"']?\s*(-?\d+(?:\.\d+)?)", re.IGNORECASE)
_P = re.compile(r"<p\b([^<>]*)>", re.IGNORECASE)
_CLASS = re.compile(r"\bclass\s*=\s*[\"']?([^\s\"'>]+)", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>|</sami\s*>", re.IGNORECASE)
_STYLE_RULE = re.compile(r"\.([A-Za-z][\w-]*)\s*\{([^}]*)\}")
_LANG = re.compile(r"\blang\s*:\s*([A-Za-z-]+)", re.IGNORECASE)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")

_UNCLASSED = ""


@dataclass(slots=True)
class _Event:
    order: int
    start: float | None
    end: float | None
    text: str


def parse_sami(text: str) -> list[RawCue]:
    syncs = list(_SYNC.finditer(text))
    if not syncs:
        return []
    head = text[: syncs[0].start()]
    body_end = _BODY_END.search(text, syncs[-1].end())
    stop_at = body_end.start() if body_end else len(text)

    by_class: dict[str, list[_Event]] = {}
    for n, sync in enumerate(syncs):
        block_end = syncs[n + 1].start() if n + 1 < len(syncs) else stop_at
        start = _ms_attr(_START, sync.group(1))
        end = _ms_attr(_END, sync.group(1))
        for cls, fragment in _paragraphs(text[sync.end():block_end]):
            by_class.setdefault(cls, []).append(_Event(n, start, end, html_to_text(fragment)))

    chosen = _choose_class(by_class, _korean_style_classes(head))
    events = by_class.get(chosen, []) if chosen != _UNCLASSED else []
    events = sorted(events + by_class.get(_UNCLASSED, []), key=lambda e: e.order)
    return _cues(events)


def _ms_attr(pattern: re.Pattern[str], attrs: str) -> float | None:
    m = pattern.search(attrs)
    return float(m.group(1)) / 1000 if m else None


def _paragraphs(block: str) -> list[tuple[str, str]]:
    """(class, markup) per P of one SYNC block; text before the first P is unclassed."""
    parts: list[tuple[str, str]] = []
    ps = list(_P.finditer(block))
    lead = block[: ps[0].start()] if ps else block
    if lead.strip() or not ps:
        parts.append((_UNCLASSED, lead))
    for k, p in enumerate(ps):
        content_end = ps[k + 1].start() if k + 1 < len(ps) else len(block)
        cls = _CLASS.search(p.group(1))
        parts.append((cls.group(1).upper() if cls else _UNCLASSED, block[p.end():content_end]))
    return parts


def _korean_style_classes(head: str) -> set[str]:
    korean: set[str] = set()
    for name, rule in _STYLE_RULE.findall(head):
        lang = _LANG.search(rule)
        if lang and lang.group(1).lower().startswith("ko"):
            korean.add(name.upper())
    return korean


def _choose_class(by_class: dict[str, list[_Event]], korean_by_style: set[str]) -> str:
    candidates = [c for c, evs in by_class.items() if c != _UNCLASSED and any(e.text.strip() for e in evs)]
    if not candidates:
        return _UNCLASSED
    if "KRCC" in candidates:
        return "KRCC"

    def rank(cls: str) -> tuple[bool, int, int]:
        evs = by_class[cls]
        korean = cls in korean_by_style or cls.startswith(("KR", "KO"))
        hangul = sum(len(_HANGUL.findall(e.text)) for e in evs)
        return korean, hangul, sum(1 for e in evs if e.text.strip())

    return max(candidates, key=rank)


def _cues(events: list[_Event]) -> list[RawCue]:
    """Each non-blank event lasts until the next event (by time) that starts later."""
    timeline = sorted((e.start, e.order, id(e)) for e in events if e.start is not None)
    next_start: dict[int, float] = {}
    j = 0
    for i, (start, _, key) in enumerate(timeline):
        j = max(j, i + 1)
        while j < len(timeline) and timeline[j][0] == start:
            j += 1
        if j < len(timeline):
            next_start[key] = timeline[j][0]
    cues: list[RawCue] = []
    for event in events:
        if not event.text.strip():
            continue
        end = event.end if event.end is not None else next_start.get(id(event))
        cues.append(RawCue(event.start, end, event.text))
    return cues
