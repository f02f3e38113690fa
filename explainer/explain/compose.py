"""The graph-only explanation: composed by templates from the facts of an `ExplainContext`, when
Gemini is off or fails. Nothing beyond these facts is said, and the text agrees with the
resolutions the answer lists: whoever a resolution names (at the resolver's threshold or above)
is mentioned, hedged by its confidence; when none names anyone, the text says the line's people
could not be told. Relations are stated with their basis (earlier episodes; co-appearance only
where it was counted within the bound, and often enough); an earlier line is quoted once, and
never when it is the selected line's own words. Korean when `context.language` starts with
"ko", else English.
"""

from __future__ import annotations

import re
import unicodedata

from explainer.llm.base import (
    DraftReference,
    ExplainContext,
    ExplainEntity,
    ExplainMoment,
    ExplainRelation,
    ExplainResolution,
    ExplanationDraft,
    WikiSummary,
)
from explainer.reading.calibration import ABSTAIN_BELOW
from explainer.text.names import name_key, name_keys, with_particle

MAX_RESOLUTIONS = 3
MAX_ENTITIES = 3
MAX_MOMENTS = 3
MAX_WIKI = 2
MAX_SUMMARY_CHARS = 240
# a resolution names its entity at the resolver's threshold or above (below it the resolver
# abstains); the wording hedges below SURE ("most likely"), and more below LIKELY ("may")
NAMED = ABSTAIN_BELOW
LIKELY = 0.6
SURE = 0.8
# "seen together in N scenes" is said only from this many scenes counted within the bound
MIN_SCENES_TOGETHER = 3
# a selection this short (in letters) is not looked for inside an earlier line: "네?" is in many
MIN_QUOTED_CHARS = 6

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
    """The resolutions that name someone or something: the answer's text mentions each."""
    return [r for r in context.resolutions if r.name.strip() and r.confidence >= NAMED][:MAX_RESOLUTIONS]


def _wording(item: ExplainResolution, first_told: bool) -> tuple[str | None, bool]:
    """How a resolution is said — "sure", "likely" or "may" refer to its entity; a name that
    names itself only "is" its entity, and only where nothing else says the name — and whether
    its entity's first appearance is said (once per entity: not when `first_told`)."""
    first = item.first_episode is not None and item.first_timestamp is not None and not first_told
    if item.expression.strip() and name_key(item.expression) in name_keys(item.name):
        return (None if first or first_told else "is"), first
    if item.confidence >= SURE:
        return "sure", first
    return ("likely" if item.confidence >= LIKELY else "may"), first


def _untold(context: ExplainContext) -> list[str]:
    """The line's person mentions, when no resolution names anyone: who they are was not told."""
    if any(r.type == "character" for r in stated(context)):
        return []
    found: list[str] = []
    for r in context.resolutions:
        expression = r.expression.strip()
        if r.type == "character" and expression and expression not in found:
            found.append(expression)
    return found


def _plain(text: str) -> str:
    """Text compared for sameness: case-folded words, no punctuation."""
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold()))


def _says_the_line(item: ExplainMoment, selected: str) -> bool:
    """An earlier line with the selected line's own words (the line quotes it, or it is the line)."""
    said = _plain(item.text)
    if not said or not selected or item.description.strip():
        return False
    if said == selected:
        return True
    return (len(selected) >= MIN_QUOTED_CHARS and selected in said) or \
        (len(said) >= MIN_QUOTED_CHARS and said in selected)


def _moments(context: ExplainContext) -> list[tuple[ExplainMoment, bool]]:
    """Earlier moments worth citing, each once (by its words), and whether it says the selected
    line's own words (then it is cited without its quote)."""
    selected = _plain(context.selected_text)
    found: list[tuple[ExplainMoment, bool]] = []
    seen: set[str] = set()
    for item in context.moments:
        key = _plain(item.description) or _plain(item.text)
        if not key or key in seen:
            continue
        seen.add(key)
        found.append((item, _says_the_line(item, selected)))
    return found[:MAX_MOMENTS]


# --- Korean ----------------------------------------------------------------------------------

def _ko_subject(expression: str, pair: str) -> str:
    """‘그 사람’ with its particle: ‘그 사람’은."""
    return f"{_quote(expression)}{with_particle(expression, pair)[len(expression):]}"


