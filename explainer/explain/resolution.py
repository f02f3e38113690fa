"""What each mention of the selected line refers to, from bounded evidence only.

People (names, descriptions, pronouns, I and you included) are resolved by the dialogue
resolver (`explainer.reading`, see `people.py`); places, moments and things (거기, 그때, that
thing) by the reader's resolver of them (`explainer.reading.things`, the one analysis stores
its references with), over what the scene named before the bound. A person description nobody
in the scene fits may call back to someone of an earlier scene; every candidate of the right
type is scored on what the viewer has seen:

- a stored reference for the expression, weighted by its confidence (weakly when unsure);
- similar earlier moments (vector search) the candidate appears in: a callback line echoes the
  scene it calls back to;
- being named right after the line, up to the bound (the next line often answers "who?");
- salience: the candidate's importance in the series' character graph (a tie-breaker);
- for a person ("the man I told you about", 그 남자), being related to the line's speaker or
  seen with them in earlier episodes;
- and against: being in the current scene already — "그 사람" / "him" points away from the
  people talking, at someone who is not there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from explainer.explain.context import Context, EntityFacts, moment_weights
from explainer.reading.calibration import ABSTAIN_BELOW, callback_confidence
from explainer.reading.expressions import Expression, same_expression
from explainer.reading.lang import rules_for
from explainer.reading.resolver import Resolution as PersonResolution
from explainer.reading.things import ThingCandidate, reference_weight, resolve_thing

W_MOMENTS = 1.0
W_NAMED_AFTER = 0.6
W_IMPORTANCE = 0.3
W_IN_SCENE = -0.8
# "the man I told you about": someone the speaker is related to or seen with before
W_WITH_SPEAKER = 0.3


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
    # someone the viewer has seen but never heard named ("the woman Ross met at the party"): a
    # model's reading, with `entity` None
    description: str | None = None


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
        score += reference_weight(max((c for e, c in stored if e == entity.id), default=0.0))
        score += W_MOMENTS * sum(w for w, m in zip(weights, context.moments, strict=True)
                                 if entity.id in m.entities) / total
        if entity.id in context.named_after:
            score += W_NAMED_AFTER
        if entity.id in context.in_scene:
            score += W_IN_SCENE
        if expression.kind == "character" and _with_speaker(context, entity):
            score += W_WITH_SPEAKER
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
    demonstrative nobody talked about in the scene fits (그 사람, 걔, "that guy", "the man") may
    call back to someone seen earlier of its gender: the echoed or similar earlier scenes. A bare
    he/she never does (bench/dialogue.py, Friends dev e20: right 0 times of 10): it is that
    person only when the line renames it at once — its sentence ends with it and the next one
    is the description ("It was him. The man in the green raincoat."). A description anywhere
    else in the line is no such renaming (all 8 episodes: right 0 times of 10)."""
    people = [_person(context, found) for found in context.people.resolutions]
    for i, found in enumerate(context.people.resolutions):
        if people[i].entity is None and _may_call_back(found, context.language):
            people[i] = _callback(context, found) or people[i]
    found_all = context.people.resolutions
    for i, found in enumerate(found_all[:-1]):
        follower, renamed = found_all[i + 1], people[i + 1]
        if found.mention.kind == "third" and not found.mention.plural and renamed.entity is not None \
                and (follower.mention.kind == "description" or " " in follower.mention.text.strip()) \
                and follower.mention.gender == found.mention.gender and " " not in found.mention.text.strip() \
                and _renames(context.selected_text, found.mention.end, follower.mention.start):
            people[i] = replace(renamed, expression=found.mention.text, offset=found.mention.start,
                                evidence=f"the same person as '{renamed.expression}' right after it")
    return sorted([*people, *_things(context)], key=lambda r: r.offset)


def _renames(text: str, pronoun_end: float, description_start: float) -> bool:
    """The pronoun ends its sentence and the description opens the next: "him. The man ..."."""
    between = text[int(pronoun_end):int(description_start)]
    return bool(re.fullmatch(r"\s*[.!?…]+\s*", between))


