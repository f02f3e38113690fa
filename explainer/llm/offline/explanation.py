"""A graph-only explanation composed from the facts of an `ExplainContext`, by templates.

The context's lists are loose dicts; these keys are read (anything else is ignored, missing
keys just leave a sentence out):

- ``resolutions``: ``{expression, name, type, confidence, firstEpisode, firstTimestamp,
  firstWith: [names]}`` — what a referring expression of the line points at, and when the
  viewer first saw it;
- ``entities``: ``{name, type, description, relations: [{name, type}]}``;
- ``moments``: ``{episode, timestamp, text, description}`` — earlier scenes;
- ``wiki``: ``{kind, title, summary}``.

Nothing beyond these facts is said. Korean when `context.language` starts with "ko", else
English.
"""

from __future__ import annotations

from collections.abc import Iterable

from explainer.llm.base import DraftReference, ExplainContext, ExplanationDraft
from explainer.text.names import with_particle

MAX_RESOLUTIONS = 3
MAX_ENTITIES = 3
MAX_MOMENTS = 3
MAX_WIKI = 2
MAX_SUMMARY_CHARS = 240

_KO_TYPES = {"location": "장소", "event": "사건", "object": "물건", "concept": ""}
_KO_RELATIONS = {
    "family": "가족", "colleague": "동료", "romance": "연인", "friend": "친구", "rival": "라이벌",
    "boss": "상사", "work": "직장 동료",
}
_EN_TYPES = {"location": "the place", "event": "the event", "object": "the object", "concept": ""}
_EN_RELATIONS = {"colleague": "colleague", "family": "family", "romance": "romantic partner",
                 "friend": "friend", "rival": "rival", "boss": "boss", "work": "colleague"}


# --- reading the loose dicts -----------------------------------------------------------------

def _str(item: dict[str, object], key: str) -> str:
    value = item.get(key)
    return str(value).strip() if value is not None else ""


def _float(item: dict[str, object], key: str) -> float | None:
    value = item.get(key)
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _int(item: dict[str, object], key: str) -> int | None:
    value = _float(item, key)
    return int(value) if value is not None else None


def _names(item: dict[str, object], key: str) -> list[str]:
    value = item.get(key)
    if not isinstance(value, list):
        return []
    return [str(v).strip() for v in value if str(v).strip()]


def _dicts(value: object) -> list[dict[str, object]]:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict)]


def clock(seconds: float) -> str:
    """12.5 → 0:12, 3725 → 1:02:05."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _shorten(text: str, limit: int = MAX_SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for mark in (". ", "다. ", "。", "! ", "? "):
        at = cut.rfind(mark)
        if at > limit // 2:
            return cut[: at + 1].strip()
    return cut.rstrip() + "…"


def _join_ko(names: list[str], particle: str) -> str:
    """["미소", "민준"], "과/와" → "미소, 민준과"."""
    return ", ".join(names[:-1] + [with_particle(names[-1], particle)])


def _join_en(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _quote(expression: str) -> str:
    return f"‘{expression}’"


def _sentence(text: str) -> str:
    """End with a full stop unless the text already ends with punctuation or a closing quote."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "”", "\"", "’", "。", "…")) else text + "."


def _what(item: dict[str, object]) -> str:
    """A moment's description, else its line in quotes."""
    description = _str(item, "description")
    if description:
        return description.rstrip(".")
    text = _str(item, "text")
    return f"“{_shorten(text, 120)}”" if text else ""


# --- Korean ----------------------------------------------------------------------------------