def _ko_resolution(item: ExplainResolution, first_told: bool) -> list[str]:
    """What the mention refers to, and where its entity first appeared unless `first_told`."""
    expression, name = item.expression.strip(), item.name.strip()
    kind = _KO_TYPES.get(item.type, "")
    target = with_particle(f"{kind} {name}".strip(), "을/를")
    subject = _ko_subject(expression, "은/는") if expression else ""
    wording, known_first = _wording(item, first_told)
    says = {"is": f"{subject} {name}입니다.", "sure": f"{subject} {target} 가리킵니다.",
            "likely": f"{subject} 아마 {target} 가리키는 것 같습니다.",
            "may": f"{subject} {target} 가리킬 수도 있습니다."}
    sentences = [says[wording].strip()] if wording else []
    if known_first:
        at = clock(item.first_timestamp or 0.0)
        first = f"{with_particle(name, '은/는')} {item.first_episode}화 {at}에 처음 등장했"
        with_names = [n for n in item.first_with if n != name]
        if with_names:
            sentences.append(f"{first}고, 그때 {_join_ko(with_names, '과/와')} 함께 있었습니다.")
        else:
            sentences.append(f"{first}습니다.")
    return sentences


def _ko_untold(expressions: list[str]) -> str:
    quoted = ", ".join([_quote(e) for e in expressions[:-1]] + [_ko_subject(expressions[-1], "이/가")])
    return f"이 대사의 {quoted} 누구인지는 지금까지 본 장면만으로는 알 수 없습니다."


def _ko_entity(item: ExplainEntity, timestamp: float) -> list[str]:
    name = item.name.strip()
    if not name:
        return []
    sentences: list[str] = []
    description = item.description.strip()
    if description:
        sentences.append(f"{name}: {_shorten(description, 160).rstrip('.')}.")
    typed = [f"{with_particle(r.name.strip(), '과/와')} {_KO_RELATIONS.get(r.type, r.type)}" for r in _typed(item)]
    if typed:
        sentences.append(f"앞선 화들에서 {with_particle(name, '은/는')} {', '.join(typed)} 관계로 나왔습니다.")
    together = _together(item)
    if together:
        minutes = together[0].minutes
        window = "이번 화에서 지금까지" if timestamp <= minutes * 60 else f"이번 화의 최근 {minutes}분 동안"
        counts = ", ".join(f"{with_particle(r.name.strip(), '과/와')} {r.scenes}개" for r in together)
        sentences.append(f"{window} {with_particle(name, '은/는')} {counts} 장면에서 함께 나왔습니다.")
    return sentences


def _ko_moment(item: ExplainMoment, says_the_line: bool) -> str | None:
    episode, timestamp = item.episode, item.timestamp
    what = "같은 말이 나온 장면" if says_the_line else _what(item)
    if episode is None or not what:
        return None
    return f"{episode}화 {clock(timestamp)} {what}"


def _ko_text(context: ExplainContext) -> str:
    parts: list[str] = []
    told: set[str] = set()  # entities whose first appearance was said
    for resolution in stated(context):
        parts.extend(_ko_resolution(resolution, resolution.name in told))
        told.add(resolution.name)
    untold = _untold(context)
    if untold:
        parts.append(_ko_untold(untold))
    for entity in context.entities[:MAX_ENTITIES]:
        parts.extend(_ko_entity(entity, context.timestamp))
    moments = [m for m in (_ko_moment(i, same) for i, same in _moments(context)) if m]
    if moments:
        parts.append(_sentence("앞서 나온 관련 장면: " + "; ".join(moments)))
    for wiki in context.wiki[:MAX_WIKI]:
        if wiki.summary.strip():
            parts.append(_sentence(f"참고({wiki.title or wiki.kind}): {_shorten(wiki.summary)}"))
    if not parts:
        return f"{_quote(context.selected_text)}에 대해 지금까지 본 장면에서 확인된 정보가 아직 없습니다."
    return " ".join(parts)


# --- English ---------------------------------------------------------------------------------

