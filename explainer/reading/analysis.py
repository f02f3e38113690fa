"""Offline analysis of a batch of segments: entities, references, relations, segment facts.

Lines are read in order and every line sees what the lines before it named (a working copy of
the context's known entities, see `registry`). People's references (he, 그 사람, I, you) are the
dialogue resolver's alone (`explainer.reading`, the one explain replays): where it abstains, no
reference is stored. Places, moments and things (거기, 그때) are resolved *before* the line's own
names are recorded, by the resolver explain uses too (`things`): what was named nearby.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

from explainer.reading.aliases import join_aliases
from explainer.reading.expressions import referring_spans
from explainer.reading.lang import LanguageRules, rules_for
from explainer.reading.mentions import (
    Mention,
    Token,
    capitalised_words,
    clean_line,
    split_speaker_label,
)
from explainer.reading.models import (
    AnalysisContext,
    BatchAnalysis,
    EntityType,
    FoundEntity,
    FoundReference,
    FoundRelation,
    SegmentFacts,
    SegmentInput,
)
from explainer.reading.person_mentions import KnownName
from explainer.reading.references import DialogueLine, person_references
from explainer.reading.registry import Registry, WorkingEntity
from explainer.reading.resolver import ANSWER_WITHIN_SECONDS
from explainer.reading.things import ThingCandidate, resolve_thing
from explainer.text import en, ko
from explainer.text.names import (
    HONORIFICS,
    TITLES,
    Language,
    detect_language,
    is_person_label,
    name_key,
    name_keys,
    normalise_name,
)

Tokenize = Callable[[list[str]], list[list[Token]]]

_TITLE_WORDS = frozenset(TITLES) | frozenset(HONORIFICS)


@dataclass(slots=True)
class _Line:
    segment: int
    ordinal: int
    start: float
    text: str
    speaker: str | None
    tokens: list[Token] = field(default_factory=list)
    lyric: bool = False  # sung: mentions nobody, is evidence of no one


@dataclass(slots=True)
class _SegmentStats:
    lines: int = 0
    length: float = 0.0  # characters (ko) or words (en)
    words: list[str] = field(default_factory=list)  # content words, for topics and rarity
    entities: set[int] = field(default_factory=set)
    characters: set[int] = field(default_factory=set)
    references: int = 0
    marks: int = 0  # ? and !
    firsts: int = 0  # entities named for the first time in the series


@dataclass(slots=True)
class _Reference:
    segment: int
    expression: str
    at: float
    entity: int
    confidence: float


def analyse_batch(batch: list[SegmentInput], context: AnalysisContext, tokenize: Tokenize) -> BatchAnalysis:
    return _BatchAnalyser(batch, context, tokenize).run()


class _BatchAnalyser:
    """One pass over the lines of a batch, in order, with a working copy of the known entities."""

    def __init__(self, batch: list[SegmentInput], context: AnalysisContext, tokenize: Tokenize) -> None:
        self.context = context
        self.registry = Registry(context.known_entities, context.candidates)
        self.lines = _prepare_lines(batch, self.registry)
        self.language: Language = detect_language(" ".join(line.text for line in self.lines[:200]))
        self.rules = rules_for(self.language)
        # speakers are characters for sure, wherever the batch names them
        self.speakers = {name_key(line.speaker) for line in self.lines
                         if line.speaker and is_person_label(line.speaker)}
        self.elsewhere: set[str] = set()
        if self.rules.morphemes:
            for line, tokens in zip(self.lines, tokenize([line.text for line in self.lines]), strict=True):
                line.tokens = tokens
        else:
            self.elsewhere = set().union(self.speakers, *(capitalised_words(line.text) for line in self.lines))
        self.stats = {segment.index: _SegmentStats() for segment in batch}
        self.references: list[_Reference] = []
        self.relations: Counter[tuple[int, int, str]] = Counter()
        self.vocatives: list[tuple[_Line, WorkingEntity]] = []  # names the previous line called out
        self.addressed: Counter[tuple[int, int]] = Counter()  # (name called, who answered)

    def is_known(self, key: str) -> bool:
        return key in self.speakers or self.registry.is_known(key)

    def _addressee_evidence(self, line: _Line, speaker: WorkingEntity) -> None:
        """미소야, … / (김비서) 네: whoever answers a line that called a name is who it called."""
        for called_line, called in self.vocatives:
            if line.start - called_line.start <= ANSWER_WITHIN_SECONDS and called.id != speaker.id:
                self.addressed[(called.id, speaker.id)] += 1

    def run(self) -> BatchAnalysis:
        for line in self.lines:
            self._read(line)
        join_aliases(self.registry, self.addressed)
        registry = self.registry
        for segment in self.stats.values():
            people = {e.id for i in segment.characters if (e := registry.canonical(registry.entities[i])).is_person}
            for a, b in combinations(sorted(people), 2):
                self.relations[(a, b, "co_appearance")] += 1
        return BatchAnalysis(
            segments=[_segment_facts(index, stats, registry, self.rules) for index, stats in self.stats.items()],
            entities=_entities(registry),
            references=self._person_references([
                FoundReference(segment=r.segment, expression=r.expression, at=r.at,
                               referent=registry.canonical(registry.entities[r.entity]).name,
                               confidence=r.confidence)
                for r in self.references]),
            relations=_relations(self.relations, registry),
            candidates=registry.candidates(),
        )

    def _person_references(self, found: list[FoundReference]) -> list[FoundReference]:
        """People's references (he, 그 사람, I, you) by the dialogue resolver explain uses too, after
        the places, moments and things found above; an abstention stores nothing (a person's
        reference no reader could resolve is no evidence for explain)."""
        registry = self.registry
        people = {e.name: e for e in map(registry.canonical, registry.entities) if e.is_person}

        def speaker(line: _Line) -> str | None:
            found = registry.find(line.speaker, "character") if line.speaker else None
            return registry.canonical(found).name if found is not None and found.name in people else None

        lines = [DialogueLine(line.segment, line.text, speaker(line), line.start, lyric=line.lyric)
                 for line in self.lines]
        known = [KnownName(name, name, min(1.0, e.mentions / 20), tuple(sorted(e.aliases - {name})))
                 for name, e in people.items()]
        # a title or a kin word said of them (Mr. Geller, 민준 오빠, my sister Jane) is gender evidence
        genders = {name: e.gender for name, e in people.items() if e.gender in ("m", "f")}
        resolved = [FoundReference(segment=r.segment, expression=r.expression, at=r.at, referent=r.entity_id,
                                   confidence=r.confidence)
                    for r in person_references(self.language, known, lines, genders)]
        return [*found, *resolved]

    def _read(self, line: _Line) -> None:
        registry = self.registry
        at = self.context.clock_offset + line.start
        # a song's 그 사람 / "he" is nobody of the scene, its names no evidence
        mentions = [] if line.lyric else self.rules.mentions(line.text, line.tokens, self.is_known, self.elsewhere)
        speaker = None
        if line.speaker and is_person_label(line.speaker):
            speaker = registry.mention(Mention(line.speaker, "character", 0, 0, evidence=("speaker",)),
                                       segment=line.segment, line=line.ordinal, at=at)
            speaker.spoke_in.add(line.segment)
            self._addressee_evidence(line, speaker)
        # references first: they point at what came before this line
        if not line.lyric:
            self._resolve_references(line, mentions, at)
        found = [speaker] if speaker else []
        mentions_found: list[Mention] = []
        found_mentioned: list[WorkingEntity] = []
        for mention in mentions:
            if mention.type is None and registry.find(mention.name) is None:
                if name_key(mention.name) not in self.speakers:
                    continue
                mention.type = "character"
            if name_key(mention.name) in self.speakers:  # a name the captions label as a speaker
                mention.evidence = (*mention.evidence, "speaker")
            entity = registry.mention(mention, segment=line.segment, line=line.ordinal, at=at)
            found.append(entity)
            mentions_found.append(mention)
            found_mentioned.append(entity)
            if speaker is not None and entity.id != speaker.id and entity.type == "character":
                kind = _relation_kind(mention.title)  # 민준 오빠 said by 미소: family
                if kind is not None:
                    self.relations[_pair(speaker.id, entity.id, kind)] += 1
        for source, target, kind in _relation_patterns(line.text, self.rules, speaker, registry):
            self.relations[_pair(source.id, target.id, kind)] += 1

        segment = self.stats[line.segment]
        segment.entities.update(e.id for e in found)
        segment.characters.update(e.id for e in found if e.type == "character")
        self.vocatives = [(line, e) for m, e in zip(mentions_found, found_mentioned, strict=True)
                          if m.vocative and e.type == "character"]
        segment.firsts += len({e.id for e in found if not e.known and e.first_line == line.ordinal})
        _count_line(segment, line, self.rules)

    def _resolve_references(self, line: _Line, mentions: list[Mention], at: float) -> None:
        """Places, moments and things by the reader's one resolver of them (`things`, explain's
        too), over the entities of their type as the lines before this one left them; a person's
        expression only counts for the segment's facts (the dialogue resolver decides who it is,
        see `_person_references`). Every expression counts for the segment's facts, resolved or not."""
        registry = self.registry
        named = [(e.id, m.start) for m in mentions if (e := registry.find(m.name, m.type)) is not None]
        for span in referring_spans(line.text, self.rules):
            self.stats[line.segment].references += 1
            if span.kind == "character":
                continue
            answer = resolve_thing(_thing_candidates(registry, span.kind, at, span.position, named))
            if answer is not None:
                self.references.append(_Reference(line.segment, span.text, line.start,
                                                  int(answer.candidate.id), answer.confidence))


