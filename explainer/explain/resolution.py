"""What each mention of the selected line refers to, from bounded evidence only.

People (names, descriptions, pronouns, I and you included) are resolved by the dialogue
resolver (`explainer.dialogue`, see `people.py`). Places, moments and things (거기, 그때, that
thing) are resolved here: stored references near the line come first when analysis was
confident about them; otherwise every candidate of the right type is scored on what the
viewer has seen:

- a stored reference for the expression, weighted by its confidence (weakly when unsure);
- similar earlier moments (vector search) the candidate appears in: a callback line echoes the
  scene it calls back to;
- being named right after the line, up to the bound (the next line often answers "who?");
- salience: the candidate's importance in the series' character graph (a tie-breaker);
- and against: being in the current scene already — "그 사람" / "him" points away from the
  people talking, at someone who is not there.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from explainer.dialogue.resolver import Resolution as PersonResolution
from explainer.explain.context import Context, EntityFacts, moment_weights
from explainer.explain.expressions import Expression, same_expression
from explainer.llm.base import DraftResolution

CONFIDENT_REFERENCE = 0.5
W_REFERENCE = 2.0
W_WEAK_REFERENCE = 0.5
W_MOMENTS = 1.0
W_NAMED_AFTER = 0.6
W_IMPORTANCE = 0.3
W_IN_SCENE = -0.8


@dataclass(frozen=True, slots=True)
class EntityRef:
    id: str
    name: str
    type: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """One mention of the selected text; `entity` None: unresolved (the resolver abstained)."""

    expression: str
    offset: int
    kind: str  # the entity type it points to
    entity: EntityRef | None
    confidence: float
    evidence: str
    facts: EntityFacts | None = None
    candidates: list[tuple[EntityRef, str]] = field(default_factory=list)


def _stored(context: Context, expression: Expression) -> list[tuple[str, float]]:
    """(entity id, confidence) of stored references for this expression, closest to the line first."""
    refs = [r for r in context.references if same_expression(str(r["expression"] or ""), expression)]
    refs.sort(key=lambda r: abs(float(r["at"]) - context.line_at))
    return [(str(r["entityId"]), float(r["confidence"] or 0.0)) for r in refs]


def score_candidates(context: Context, expression: Expression) -> list[tuple[float, EntityFacts]]:
    candidates = [f for f in context.facts.values() if f.type == expression.kind]
    if not candidates:
        return []
    stored = _stored(context, expression)
    weights = moment_weights(context.moments)
    total = sum(weights) or 1.0
    scored: list[tuple[float, EntityFacts]] = []
    for entity in candidates:
        score = 0.0
        confidence = max((c for e, c in stored if e == entity.id), default=0.0)
        if confidence:
            score += confidence * (W_REFERENCE if confidence >= CONFIDENT_REFERENCE else W_WEAK_REFERENCE)
        score += W_MOMENTS * sum(w for w, m in zip(weights, context.moments, strict=True)
                                 if entity.id in m.entities) / total
        if entity.id in context.named_after:
            score += W_NAMED_AFTER
        if entity.id in context.in_scene:
            score += W_IN_SCENE
        score += W_IMPORTANCE * entity.importance
        scored.append((score, entity))
    scored.sort(key=lambda pair: (-pair[0], pair[1].id))
    return scored


def _ref(context: Context, entity_id: str) -> EntityRef:
    facts = context.facts.get(entity_id)
    if facts is not None:
        return EntityRef(facts.id, facts.name, facts.type)
    known = context.people.known.get(entity_id)
    return EntityRef(entity_id, known.name if known else entity_id, "character")


def _person(context: Context, found: PersonResolution) -> Resolution:
    mention = found.mention
    entity = _ref(context, found.entity_id) if found.entity_id is not None else None
    return Resolution(expression=mention.text, offset=mention.start, kind="character", entity=entity,
                      confidence=found.confidence, evidence=found.evidence,
                      facts=context.facts.get(found.entity_id) if found.entity_id else None,
                      candidates=[(_ref(context, c.entity_id), c.evidence) for c in found.candidates])


def resolve(context: Context) -> list[Resolution]:
    """Every person mention, and the place/moment/thing expressions, in order of offset. A
    third-person mention nobody in the scene fits may call back to someone seen earlier (the
    echoed or similar earlier scenes, who is named right after)."""
    resolutions = []
    for found in context.people.resolutions:
        person = _person(context, found)
        if person.entity is None and found.mention.kind in ("third", "description") and not found.mention.plural:
            person = _callback(context, found) or person
        resolutions.append(person)
    resolutions += _things(context)
    return sorted(resolutions, key=lambda r: r.offset)


def _callback(context: Context, found: PersonResolution) -> Resolution | None:
    mention = found.mention
    expression = Expression(text=mention.text, kind="character", position=mention.start)
    scored = [(score, e) for score, e in score_candidates(context, expression) if e.id not in set(context.named)]
    if not scored or scored[0][0] <= 0.0:
        return None
    best, entity = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    margin = (best - max(runner_up, 0.0)) / best
    return Resolution(mention.text, mention.start, "character", EntityRef(entity.id, entity.name, entity.type),
                      round(min(0.9, 0.35 + 0.55 * margin), 3), _evidence(context, entity), entity)


def choose(resolutions: list[Resolution], chosen: list[DraftResolution]) -> list[Resolution]:
    """The provider's choices among each mention's candidates; a name outside them is ignored."""
    picks = {c.offset: c.name.strip() for c in chosen}
    result: list[Resolution] = []
    for resolution in resolutions:
        pick = picks.get(resolution.offset)
        if pick is None or not resolution.candidates:
            result.append(resolution)
            continue
        if not pick:
            result.append(replace(resolution, entity=None, facts=None, evidence="no candidate fits"))
            continue
        match = next(((ref, why) for ref, why in resolution.candidates if ref.name == pick), None)
        if match is None or (resolution.entity is not None and match[0].id == resolution.entity.id):
            result.append(resolution)
            continue
        result.append(replace(resolution, entity=match[0], facts=None, confidence=min(resolution.confidence, 0.6),
                              evidence=f"chosen among the candidates: {match[1]}"))
    return result


def _things(context: Context) -> list[Resolution]:
    resolutions: list[Resolution] = []
    named = set(context.named)
    for expression in context.expressions:
        if expression.kind == "character":
            continue  # people: the dialogue resolver
        stored = _stored(context, expression)
        confident = next(((e, c) for e, c in stored if c >= CONFIDENT_REFERENCE and e in context.facts
                          and context.facts[e].type == expression.kind), None)
        if confident is not None:
            facts = context.facts[confident[0]]
            resolutions.append(Resolution(expression.text, expression.position, expression.kind,
                                          EntityRef(facts.id, facts.name, facts.type), round(confident[1], 3),
                                          "the analysis of this line", facts))
            continue
        if expression.kind == "event":
            continue  # "back then" is answered by the earlier moments, not by guessing an event
        # a name in the same line is what the expression is about only when it is not the
        # referent itself ("미소야, 그 사람 누구야?"); leave named entities out of the race
        scored = [(s, e) for s, e in score_candidates(context, expression) if e.id not in named]
        if not scored or scored[0][0] <= 0.0:
            continue
        best, entity = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        margin = (best - max(runner_up, 0.0)) / best
        resolutions.append(Resolution(expression.text, expression.position, expression.kind,
                                      EntityRef(entity.id, entity.name, entity.type),
                                      round(min(0.9, 0.35 + 0.55 * margin), 3), _evidence(context, entity), entity))
    return resolutions


def _evidence(context: Context, entity: EntityFacts) -> str:
    if entity.id in context.named_after:
        return "named right after this line"
    if any(entity.id in m.entities for m in context.moments):
        return "seen in a similar earlier scene"
    return "important in the series"
