"""What a place, moment or thing expression (거기, 그때, 그거, "there", "back then", "that thing")
points at: one resolver for the offline analysis of a batch and for explain.

Each caller gives a ranked view of the entities of the expression's type as it knows them
(`ThingCandidate`: when it was last named, where in the line, how salient, what a stored
reference said); the algorithm is the same for both:

1. hard constraints: only what was named nearby is a referent — earlier in this line, or in the
   scene before it (within `SCENE_SECONDS`). Nothing named nearby: no answer, never the series'
   most important place;
2. scores: nearness (earlier in the line most, then the later in the scene the nearer), a stored
   reference for the expression (weakly when unsure), salience as a small share; an entity the
   line names after the expression counts a quarter ("거기 말고 사무실로 와": not the office);
3. the winner's confidence: a confident stored reference's own, else its margin over the
   runner-up (`margin_confidence`).

People are the dialogue resolver's (`resolver.py`), never this module's.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.reading.calibration import margin_confidence

# a thing named this many seconds before the line is of the scene
SCENE_SECONDS = 45.0
# named earlier in the same line: the closest antecedent, before anything of the scene (at most
# 2 for nearness plus W_SALIENCE) unless a stored reference says otherwise
W_IN_LINE = 2.5
CONFIDENT_REFERENCE = 0.5
W_REFERENCE = 2.0
W_WEAK_REFERENCE = 0.5
W_SALIENCE = 0.3  # the candidate's share of the most salient one's salience
NAMED_AFTER_FACTOR = 0.25  # named later in the same line: rarely what the expression points back at


@dataclass(frozen=True, slots=True)
class ThingCandidate:
    """An entity of the expression's type, as the caller knows it at the line."""

    id: str
    salience: float  # importance, recency, frequency: anything non-negative, the higher the more salient
    named_ago: float | None = None  # seconds since it was last named before the line; None: not before it
    before_in_line: bool = False  # named earlier in the line than the expression
    after_in_line: bool = False  # named in the line after the expression (and not before it)
    stored: float = 0.0  # confidence of a stored reference of this expression to it (0: none)


@dataclass(frozen=True, slots=True)
class ThingAnswer:
    candidate: ThingCandidate
    confidence: float
    evidence: str


def resolve_thing(candidates: list[ThingCandidate]) -> ThingAnswer | None:
    """The candidate the expression points at, or None (see the module)."""
    nearby = [c for c in candidates if c.before_in_line or
              (c.named_ago is not None and 0.0 <= c.named_ago <= SCENE_SECONDS)]
    if not nearby:
        return None
    top_salience = max(c.salience for c in nearby)
    scored: list[tuple[float, ThingCandidate, str]] = []
    for candidate in nearby:
        if candidate.before_in_line:
            score, why = W_IN_LINE, "named earlier in this line"
        else:
            ago = candidate.named_ago or 0.0
            score, why = 1.0 + max(0.0, 1.0 - ago / SCENE_SECONDS), f"named {round(ago)} s earlier"
        score += reference_weight(candidate.stored)
        if candidate.stored >= CONFIDENT_REFERENCE:
            why = "the analysis of this line, " + why
        if top_salience > 0.0:
            score += W_SALIENCE * max(candidate.salience, 0.0) / top_salience
        if candidate.after_in_line:
            score *= NAMED_AFTER_FACTOR
        scored.append((score, candidate, why))
    scored.sort(key=lambda t: (-t[0], t[1].id))
    best, winner, why = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    confidence = winner.stored if winner.stored >= CONFIDENT_REFERENCE else margin_confidence(best, runner_up)
    return ThingAnswer(winner, round(confidence, 3), why)


def reference_weight(confidence: float) -> float:
    """What a stored reference of the expression to a candidate adds to its score: its
    confidence, weighted strongly when analysis was confident, weakly when it was unsure."""
    return confidence * (W_REFERENCE if confidence >= CONFIDENT_REFERENCE else W_WEAK_REFERENCE)
