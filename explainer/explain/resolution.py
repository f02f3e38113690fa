"""Which entity a referring expression points at, from bounded evidence only.

Stored references near the line come first when analysis was confident about them. Otherwise
every candidate of the right type is scored on what the viewer has seen:

- a stored reference for the expression, weighted by its confidence (weakly when unsure);
- similar earlier moments (vector search) the candidate appears in: a callback line echoes the
  scene it calls back to;
- being named right after the line, up to the bound (the next line often answers "who?");
- salience: the candidate's importance in the series' character graph (a tie-breaker);
- and against: being in the current scene already — "그 사람" / "him" points away from the
  people talking, at someone who is not there.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.explain.context import Context, EntityFacts, moment_weights
from explainer.explain.expressions import Expression, same_expression

CONFIDENT_REFERENCE = 0.5
W_REFERENCE = 2.0
W_WEAK_REFERENCE = 0.5
W_MOMENTS = 1.0
W_NAMED_AFTER = 0.6
W_IMPORTANCE = 0.3
W_IN_SCENE = -0.8


@dataclass(frozen=True, slots=True)
class Resolution:
    expression: Expression
    entity: EntityFacts
    confidence: float


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


def resolve(context: Context) -> list[Resolution]:
    resolutions: list[Resolution] = []
    named = set(context.named)
    for expression in context.expressions:
        stored = _stored(context, expression)
        confident = next(((e, c) for e, c in stored if c >= CONFIDENT_REFERENCE and e in context.facts
                          and context.facts[e].type == expression.kind), None)
        if confident is not None:
            resolutions.append(Resolution(expression, context.facts[confident[0]], round(confident[1], 3)))
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
        resolutions.append(Resolution(expression, entity, round(min(0.9, 0.35 + 0.55 * margin), 3)))
    return resolutions
