"""From bounded context to the answer: the provider's input, the validation of its draft, and
the response payload (camelCase, as the API returns it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from explainer.explain.compose import clock
from explainer.explain.context import Context, EntityFacts, Moment
from explainer.explain.resolution import Resolution
from explainer.llm.base import (
    DraftReference,
    EntityType,
    ExplainCandidate,
    ExplainContext,
    ExplainEntity,
    ExplainMoment,
    ExplainRelation,
    ExplainResolution,
    ExplanationDraft,
    WikiSummary,
)
from explainer.text.names import excerpt
from graph.repositories import explain as repo

MAX_ENTITIES = 3
# resolutions whose entity the answer is about
CONFIDENT = 0.6
MAX_MOMENTS = 3
# a draft reference matches a known moment of the same episode this close in time
REFERENCE_TOLERANCE_SECONDS = 20.0
WIKI_KINDS = ("namuwiki", "wikipedia")


@dataclass(frozen=True, slots=True)
class Anchor:
    """An earlier scene the answer may point to; every one is within the bound."""

    video_id: str
    ordinal: int
    season: int | None
    episode: int | None
    timestamp: float
    description: str

    def payload(self, description: str | None = None) -> dict[str, Any]:
        return {"videoId": self.video_id, "season": self.season, "episode": self.episode,
                "timestamp": round(self.timestamp, 3), "description": description or self.description}


@dataclass
class Plan:
    """What the answer is about, chosen from the context."""

    resolutions: list[Resolution]
    entities: list[EntityFacts]
    moments: list[Moment]
    relations: dict[str, list[dict[str, Any]]]


def focus_entities(context: Context, resolutions: list[Resolution]) -> list[EntityFacts]:
    chosen: list[EntityFacts] = []
    resolved = [r.facts for r in resolutions if r.facts is not None and r.confidence >= CONFIDENT]
    for entity in resolved + [context.facts[e] for e in context.named]:
        if entity.id not in {c.id for c in chosen}:
            chosen.append(entity)
    return chosen[:MAX_ENTITIES]


def pick_moments(context: Context, focus: list[EntityFacts]) -> list[Moment]:
    """Earlier moments where an entity of the answer occurs or that the line quotes, most
    relevant to the line first; none as filler."""
    ids = {e.id for e in focus}
    relevant = [m for m in context.moments if m.echo or ids & m.entities.keys()]
    return sorted(relevant, key=lambda m: -m.score)[:MAX_MOMENTS]


def _moment_at(moment: Moment, focus: list[EntityFacts]) -> float:
    times = [moment.entities[e.id] for e in focus if e.id in moment.entities]
    return min(times) if times else moment.start


def _fallback_description(entity: EntityFacts, korean: bool) -> str:
    """When no finished episode described the entity: where the viewer first saw it."""
    if korean:
        return f"{entity.first_episode}화 {clock(entity.first_at)} 첫 등장"
    return f"first seen in episode {entity.first_episode} at {clock(entity.first_at)}"


def _relations(plan: Plan, entity: EntityFacts) -> list[ExplainRelation]:
    """Relations of an entity; co-appearance carries its count only where it was counted within
    the bound (this episode's companions), never the series-wide weight."""
    minutes = round(repo.COMPANION_SECONDS / 60)
    return [ExplainRelation(name=str(r["name"]), type=str(r["type"]), scenes=int(r.get("count") or 0),
                            minutes=minutes if r.get("count") else 0) for r in plan.relations.get(entity.id, [])]


def _entity_type(value: str) -> EntityType:
    return value if value in ("character", "location", "event", "concept", "object") else "concept"  # type: ignore[return-value]


def _resolution(r: Resolution) -> ExplainResolution:
    facts = r.facts
    return ExplainResolution(
        expression=r.expression, offset=r.offset, name=r.entity.name if r.entity else "",
        type=_entity_type(r.entity.type if r.entity else r.kind), confidence=r.confidence, evidence=r.evidence,
        candidates=[ExplainCandidate(name=ref.name, evidence=why) for ref, why in r.candidates],
        first_episode=facts.first_episode if facts else None, first_timestamp=facts.first_at if facts else None,
        first_with=list(facts.first_with) if facts else [])


def provider_context(context: Context, plan: Plan, series_title: str) -> ExplainContext:
    korean = context.language.startswith("ko")
    focus = plan.entities
    resolved = {r.entity.id for r in plan.resolutions if r.entity is not None}
    video = context.video
    return ExplainContext(
        selected_text=context.selected_text, language=context.language, series_title=series_title,
        episode_label=f"S{video.season or 1}E{video.episode or 0}", timestamp=context.bound.until,
        recent_lines=[f"{r['speaker']}: {r['text']}" if r["speaker"] else str(r["text"])
                      for r in context.recent_lines],
        resolutions=[_resolution(r) for r in plan.resolutions],
        # a resolution already says where its entity was first seen
        entities=[ExplainEntity(
            name=e.name, type=_entity_type(e.type),
            description=e.description or ("" if e.id in resolved else _fallback_description(e, korean)),
            first_episode=e.first_episode, first_timestamp=e.first_at, relations=_relations(plan, e)) for e in focus],
        moments=[ExplainMoment(episode=m.episode, timestamp=_moment_at(m, focus),
                               text=excerpt(m.text, [n for e in focus for n in (e.name, *e.name.split())]))
                 for m in plan.moments],
        wiki=[WikiSummary(kind=str(s.get("kind")), title=str(s.get("title") or ""), url=s.get("url"),
                          summary=str(s.get("summary") or ""))
              for e in focus for s in e.sources if s.get("kind") in WIKI_KINDS],
    )


def anchors(context: Context, plan: Plan) -> list[Anchor]:
    korean = context.language.startswith("ko")
    found: list[Anchor] = []
    for entity in plan.entities:
        label = f"{entity.name} 첫 등장" if korean else f"First appearance of {entity.name}"
        found.append(Anchor(entity.first_video_id, entity.first_ordinal, entity.first_season, entity.first_episode,
                            entity.first_at, label))
    for moment in plan.moments:
        found.append(Anchor(moment.video_id, moment.ordinal, moment.season, moment.episode,
                            _moment_at(moment, plan.entities),
                            excerpt(moment.text, [n for e in plan.entities for n in (e.name, *e.name.split())])))
    return [a for a in found if context.bound.allows(a.ordinal, a.timestamp)]


def checked_references(draft_refs: list[DraftReference], known: list[Anchor]) -> list[dict[str, Any]]:
    """The draft's references that are earlier scenes of the graph (and within the bound: every
    anchor is); invented ones are dropped."""
    kept: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    for ref in draft_refs:
        matches = [a for a in known if a.episode == ref.episode
                   and abs(a.timestamp - ref.timestamp) <= REFERENCE_TOLERANCE_SECONDS]
        if not matches:
            continue
        anchor = min(matches, key=lambda a: abs(a.timestamp - ref.timestamp))
        key = (anchor.video_id, round(anchor.timestamp))
        if key not in seen:
            seen.add(key)
            kept.append(anchor.payload(ref.description.strip() or None))
    return kept


def sources(draft: ExplanationDraft, plan: Plan) -> list[dict[str, Any]]:
    """Video analysis always; wiki entries of the answer's entities that the draft used (the
    graph-only composer uses every one it was given)."""
    found: list[dict[str, Any]] = [{"type": "video_analysis", "title": "Video analysis"}]
    used = set(draft.sources)
    for entity in plan.entities:
        for source in entity.sources:
            kind = source.get("kind")
            if kind not in WIKI_KINDS:
                continue
            if not (used & {kind, source.get("url"), source.get("title")}):
                continue
            item: dict[str, Any] = {"type": kind, "title": source.get("title") or kind}
            if source.get("url"):
                item["url"] = source["url"]
            if item not in found:
                found.append(item)
    return found


def explanation_payload(context: Context, plan: Plan, draft: ExplanationDraft) -> dict[str, Any]:
    korean = context.language.startswith("ko")
    return {
        "text": draft.text,
        "resolutions": [{"expression": r.expression, "offset": r.offset,
                         "entity": {"id": r.entity.id, "name": r.entity.name, "type": r.entity.type}
                         if r.entity is not None else None, "description": r.description,
                         "confidence": r.confidence, "evidence": r.evidence} for r in plan.resolutions],
        "references": checked_references(draft.references, anchors(context, plan)),
        "entities": [{"id": e.id, "name": e.name, "type": e.type,
                      "description": e.description or _fallback_description(e, korean)} for e in plan.entities],
        "sources": sources(draft, plan),
    }