def _ko_resolution(item: dict[str, object]) -> list[str]:
    expression, name = _str(item, "expression"), _str(item, "name")
    if not name:
        return []
    kind = _KO_TYPES.get(_str(item, "type"), "")
    target = with_particle(f"{kind} {name}".strip(), "을/를")
    confidence = _float(item, "confidence")
    subject = f"{_quote(expression)}{with_particle(expression, '은/는')[len(expression):]}" if expression else ""
    if confidence is None or confidence >= 0.75:
        sentence = f"{subject} {target} 가리킵니다."
    elif confidence >= 0.5:
        sentence = f"{subject} 아마 {target} 가리키는 것 같습니다."
    else:
        sentence = f"{subject} {target} 가리키는 것일 수 있지만 확실하지 않습니다."
    sentences = [sentence.strip()]
    episode, timestamp = _int(item, "firstEpisode"), _float(item, "firstTimestamp")
    if episode is not None and timestamp is not None:
        first = f"{with_particle(name, '은/는')} {episode}화 {clock(timestamp)}에 처음 등장했"
        with_names = [n for n in _names(item, "firstWith") if n != name]
        if with_names:
            sentences.append(f"{first}고, 그때 {_join_ko(with_names, '과/와')} 함께 있었습니다.")
        else:
            sentences.append(f"{first}습니다.")
    return sentences


def _ko_entity(item: dict[str, object]) -> list[str]:
    name = _str(item, "name")
    if not name:
        return []
    sentences: list[str] = []
    description = _str(item, "description")
    if description:
        sentences.append(f"{name}: {_shorten(description, 160).rstrip('.')}.")
    typed: list[str] = []
    together: list[str] = []
    for relation in _dicts(item.get("relations")):
        other, kind = _str(relation, "name"), _str(relation, "type")
        if not other or other == name:
            continue
        if kind in ("co_appearance", "") and other not in together:
            together.append(other)
        elif kind != "co_appearance":
            label = _KO_RELATIONS.get(kind, kind)
            typed.append(f"{with_particle(other, '과/와')} {label}")
    if typed:
        sentences.append(f"{with_particle(name, '은/는')} {', '.join(typed[:3])} 관계입니다.")
    if together:
        sentences.append(f"{with_particle(name, '은/는')} 주로 {_join_ko(together[:3], '과/와')} 함께 등장합니다.")
    return sentences


def _ko_moment(item: dict[str, object]) -> str | None:
    episode, timestamp, what = _int(item, "episode"), _float(item, "timestamp"), _what(item)
    if episode is None or timestamp is None or not what:
        return None
    return f"{episode}화 {clock(timestamp)} {what}"


def _ko_text(context: ExplainContext) -> str:
    parts: list[str] = []
    for item in _dicts(context.resolutions)[:MAX_RESOLUTIONS]:
        parts.extend(_ko_resolution(item))
    for item in _dicts(context.entities)[:MAX_ENTITIES]:
        parts.extend(_ko_entity(item))
    moments = [m for m in (_ko_moment(i) for i in _dicts(context.moments)[:MAX_MOMENTS]) if m]
    if moments:
        parts.append(_sentence("앞서 나온 관련 장면: " + "; ".join(moments)))
    for item in _dicts(context.wiki)[:MAX_WIKI]:
        summary, title = _str(item, "summary"), _str(item, "title")
        if summary:
            parts.append(_sentence(f"참고({title or _str(item, 'kind')}): {_shorten(summary)}"))
    if not parts:
        return f"{_quote(context.selected_text)}에 대해 지금까지 본 장면에서 확인된 정보가 아직 없습니다."
    return " ".join(parts)


# --- English ---------------------------------------------------------------------------------

def _en_resolution(item: dict[str, object]) -> list[str]:
    expression, name = _str(item, "expression"), _str(item, "name")
    if not name:
        return []
    kind = _EN_TYPES.get(_str(item, "type"), "")
    target = f"{kind} {name}".strip()
    subject = _quote(expression) if expression else "This"
    confidence = _float(item, "confidence")
    if confidence is None or confidence >= 0.75:
        sentence = f"{subject} refers to {target}."
    elif confidence >= 0.5:
        sentence = f"{subject} most likely refers to {target}."
    else:
        sentence = f"{subject} may refer to {target}, though this is uncertain."
    sentences = [sentence]
    episode, timestamp = _int(item, "firstEpisode"), _float(item, "firstTimestamp")
    if episode is not None and timestamp is not None:
        first = f"{name} first appeared in episode {episode} at {clock(timestamp)}"
        with_names = [n for n in _names(item, "firstWith") if n != name]
        sentences.append(f"{first}, together with {_join_en(with_names)}." if with_names else f"{first}.")
    return sentences