# --- lines -----------------------------------------------------------------------------------

def _display_name(raw: str) -> str:
    """A speaker's name as an entity name: JANE → Jane, 미소 씨 → 미소."""
    raw = raw.strip()
    if raw.isascii() and raw.isupper():
        raw = raw.title()
    return normalise_name(raw) or raw


def _prepare_lines(batch: list[SegmentInput], registry: Registry) -> list[_Line]:
    lines: list[_Line] = []
    for segment in batch:
        for line in segment.lines:
            label, rest = split_speaker_label(line.text, registry.is_known)
            speaker = line.speaker or label
            lines.append(_Line(segment.index, len(lines), line.start, clean_line(rest),
                               _display_name(speaker) if speaker else None,
                               lyric=line.lyric))
    return lines


def _count_line(segment: _SegmentStats, line: _Line, rules: LanguageRules) -> None:
    segment.lines += 1
    segment.marks += line.text.count("?") + line.text.count("!")
    length, words = rules.line_words(line.text, line.tokens)
    segment.length += length
    segment.words.extend(words)


# --- references ------------------------------------------------------------------------------

# an object of the batch is an entity once named twice (one mention is often a common noun)
_MIN_BATCH_MENTIONS: dict[EntityType, int] = {"object": 2}


def _thing_candidates(registry: Registry, wanted: EntityType, now: float, position: int,
                      named: list[tuple[int, int]]) -> list[ThingCandidate]:
    """The entities of the wanted type as the lines before this one left them: when they were
    last named, whether this line names them before or after the expression, their salience."""
    before = {entity_id for entity_id, start in named if start < position}
    in_line = {entity_id for entity_id, _ in named}
    candidates: list[ThingCandidate] = []
    for entity in registry.entities:
        if entity.type != wanted or entity.merged_into is not None:
            continue
        if not entity.known and entity.batch_mentions < _MIN_BATCH_MENTIONS.get(entity.type, 1):
            continue
        candidates.append(ThingCandidate(
            id=str(entity.id), salience=entity.salience(now),
            named_ago=now - entity.last_seen if entity.last_seen <= now else None,
            before_in_line=entity.id in before, after_in_line=entity.id in in_line - before))
    return candidates