def _en_resolution(item: ExplainResolution, first_told: bool) -> list[str]:
    """What the mention refers to, and where its entity first appeared unless `first_told`."""
    expression, name = item.expression.strip(), item.name.strip()
    kind = _EN_TYPES.get(item.type, "")
    target = f"{kind} {name}".strip()
    subject = _quote(expression) if expression else "This"
    wording, known_first = _wording(item, first_told)
    says = {"is": f"{subject} is {name}.", "sure": f"{subject} refers to {target}.",
            "likely": f"{subject} most likely refers to {target}.", "may": f"{subject} may refer to {target}."}
    sentences = [says[wording]] if wording else []
    if known_first:
        first = f"{name} first appeared in episode {item.first_episode} at {clock(item.first_timestamp or 0.0)}"
        with_names = [n for n in item.first_with if n != name]
        sentences.append(f"{first}, together with {_join_en(with_names)}." if with_names else f"{first}.")
    return sentences


def _en_untold(expressions: list[str]) -> str:
    quoted = _join_en([_quote(e) for e in expressions])
    return f"From what has been seen so far, who {quoted} {'is' if len(expressions) == 1 else 'are'} cannot be told."


def _en_entity(item: ExplainEntity, timestamp: float) -> list[str]:
    name = item.name.strip()
    if not name:
        return []
    sentences: list[str] = []
    description = item.description.strip()
    if description:
        sentences.append(f"{name}: {_shorten(description, 160).rstrip('.')}.")
    typed = [f"{r.name.strip()} ({_EN_RELATIONS.get(r.type, r.type)})" for r in _typed(item)]
    if typed:
        sentences.append(f"In earlier episodes, {name} was seen related to {_join_en(typed)}.")
    together = _together(item)
    if together:
        minutes = together[0].minutes
        window = ("So far in this episode" if timestamp <= minutes * 60
                  else f"In the last {minutes} minutes of this episode")
        counts = _join_en([f"{r.name.strip()} in {r.scenes} scenes" for r in together])
        sentences.append(f"{window}, {name} was seen with {counts}.")
    return sentences


def _en_moment(item: ExplainMoment, says_the_line: bool) -> str | None:
    episode, timestamp = item.episode, item.timestamp
    what = "the same words were said" if says_the_line else _what(item)
    if episode is None or not what:
        return None
    return f"episode {episode} at {clock(timestamp)}, {what}"


def _en_text(context: ExplainContext) -> str:
    parts: list[str] = []
    told: set[str] = set()  # entities whose first appearance was said
    for resolution in stated(context):
        parts.extend(_en_resolution(resolution, resolution.name in told))
        told.add(resolution.name)
    untold = _untold(context)
    if untold:
        parts.append(_en_untold(untold))
    for entity in context.entities[:MAX_ENTITIES]:
        parts.extend(_en_entity(entity, context.timestamp))
    moments = [m for m in (_en_moment(i, same) for i, same in _moments(context)) if m]
    if moments:
        parts.append(_sentence("Related earlier scenes: " + "; ".join(moments)))
    for wiki in context.wiki[:MAX_WIKI]:
        if wiki.summary.strip():
            parts.append(_sentence(f"From {wiki.title or wiki.kind}: {_shorten(wiki.summary)}"))
    if not parts:
        return f"Nothing seen so far in the series explains {_quote(context.selected_text)} yet."
    return " ".join(parts)


# --- relations, either language --------------------------------------------------------------

def _typed(item: ExplainEntity) -> list[ExplainRelation]:
    """Relations analysis established in earlier episodes (every one read is), at most three."""
    found: list[ExplainRelation] = []
    for r in item.relations:
        if r.type.strip() not in ("", "co_appearance") and r.name.strip() not in ("", item.name.strip()):
            found.append(r)
    return found[:3]


def _together(item: ExplainEntity) -> list[ExplainRelation]:
    """Co-appearance counted within the bound, often enough to say; an uncounted weight never is."""
    found = [r for r in item.relations if r.type == "co_appearance" and r.minutes > 0
             and r.scenes >= MIN_SCENES_TOGETHER and r.name.strip() not in ("", item.name.strip())]
    return sorted(found, key=lambda r: -r.scenes)[:3]


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
    same_words = "같은 말이 나온 장면" if korean else "The same words were said"
    for moment, says_the_line in _moments(context):
        add(moment.episode, moment.timestamp,
            same_words if says_the_line else moment.description.strip() or _shorten(moment.text, 120))
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
