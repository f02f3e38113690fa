"""The working set of entities during one analysis: the context's known entities plus what the
batch has named so far, with name-key lookup, short/full name merging and salience."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from explainer.reading.mentions import Mention
from explainer.reading.models import EntityType, KnownEntity, PersonCandidate
from explainer.reading.names import NameIndex
from explainer.text.names import fullness, is_hangul_word, name_key

# Seconds after which an entity's recency has halved (on the series-wide clock).
RECENCY_HALF_LIFE = 300.0


# Person evidence: what makes a reader take a name for a person. A speaker label, a vocative,
# a title/honorific, a kinship phrase (미소의 동생 지은) or a naming phrase (한지훈이라는 분) is
# enough by itself; a person verb
# ("미소가 말했어", "Ross said", "Is Owen here?") with the name's own shape is enough too;
# bare recurrence (a proper noun in several scenes) and the shape of a full name add up to less
# than the threshold, so a word is never a character only because the morphology tagged it NNP.
# "self": 이 성동일의 소원이야, the speaker calling himself by his full name
EVIDENCE_WEIGHTS: dict[str, float] = {"speaker": 3.0, "vocative": 2.0, "title": 2.0, "kin": 2.0, "named": 2.0,
                                      "self": 2.0, "verb": 1.5, "referred": 1.0}
# a first name of the lexicon (gender-guesser) is weak evidence: with the cap, never enough alone
WEAK_EVIDENCE: dict[str, float] = {"bare": 0.5, "full_name": 0.5, "given_name": 1.0}
WEAK_CAP = 1.5
PERSON_THRESHOLD = 2.0


@dataclass(slots=True)
class WorkingEntity:
    id: int
    name: str
    type: EntityType
    known: bool
    mentions: int
    importance: float
    last_seen: float
    aliases: set[str]  # every name it is known by (context aliases + forms seen here)
    seen_forms: set[str] = field(default_factory=set)  # normalised forms seen in this batch
    segments: set[int] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)
    gender: str | None = None
    batch_mentions: int = 0
    first_line: int | None = None  # ordinal of the first line of the batch that names it
    evidence: dict[str, int] = field(default_factory=dict)  # person evidence by kind
    bare_segments: set[int] = field(default_factory=set)
    spoke_in: set[int] = field(default_factory=set)  # segments where captions label them as the speaker
    merged_into: int | None = None  # an alias entity joined into a person
    # names the captions give as this person's nicknames (이름 장미옥 별명 장만옥): the name shown is
    # the real one, and a nickname that is a full name of its own still folds into it
    nicknames: set[str] = field(default_factory=set)

    def salience(self, now: float) -> float:
        """recency × frequency × importance, all positive."""
        recency = 1.0 / (1.0 + max(0.0, now - self.last_seen) / RECENCY_HALF_LIFE)
        frequency = 1.0 + math.log1p(self.mentions)
        importance = 1.0 + min(max(self.importance, 0.0), 10.0)
        return recency * frequency * importance

    def person_score(self) -> float:
        strong = sum(EVIDENCE_WEIGHTS[k] * min(n, 2) for k, n in self.evidence.items() if k in EVIDENCE_WEIGHTS)
        weak = WEAK_EVIDENCE["bare"] * len(self.bare_segments) + sum(
            WEAK_EVIDENCE[k] * min(self.evidence.get(k, 0), 1) for k in ("full_name", "given_name"))
        return strong + min(WEAK_CAP, weak)

    @property
    def is_person(self) -> bool:
        """A character the series has shown to be a person (known ones were shown before)."""
        return self.type == "character" and (self.known or self.person_score() >= PERSON_THRESHOLD)


def _compatible(entity_type: EntityType, wanted: EntityType | None) -> bool:
    if wanted is None or entity_type == wanted:
        return True
    return entity_type != "character" and wanted != "character"


class Registry:
    def __init__(self, known: list[KnownEntity], candidates: list[PersonCandidate] | None = None) -> None:
        self.entities: list[WorkingEntity] = []
        self._names: NameIndex[int] = NameIndex()
        # person evidence earlier batches of the episode gathered for names not yet shown to be
        # people: a name used as a person here gets it back (so evidence need not fit one batch)
        self.carried: dict[str, PersonCandidate] = {name_key(c.name): c for c in candidates or ()}
        self._last_person: tuple[int, int] | None = None  # (entity id, line) of the last person named
        for item in known:
            entity = WorkingEntity(
                id=len(self.entities), name=item.name, type=item.type, known=True,
                mentions=item.mentions, importance=item.importance, last_seen=item.last_seen,
                aliases=set(item.aliases))
            self.entities.append(entity)
            self._names.add(entity.id, item.name, canonical=True)
            for alias in item.aliases:
                self._names.add(entity.id, alias)

    def is_known(self, key: str) -> bool:
        return self._names.is_known(key)

    def canonical(self, entity: WorkingEntity) -> WorkingEntity:
        while entity.merged_into is not None:
            entity = self.entities[entity.merged_into]
        return entity

    def find(self, name: str, wanted: EntityType | None = None,
             extra: list[str] | None = None) -> WorkingEntity | None:
        """The entity a mention names (the rules are `NameIndex`'s); exact names first, then the
        entity named in this batch, the most mentioned, the most recent."""
        exact: set[int] = set()
        ids: set[int] = set()
        for form in (name, *(extra or [])):
            for ident, is_exact in self._names.matches(form):
                entity = self.canonical(self.entities[ident])
                ids.add(entity.id)
                if is_exact:
                    exact.add(entity.id)
        candidates = [self.entities[i] for i in sorted(ids) if _compatible(self.entities[i].type, wanted)]
        if not candidates:
            return None
        return min(candidates, key=lambda e: (e.id not in exact, e.batch_mentions == 0,
                                              -e.mentions, -e.last_seen, e.id))

    def two_people(self, name: str, own: int | None = None) -> WorkingEntity | None:
        """The person a name of two or more words starts with when its other words are another
        established person's surname ("Monica Becker": Monica, and Pete Becker's surname; "Barry
        Hunter": Barry, and Mindy Hunter's), else None: a joke or a slip, never a person of its
        own. `own`: the entity bearing the name, when it exists already."""
        words = name.split()
        if len(words) < 2 or not name.isascii() or (own is None and self._names.is_known(name_key(name))):
            return None
        firsts = [e for e in self._people_named(words[0]) if e.id != own]
        if len(firsts) != 1:
            return None
        first = firsts[0]
        for word in words[1:]:
            for other in self._people_named(word):
                if other.id not in (first.id, own) and word.lower() in (w.lower() for w in other.name.split()[1:]) \
                        and (other.known or other.batch_mentions >= 2 or "speaker" in other.evidence):
                    return first
        return None

    def _people_named(self, word: str) -> list[WorkingEntity]:
        found = {self.canonical(self.entities[i]).id for i, _ in self._names.matches(word)}
        return [e for i in sorted(found) if (e := self.entities[i]).type == "character" and e.is_person]

    def mention(self, mention: Mention, *, segment: int, line: int, at: float) -> WorkingEntity:
        """Record a mention: update the entity it names, or create one. A name the line gives as
        another name of someone (a nickname, a real name told after a nickname) joins the two."""
        previous = self._previous_person(line) if mention.renames_previous else None
        if previous is not None and mention.renames_previous == "nickname":
            self._nickname(previous, mention.name)
            return self._record(previous, mention, segment=segment, line=line, at=at, forms=())
        entity = self._entity_for(mention, at)
        if previous is not None and previous.id != self.canonical(entity).id:
            self._nickname(entity, previous.name)  # 본명은 왕자현인데: the one just named goes by a nickname
        if mention.nickname:
            self._nickname(entity, mention.nickname)
        return self._record(entity, mention, segment=segment, line=line, at=at,
                            forms=(mention.name, *mention.derived))

    def _previous_person(self, line: int) -> WorkingEntity | None:
        """The person named in this line or the two before it, the last one."""
        if self._last_person is None or line - self._last_person[1] > 2:
            return None
        entity = self.canonical(self.entities[self._last_person[0]])
        return entity if entity.type == "character" else None

    def _nickname(self, person: WorkingEntity, nickname: str) -> None:
        """`nickname` is what `person` is called: the entity of that name (or a new alias) joins them,
        and `person`'s name stays the one shown."""
        person = self.canonical(person)
        if name_key(nickname) == name_key(person.name):
            return  # told again of the one already known by this real name
        person.nicknames.add(nickname)
        other = self.find(nickname, "character")
        if other is not None and other.id != person.id:
            self.join(other, person)
        elif other is None:
            person.aliases.add(nickname)
            person.seen_forms.add(nickname)
            self._names.add(person.id, nickname)

    def _entity_for(self, mention: Mention, at: float) -> WorkingEntity:
        joined = self.two_people(mention.name) if mention.type in (None, "character") else None
        if joined is not None:  # a mention of the first person only; its name is no alias of theirs
            mention.name, mention.derived = joined.name, []
        entity = self.find(mention.name, mention.type, mention.derived)
        if entity is None:
            entity = WorkingEntity(
                id=len(self.entities), name=mention.name, type=mention.type or "concept", known=False,
                mentions=0, importance=0.0, last_seen=at, aliases=set())
            self.entities.append(entity)
            self._names.add(entity.id, mention.name, canonical=True)
            carried = self.carried.get(name_key(mention.name))
            if carried is not None and entity.type == "character":
                entity.evidence.update(carried.evidence)
                entity.bare_segments.update(carried.scenes)
        elif entity.type == "character" and _same_script(mention.name, entity.name) and (
                fullness(mention.name) > fullness(entity.name) and mention.name not in entity.nicknames
                or entity.name in entity.nicknames and mention.name not in entity.nicknames
                and fullness(mention.name) >= fullness(entity.name)):
            entity.seen_forms.add(entity.name)  # keep the shorter name (or the nickname) as an alias
            entity.name = mention.name
            self._names.add(entity.id, mention.name, canonical=True)
        return entity

    def _record(self, entity: WorkingEntity, mention: Mention, *, segment: int, line: int, at: float,
                forms: tuple[str, ...]) -> WorkingEntity:
        for form in forms:
            entity.seen_forms.add(form)
            if form not in entity.aliases:
                entity.aliases.add(form)
                self._names.add(entity.id, form)
        entity.mentions += 1
        entity.batch_mentions += 1
        entity.last_seen = max(entity.last_seen, at)
        entity.segments.add(segment)
        if entity.first_line is None:
            entity.first_line = line
        if mention.title and mention.title not in entity.titles:
            entity.titles.append(mention.title)
        if mention.gender and entity.gender is None:
            entity.gender = mention.gender
        for kind in mention.evidence:
            if kind == "bare":
                entity.bare_segments.add(segment)
            else:
                entity.evidence[kind] = entity.evidence.get(kind, 0) + 1
        if fullness(mention.name) >= 3 and is_hangul_word(mention.name):
            entity.evidence["full_name"] = entity.evidence.get("full_name", 0) + 1
        if entity.type == "character":
            self._last_person = (entity.id, line)
        return entity

    def candidates(self) -> list[PersonCandidate]:
        """Names this batch used as characters without enough person evidence yet, with all the
        evidence they have, and the carried ones it did not use again."""
        found: dict[str, PersonCandidate] = dict(self.carried)
        for entity in self.entities:
            if entity.type != "character" or entity.merged_into is not None:
                continue
            key = name_key(entity.name)
            if entity.is_person:
                found.pop(key, None)
            elif entity.batch_mentions:
                found[key] = PersonCandidate(name=entity.name, evidence=dict(sorted(entity.evidence.items())),
                                             scenes=sorted(entity.bare_segments))
        return [found[k] for k in sorted(found)]

    def add_evidence(self, entity: WorkingEntity, kind: str) -> None:
        entity.evidence[kind] = entity.evidence.get(kind, 0) + 1

    def join(self, alias: WorkingEntity, person: WorkingEntity) -> None:
        """`alias` (김비서, Rach) is another name of `person`: one entity from now on."""
        alias, person = self.canonical(alias), self.canonical(person)
        if alias.id == person.id:
            return
        alias.merged_into = person.id
        for form in (alias.name, *alias.aliases):
            if form != person.name:
                person.aliases.add(form)
                self._names.add(person.id, form)
        person.seen_forms |= alias.seen_forms | {alias.name}
        person.seen_forms.discard(person.name)
        person.segments |= alias.segments
        person.bare_segments |= alias.bare_segments
        person.spoke_in |= alias.spoke_in
        for kind, count in alias.evidence.items():
            person.evidence[kind] = person.evidence.get(kind, 0) + count
        person.mentions += alias.mentions if not alias.known else 0
        person.batch_mentions += alias.batch_mentions
        person.last_seen = max(person.last_seen, alias.last_seen)
        if alias.first_line is not None and (person.first_line is None or alias.first_line < person.first_line):
            person.first_line = alias.first_line
        person.titles += [t for t in alias.titles if t not in person.titles]
        person.gender = person.gender or alias.gender
        person.nicknames |= alias.nicknames


def _same_script(a: str, b: str) -> bool:
    return is_hangul_word(a.replace(" ", "")) == is_hangul_word(b.replace(" ", ""))