# --- relations -------------------------------------------------------------------------------

def _relation_kind(word: str | None) -> str | None:
    if word is None:
        return None
    lowered = word.lower()
    if lowered in ko.FAMILY_WORDS or lowered in en.FAMILY_WORDS:
        return "family"
    if lowered in ko.WORK_WORDS or lowered in en.WORK_WORDS:
        return "colleague"
    return None


def _pair(a: int, b: int, kind: str) -> tuple[int, int, str]:
    return (min(a, b), max(a, b), kind)


def _relation_patterns(text: str, rules: LanguageRules, speaker: WorkingEntity | None,
                       registry: Registry) -> list[tuple[WorkingEntity, WorkingEntity, str]]:
    """미소의 오빠 민준 / 우리 오빠 민준 (said by 미소) / Jane's brother Tom / my boss Kim."""
    found: list[tuple[WorkingEntity, WorkingEntity, str]] = []
    for match in rules.relation_of.finditer(text):
        source = registry.find(normalise_name(match.group(1)), "character")
        target = registry.find(normalise_name(match.group(3)), "character")
        kind = _relation_kind(match.group(2))
        if source and target and kind and source.id != target.id:
            found.append((source, target, kind))
            _learn_gender(target, match.group(2))
            registry.add_evidence(source, "kin")  # 미소의 동생 지은: both are people
            registry.add_evidence(target, "kin")
    if speaker is not None:
        for match in rules.relation_my.finditer(text):
            target = registry.find(normalise_name(match.group(2)), "character")
            kind = _relation_kind(match.group(1))
            if target and kind and target.id != speaker.id:
                found.append((speaker, target, kind))
                _learn_gender(target, match.group(1))
                registry.add_evidence(target, "kin")
    return found


