"""The graph-only explanation: composed by templates from the facts of an `ExplainContext`, when
Gemini is off or fails. Nothing beyond these facts is said; only confident resolutions are
stated. Korean when `context.language` starts with "ko", else English.
"""

from __future__ import annotations

from explainer.llm.base import (
    DraftReference,
    ExplainContext,
    ExplainEntity,
    ExplainMoment,
    ExplainResolution,
    ExplanationDraft,
    WikiSummary,
)
from explainer.text.names import name_key, name_keys, with_particle

MAX_RESOLUTIONS = 3
MAX_ENTITIES = 3
MAX_MOMENTS = 3
MAX_WIKI = 2
MAX_SUMMARY_CHARS = 240
# resolutions stated by the graph-only answer; "most likely" below SURE
STATE_CONFIDENCE = 0.6
SURE = 0.8

_KO_TYPES = {"location": "장소", "event": "사건", "object": "물건", "concept": ""}
_KO_RELATIONS = {
    "family": "가족", "colleague": "동료", "romance": "연인", "friend": "친구", "rival": "라이벌",
    "boss": "상사", "work": "직장 동료",
}
_EN_TYPES = {"location": "the place", "event": "the event", "object": "the object", "concept": ""}
_EN_RELATIONS = {"colleague": "colleague", "family": "family", "romance": "romantic partner",
                 "friend": "friend", "rival": "rival", "boss": "boss", "work": "colleague"}


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


def _what(item: ExplainMoment) -> str:
    """A moment's description, else its line in quotes."""
    if item.description.strip():
        return item.description.strip().rstrip(".")
    text = item.text.strip()
    return f"“{_shorten(text, 120)}”" if text else ""


def stated(context: ExplainContext) -> list[ExplainResolution]:
    """Confident resolutions worth a sentence: a name that names itself is not one."""
    return [r for r in context.resolutions if r.name and r.confidence >= STATE_CONFIDENCE
            and name_key(r.expression) not in name_keys(r.name)][:MAX_RESOLUTIONS]


# --- Korean ----------------------------------------------------------------------------------

def _ko_resolution(item: ExplainResolution) -> list[str]:
    expression, name = item.expression.strip(), item.name.strip()
    kind = _KO_TYPES.get(item.type, "")
    target = with_particle(f"{kind} {name}".strip(), "을/를")
    confidence = item.confidence
    subject = f"{_quote(expression)}{with_particle(expression, '은/는')[len(expression):]}" if expression else ""
    if confidence >= SURE:
        sentence = f"{subject} {target} 가리킵니다."
    else:
        sentence = f"{subject} 아마 {target} 가리키는 것 같습니다."
    sentences = [sentence.strip()]
    episode, timestamp = item.first_episode, item.first_timestamp
    if episode is not None and timestamp is not None:
        first = f"{with_particle(name, '은/는')} {episode}화 {clock(timestamp)}에 처음 등장했"
        with_names = [n for n in item.first_with if n != name]
        if with_names:
            sentences.append(f"{first}고, 그때 {_join_ko(with_names, '과/와')} 함께 있었습니다.")
        else:
            sentences.append(f"{first}습니다.")
    return sentences


def _ko_entity(item: ExplainEntity) -> list[str]:
    name = item.name.strip()
    if not name:
        return []
    sentences: list[str] = []
    description = item.description.strip()
    if description:
        sentences.append(f"{name}: {_shorten(description, 160).rstrip('.')}.")
    typed: list[str] = []
    together: list[str] = []
    for relation in item.relations:
        other, kind = relation.name.strip(), relation.type.strip()
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


def _ko_moment(item: ExplainMoment) -> str | None:
    episode, timestamp, what = item.episode, item.timestamp, _what(item)
    if episode is None or timestamp is None or not what:
        return None
    return f"{episode}화 {clock(timestamp)} {what}"