def _may_call_back(found: PersonResolution, language: str) -> bool:
    mention = found.mention
    if mention.kind not in ("third", "description") or mention.plural:
        return False
    return rules_for(language).may_call_back(mention)


def _callback(context: Context, found: PersonResolution) -> Resolution | None:
    mention = found.mention
    expression = Expression(text=mention.text, kind="character", position=mention.start)
    # nobody talked about in the scene fits: the mention points at someone who is not there
    away = set(context.named) | set(context.in_scene) | {c.entity_id for c in found.candidates if c.grounded}
    # of the mention's gender ("the guy" is no woman), where the series' evidence is sure of theirs
    clash = {e for e, g in context.people.genders.items() if mention.gender is not None and g != mention.gender}
    scored = [(score, e) for score, e in score_candidates(context, expression) if e.id not in away | clash]
    if not scored or scored[0][0] <= 0.0:
        return None
    best, entity = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    quoted = any(m.echo and entity.id in m.entities for m in context.moments)  # said the line now quoted
    confidence = callback_confidence(best, runner_up, quoted=quoted)
    if confidence < ABSTAIN_BELOW:
        return None  # only a confident callback is stated (Friends dev e20: those below were all wrong)
    return Resolution(mention.text, mention.start, "character", EntityRef(entity.id, entity.name, entity.type),
                      confidence, _evidence(context, entity), entity)


def _things(context: Context) -> list[Resolution]:
    """거기 / 그때 / that thing: the places, moments and things of the line's kind as the scene
    knows them, resolved by the reader's one resolver (`explainer.reading.things`, analysis's
    too). For 그때 with nothing named nearby, the earlier moments answer."""
    resolutions: list[Resolution] = []
    for expression in context.expressions:
        if expression.kind == "character":
            continue  # people: the dialogue resolver
        answer = resolve_thing(_thing_candidates(context, expression))
        if answer is None:
            continue
        entity = context.facts[answer.candidate.id]
        resolutions.append(Resolution(expression.text, expression.position, expression.kind,
                                      EntityRef(entity.id, entity.name, entity.type), answer.confidence,
                                      answer.evidence, entity))
    return resolutions


def _thing_candidates(context: Context, expression: Expression) -> list[ThingCandidate]:
    """The entities of the expression's kind: when the scene last named them before the line,
    whether the line names them before or after the expression, the closest stored reference."""
    stored = dict(reversed(_stored(context, expression)))  # the closest reference per entity
    before = context.selected_text[:expression.position].casefold()
    named = set(context.named)
    candidates: list[ThingCandidate] = []
    for entity in context.facts.values():
        if entity.type != expression.kind:
            continue
        in_line_before = entity.id in named and entity.name.casefold() in before
        at = context.in_scene.get(entity.id)
        candidates.append(ThingCandidate(
            id=entity.id, salience=entity.importance,
            named_ago=max(0.0, context.line_at - at) if at is not None else None,
            before_in_line=in_line_before, after_in_line=entity.id in named and not in_line_before,
            stored=stored.get(entity.id, 0.0)))
    return candidates


def _with_speaker(context: Context, entity: EntityFacts) -> bool:
    """Is `entity` related to the speaker of the line, or seen with them in earlier episodes?"""
    speaker = context.people.speaker
    return speaker is not None and any(r.get("id") == speaker for r in context.relations.get(entity.id, []))


def _evidence(context: Context, entity: EntityFacts) -> str:
    if entity.id in context.named_after:
        return "named right after this line"
    similar = any(entity.id in m.entities for m in context.moments)
    if _with_speaker(context, entity):
        speaker = context.people.known.get(str(context.people.speaker))
        who = speaker.name if speaker else "the speaker"
        return f"seen with {who} before" + (", and in a similar earlier scene" if similar else "")
    if similar:
        return "seen in a similar earlier scene"
    return "important in the series"