def _learn_gender(entity: WorkingEntity, word: str) -> None:
    """my sister Jane → Jane is a woman (for 그 여자 / she)."""
    lowered = word.lower()
    if entity.gender is None:
        if lowered in ko.MALE_WORDS or lowered in en.MALE_WORDS:
            entity.gender = "m"
        elif lowered in ko.FEMALE_WORDS or lowered in en.FEMALE_WORDS:
            entity.gender = "f"


def _relation_strength(kind: str, count: int) -> float:
    if kind == "co_appearance":
        return round(count / (count + 2), 3)
    return round(min(0.9, 0.45 + 0.15 * count), 3)


def _relations(counts: Counter[tuple[int, int, str]], registry: Registry) -> list[FoundRelation]:
    relations: dict[tuple[str, str, str], FoundRelation] = {}
    for (a, b, kind), count in sorted(counts.items()):
        first, second = registry.canonical(registry.entities[a]), registry.canonical(registry.entities[b])
        if not (first.is_person and second.is_person):
            continue
        source, target = sorted((first.name, second.name))
        if source == target:
            continue
        key = (source, target, kind)
        strength = _relation_strength(kind, count)
        if key not in relations or relations[key].strength < strength:
            relations[key] = FoundRelation(source=source, target=target, type=kind, strength=strength)
    return sorted(relations.values(), key=lambda r: (r.type, r.source, r.target))


# --- entities and segment facts --------------------------------------------------------------

def _entities(registry: Registry) -> list[FoundEntity]:
    chosen = [e for e in registry.entities if e.batch_mentions > 0 and e.merged_into is None
              and (e.type != "object" or e.known or e.batch_mentions >= 2)
              and (e.type != "character" or e.is_person)]
    chosen.sort(key=lambda e: (e.first_line if e.first_line is not None else 0, e.id))
    return [
        FoundEntity(
            name=e.name, type=e.type, aliases=sorted(e.seen_forms - {e.name}), nicknames=sorted(e.nicknames - {e.name}),
            description=", ".join(t for t in e.titles if t in TITLES or t in en.WORK_WORDS),
            segments=sorted(e.segments))
        for e in chosen]


def _segment_facts(index: int, stats: _SegmentStats, registry: Registry, rules: LanguageRules) -> SegmentFacts:
    if stats.lines == 0:
        return SegmentFacts(index=index, topics=[], complexity=1, importance=1)
    names: set[str] = set()
    for entity in registry.entities:
        if entity.type == "character" and entity.batch_mentions:
            for alias in (entity.name, *entity.aliases):
                names |= name_keys(alias)
    words = [w for w in stats.words if name_key(w) not in names and w.lower() not in names]
    counts = Counter(words)
    first_at = {w: i for i, w in reversed(list(enumerate(words)))}
    topics = sorted(counts, key=lambda w: (-counts[w], first_at[w]))[:5]

    per_line = stats.length / stats.lines
    long_words = sum(1 for w in words if len(w) >= rules.long_word)
    rarity = long_words / len(words) if words else 0.0
    length_score = min(3.0, per_line / rules.line_length_unit)
    complexity = (1.0 + length_score + min(2.0, 4.0 * rarity)
                  + min(2.0, 0.4 * len(stats.entities)) + min(2.0, 0.5 * stats.references))

    density = len(stats.entities) / stats.lines
    importance = (1.0 + min(3.0, 2.5 * density) + min(2.0, 0.3 * stats.marks)
                  + min(2.0, 0.5 * stats.references) + min(2.0, 1.0 * stats.firsts))
    return SegmentFacts(index=index, topics=topics, complexity=_score(complexity),
                        importance=_score(importance))


def _score(value: float) -> int:
    return max(1, min(10, math.floor(value + 0.5)))