def _en_entity(item: dict[str, object]) -> list[str]:
    name = _str(item, "name")
    if not name:
        return []
    sentences: list[str] = []
    description = _str(item, "description")
    if description:
        sentences.append(f"{name}: {_shorten(description, 160).rstrip('.')}.")
    typed: list[str] = []
    together: list[str] = []
    for relation in _dicts(item.get("relations")):
        other, kind = _str(relation, "name"), _str(relation, "type")
        if not other or other == name:
            continue
        if kind in ("co_appearance", "") and other not in together:
            together.append(other)
        elif kind != "co_appearance":
            typed.append(f"{other} ({_EN_RELATIONS.get(kind, kind)})")
    if typed:
        sentences.append(f"{name} is related to {_join_en(typed[:3])}.")
    if together:
        sentences.append(f"{name} is often seen with {_join_en(together[:3])}.")
    return sentences


def _en_moment(item: dict[str, object]) -> str | None:
    episode, timestamp, what = _int(item, "episode"), _float(item, "timestamp"), _what(item)
    if episode is None or timestamp is None or not what:
        return None
    return f"episode {episode} at {clock(timestamp)}, {what}"


def _en_text(context: ExplainContext) -> str:
    parts: list[str] = []
    for item in _dicts(context.resolutions)[:MAX_RESOLUTIONS]:
        parts.extend(_en_resolution(item))
    for item in _dicts(context.entities)[:MAX_ENTITIES]:
        parts.extend(_en_entity(item))
    moments = [m for m in (_en_moment(i) for i in _dicts(context.moments)[:MAX_MOMENTS]) if m]
    if moments:
        parts.append(_sentence("Related earlier scenes: " + "; ".join(moments)))
    for item in _dicts(context.wiki)[:MAX_WIKI]:
        summary, title = _str(item, "summary"), _str(item, "title")
        if summary:
            parts.append(_sentence(f"From {title or _str(item, 'kind')}: {_shorten(summary)}"))
    if not parts:
        return f"Nothing seen so far in the series explains {_quote(context.selected_text)} yet."
    return " ".join(parts)


# --- the draft -------------------------------------------------------------------------------

def _references(context: ExplainContext, korean: bool) -> list[DraftReference]:
    found: list[DraftReference] = []
    seen: set[tuple[int, float]] = set()

    def add(episode: int | None, timestamp: float | None, description: str) -> None:
        if episode is None or timestamp is None or not description:
            return
        key = (episode, round(timestamp, 1))
        if key not in seen:
            seen.add(key)
            found.append(DraftReference(episode=episode, timestamp=timestamp, description=description))

    for item in _dicts(context.resolutions):
        name = _str(item, "name")
        add(_int(item, "firstEpisode"), _float(item, "firstTimestamp"),
            (f"{name} 첫 등장" if korean else f"First appearance of {name}") if name else "")
    for item in _dicts(context.moments):
        add(_int(item, "episode"), _float(item, "timestamp"),
            _str(item, "description") or _shorten(_str(item, "text"), 120))
    return found


def _sources(wiki: Iterable[dict[str, object]]) -> list[str]:
    sources = ["video_analysis"]
    for item in wiki:
        kind = _str(item, "kind")
        if kind and kind not in sources:
            sources.append(kind)
    return sources


def compose_explanation(context: ExplainContext) -> ExplanationDraft:
    korean = context.language.lower().startswith("ko")
    return ExplanationDraft(
        text=_ko_text(context) if korean else _en_text(context),
        references=_references(context, korean),
        sources=_sources(_dicts(context.wiki)),
    )
