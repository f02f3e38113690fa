"""TTML / DFXP (Netflix and most broadcasters): XML `<p begin=… end=…>` with spans and `<br/>`.

Times: clock times (`00:00:01.500`, `00:00:01:12` with frames), offsets (`1.5s`, `1500ms`,
`2m`, `15000000t` with `ttp:tickRate`, `30f` with `ttp:frameRate`), `dur` instead of `end`,
and begin offsets inherited from timed `<body>`/`<div>` containers. Namespaces and prefixes
(`tt:p`, old DFXP namespaces) are ignored: elements are matched by local name.

The XML is parsed with the standard library's expat (which refuses entity expansion bombs)
after the DOCTYPE is removed, so no external entity is ever read. Two repairs before parsing:
HTML entities such as `&nbsp;` become character references, and a bare `&` is escaped. A file
that still is not well-formed (truncated, mismatched tags) is read again with a tolerant scan
of its `<p>` elements, and the reading that yields more cues wins.
"""

from __future__ import annotations

import html
import html.entities
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from explainer.subtitles.model import RawCue

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_DOCTYPE = re.compile(r"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_BARE_AMP = re.compile(r"&(?!#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_WS = re.compile(r"[ \t\r\n]+")

_CLOCK = re.compile(r"(\d{1,6}):(\d{1,2}):(\d{1,2})(?:(\.\d{1,9})|:(\d{1,6})(?:\.(\d{1,6}))?)?")
_OFFSET = re.compile(r"(\d{1,18}(?:\.\d{0,9})?)(h|ms|m|s|f|t)?")  # no unit: seconds (Apple's TTML)
# Apple's iTunes TTML times every element from the start of the media, not from its parent
_ITUNES = re.compile(r"xmlns:itunes=|music\.apple\.com/lyric-ttml")

# Deeper span nesting than this is not a subtitle; the rest of such a branch is ignored.
_MAX_DEPTH = 32
_SKIPPED = frozenset({"metadata", "set", "image", "style", "region"})


@dataclass(frozen=True, slots=True)
class _Rates:
    tick_rate: float = 1.0
    frame_rate: float = 30.0
    sub_frame_rate: float = 1.0

    @classmethod
    def from_attrs(cls, attrs: dict[str, str]) -> _Rates:
        frame_rate = _number(attrs.get("frameRate")) or 30.0
        multiplier = attrs.get("frameRateMultiplier", "").split()
        if len(multiplier) == 2:
            num, den = _number(multiplier[0]), _number(multiplier[1])
            if num and den:
                frame_rate = frame_rate * num / den
        sub_frame_rate = _number(attrs.get("subFrameRate")) or 1.0
        has_frame_rate = "frameRate" in attrs
        default_ticks = frame_rate * sub_frame_rate if has_frame_rate else 1.0
        tick_rate = _number(attrs.get("tickRate")) or default_ticks
        return cls(tick_rate, frame_rate, sub_frame_rate)

    def seconds(self, value: str | None) -> float | None:
        """A TTML time expression in seconds; None if absent or unreadable."""
        if value is None:
            return None
        value = value.strip()
        m = _OFFSET.fullmatch(value)
        if m is not None:
            amount, unit = float(m.group(1)), m.group(2) or "s"
            if unit == "t":
                return amount / self.tick_rate
            if unit == "f":
                return amount / self.frame_rate
            return amount * {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}[unit]
        m = _CLOCK.fullmatch(value)
        if m is None:
            return None
        hours, minutes, secs, fraction, frames, sub_frames = m.groups()
        total = int(hours) * 3600 + int(minutes) * 60 + int(secs) + (float(fraction) if fraction else 0.0)
        if frames:
            sub = int(sub_frames) / self.sub_frame_rate if sub_frames else 0.0
            total += (int(frames) + sub) / self.frame_rate
        return total


@dataclass(frozen=True, slots=True)
class _Container:
    offset: float
    end: float | None
    timed: bool


def parse_ttml(text: str) -> list[RawCue]:
    text = _repair_xml(text)
    strict, well_formed = _parse_strict(text)
    if well_formed:
        return strict
    tolerant = _parse_tolerant(text)
    return tolerant if len(tolerant) > len(strict) else strict


def _repair_xml(text: str) -> str:
    text = _XML_DECL.sub("", text, count=1)
    text = _DOCTYPE.sub("", text, count=1)
    text = _BARE_AMP.sub("&amp;", text)
    return _ENTITY.sub(_entity_to_reference, text)


def _entity_to_reference(m: re.Match[str]) -> str:
    name = m.group(1)
    if name in _XML_ENTITIES:
        return m.group(0)
    chars = html.entities.html5.get(f"{name};")
    if chars is None:
        return f"&amp;{name};"  # unknown entity: keep it visible rather than fail the file
    return "".join(f"&#{ord(ch)};" for ch in chars)


def _parse_strict(text: str) -> tuple[list[RawCue], bool]:
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    well_formed = True
    try:
        parser.feed(text)
        parser.close()
    except ET.ParseError:
        well_formed = False
    rates = _Rates()
    preserve = False
    stack: list[_Container] = [_Container(0.0, None, False)]
    absolute = _ITUNES.search(text[:4096]) is not None
    cues: list[RawCue] = []
    try:
        for item in parser.read_events():
            if len(item) != 2 or not isinstance(item[1], ET.Element):
                continue  # only start/end events are asked for; this keeps the types honest
            event, element = item[0], item[1]
            name = _local(element.tag)
            if event == "start":
                if name == "tt":
                    attrs = _attrs(element)
                    rates = _Rates.from_attrs(attrs)
                    preserve = attrs.get("space") == "preserve"
                elif name in ("body", "div"):
                    stack.append(_container(stack[-1], _attrs(element), rates, absolute))
            elif name in ("body", "div"):
                if len(stack) > 1:
                    stack.pop()
            elif name == "p":
                cues.append(_cue(element, stack[-1], rates, preserve))
                element.clear()
    except ET.ParseError:
        well_formed = False
    return cues, well_formed


def _container(parent: _Container, attrs: dict[str, str], rates: _Rates, absolute: bool = False) -> _Container:
    begin = rates.seconds(attrs.get("begin"))
    offset = parent.offset if absolute else parent.offset + (begin or 0.0)
    end = rates.seconds(attrs.get("end"))
    dur = rates.seconds(attrs.get("dur"))
    if end is not None:
        end += parent.offset
    elif dur is not None:
        end = offset + dur
    else:
        end = parent.end
    return _Container(offset, end, parent.timed or begin is not None)


def _cue(p: ET.Element, parent: _Container, rates: _Rates, preserve: bool) -> RawCue:
    attrs = _attrs(p)
    begin = rates.seconds(attrs.get("begin"))
    end = rates.seconds(attrs.get("end"))
    dur = rates.seconds(attrs.get("dur"))
    if begin is None and "begin" not in attrs and not parent.timed:
        begin, end = _span_times(p, rates)  # some writers time the spans, not the paragraph
    start = parent.offset + begin if begin is not None else (parent.offset if parent.timed else None)
    if end is not None:
        stop: float | None = parent.offset + end
    elif dur is not None and start is not None:
        stop = start + dur
    else:
        stop = parent.end
    preserve = preserve or attrs.get("space") == "preserve"
    return RawCue(start, stop, _text(p, preserve, 0))


def _span_times(p: ET.Element, rates: _Rates) -> tuple[float | None, float | None]:
    begins: list[float] = []
    ends: list[float] = []
    for span in p.iter():
        attrs = _attrs(span)
        begin = rates.seconds(attrs.get("begin"))
        end = rates.seconds(attrs.get("end"))
        if begin is not None:
            begins.append(begin)
        if end is not None:
            ends.append(end)
    return (min(begins) if begins else None), (max(ends) if ends else None)


def _text(element: ET.Element, preserve: bool, depth: int) -> str:
    parts = [_flow(element.text, preserve)]
    for child in element:
        name = _local(child.tag)
        if name == "br":
            parts.append("\n")
        elif name not in _SKIPPED and depth < _MAX_DEPTH:
            parts.append(_text(child, preserve, depth + 1))
        parts.append(_flow(child.tail, preserve))
    return "".join(parts)


def _flow(value: str | None, preserve: bool) -> str:
    if not value:
        return ""
    if preserve:
        return value.replace("\r", "")
    return _WS.sub(" ", value)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _attrs(element: ET.Element) -> dict[str, str]:
    return {key.rsplit("}", 1)[-1]: value for key, value in element.attrib.items()}


def _number(value: str | None) -> float | None:
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and 0 < number < 1e12 else None


# --- tolerant reading of files that are not well-formed ---------------------------------------

_P_ELEMENT = re.compile(r"<(?:[\w.-]+:)?p\b([^<>]*)>((?:(?!<(?:[\w.-]+:)?p\b).)*?)</(?:[\w.-]+:)?p\s*>", re.DOTALL)
_ATTR = re.compile(r"([\w.:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ROOT = re.compile(r"<(?:[\w.-]+:)?tt\b([^<>]*)>")
_BR = re.compile(r"<(?:[\w.-]+:)?br\b[^<>]*>")
_TAG = re.compile(r"<[^<>]*>")


def _parse_tolerant(text: str) -> list[RawCue]:
    root = _ROOT.search(text)
    rates = _Rates.from_attrs(_tag_attrs(root.group(1))) if root else _Rates()
    cues: list[RawCue] = []
    for m in _P_ELEMENT.finditer(text):
        attrs = _tag_attrs(m.group(1))
        start = rates.seconds(attrs.get("begin"))
        end = rates.seconds(attrs.get("end"))
        dur = rates.seconds(attrs.get("dur"))
        if end is None and dur is not None and start is not None:
            end = start + dur
        body = _TAG.sub("", _BR.sub("\n", m.group(2)))
        body = "\n".join(_WS.sub(" ", line) for line in body.split("\n"))
        cues.append(RawCue(start, end, html.unescape(body)))
    return cues


def _tag_attrs(source: str) -> dict[str, str]:
    return {
        key.rsplit(":", 1)[-1]: double if double or not single else single
        for key, double, single in _ATTR.findall(source)
    }