def _ko_text(context: ExplainContext) -> str:
    parts: list[str] = []
    for resolution in stated(context):
        parts.extend(_ko_resolution(resolution))
    for entity in context.entities[:MAX_ENTITIES]:
        parts.extend(_ko_entity(entity))
    moments = [m for m in (_ko_moment(i) for i in context.moments[:MAX_MOMENTS]) if m]
    if moments:
        parts.append(_sentence("앞서 나온 관련 장면: " + "; ".join(moments)))
    for wiki in context.wiki[:MAX_WIKI]:
        if wiki.summary.strip():
            parts.append(_sentence(f"참고({wiki.title or wiki.kind}): {_shorten(wiki.summary)}"))
    if not parts:
        return f"{_quote(context.selected_text)}에 대해 지금까지 본 장면에서 확인된 정보가 아직 없습니다."
    return " ".join(parts)


# --- English ---------------------------------------------------------------------------------

def _en_resolution(item: ExplainResolution) -> list[str]:
    expression, name = item.expression.strip(), item.name.strip()
    kind = _EN_TYPES.get(item.type, "")
    target = f"{kind} {name}".strip()
    subject = _quote(expression) if expression else "This"
    if item.confidence >= SURE:
        sentence = f"{subject} refers to {target}."
    else:
        sentence = f"{subject} most likely refers to {target}."
    sentences = [sentence]
    episode, timestamp = item.first_episode, item.first_timestamp
    if episode is not None and timestamp is not None:
        first = f"{name} first appeared in episode {episode} at {clock(timestamp)}"
        with_names = [n for n in item.first_with if n != name]
        sentences.append(f"{first}, together with {_join_en(with_names)}." if with_names else f"{first}.")
    return sentences


def _en_entity(item: ExplainEntity) -> list[str]:
    name = item.name.strip()
    if not name:
        return []
    sentences: list[str] = []
    description = item.description.strip()
    if description:
        sentences.append(f"{name}: {_shorten(description, 160).rstrip('.')}.")
    typed: list[str] = []
    together: list[str] = []
    for relation in item.relations:
        other, kind = relation.name.strip(), relation.type.strip()
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


def _en_moment(item: ExplainMoment) -> str | None:
    episode, timestamp, what = item.episode, item.timestamp, _what(item)
    if episode is None or timestamp is None or not what:
        return None
    return f"episode {episode} at {clock(timestamp)}, {what}"


def _en_text(context: ExplainContext) -> str:
    parts: list[str] = []
    for resolution in stated(context):
        parts.extend(_en_resolution(resolution))
    for entity in context.entities[:MAX_ENTITIES]:
        parts.extend(_en_entity(entity))
    moments = [m for m in (_en_moment(i) for i in context.moments[:MAX_MOMENTS]) if m]
    if moments:
        parts.append(_sentence("Related earlier scenes: " + "; ".join(moments)))
    for wiki in context.wiki[:MAX_WIKI]:
        if wiki.summary.strip():
            parts.append(_sentence(f"From {wiki.title or wiki.kind}: {_shorten(wiki.summary)}"))
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

    for resolution in stated(context):
        name = resolution.name
        add(resolution.first_episode, resolution.first_timestamp,
            f"{name} 첫 등장" if korean else f"First appearance of {name}")
    for moment in context.moments:
        add(moment.episode, moment.timestamp, moment.description.strip() or _shorten(moment.text, 120))
    return found


def _sources(wiki: list[WikiSummary]) -> list[str]:
    sources = ["video_analysis"]
    for item in wiki:
        if item.kind and item.kind not in sources:
            sources.append(item.kind)
    return sources


def compose_explanation(context: ExplainContext) -> ExplanationDraft:
    korean = context.language.lower().startswith("ko")
    return ExplanationDraft(
        text=_ko_text(context) if korean else _en_text(context),
        references=_references(context, korean),
        sources=_sources(context.wiki),
    )
