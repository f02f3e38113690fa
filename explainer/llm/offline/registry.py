"""The working set of entities during one analysis: the context's known entities plus what the
batch has named so far, with name-key lookup, short/full name merging and salience."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from explainer.llm.base import EntityType, KnownEntity
from explainer.llm.offline.mentions import Mention
from explainer.text import ko
from explainer.text.names import given_name, is_hangul_word, name_key, name_keys

# Seconds after which an entity's recency has halved (on the series-wide clock).
RECENCY_HALF_LIFE = 300.0


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

    def salience(self, now: float) -> float:
        """recency × frequency × importance, all positive."""
        recency = 1.0 / (1.0 + max(0.0, now - self.last_seen) / RECENCY_HALF_LIFE)
        frequency = 1.0 + math.log1p(self.mentions)
        importance = 1.0 + min(max(self.importance, 0.0), 10.0)
        return recency * frequency * importance


def fullness(name: str) -> int:
    """How complete a name is: full name 3 > plain name 2 > title-name (김비서) or title 1."""
    if given_name(name) is not None or (name.isascii() and " " in name):
        return 3
    for title in ko.TITLES:
        if name.endswith(title) and (name == title or name[: -len(title)] in ko.SURNAMES):
            return 1
    return 2


def _compatible(entity_type: EntityType, wanted: EntityType | None) -> bool:
    if wanted is None or entity_type == wanted:
        return True
    return entity_type != "character" and wanted != "character"


class Registry:
    def __init__(self, known: list[KnownEntity]) -> None:
        self.entities: list[WorkingEntity] = []
        self._by_key: dict[str, set[int]] = {}  # any key (incl. given names) → entities
        self._by_primary: dict[str, set[int]] = {}  # primary key of a name or alias → entities
        for item in known:
            entity = WorkingEntity(
                id=len(self.entities), name=item.name, type=item.type, known=True,
                mentions=item.mentions, importance=item.importance, last_seen=item.last_seen,
                aliases=set(item.aliases))
            self.entities.append(entity)
            for name in (item.name, *item.aliases):
                self._index(entity, name)

    def _index(self, entity: WorkingEntity, name: str) -> None:
        primary = name_key(name)
        if not primary:
            return
        self._by_primary.setdefault(primary, set()).add(entity.id)
        for key in name_keys(name):
            self._by_key.setdefault(key, set()).add(entity.id)

    def is_known(self, key: str) -> bool:
        return key in self._by_key or key in self._by_primary

    def find(self, name: str, wanted: EntityType | None = None,
             extra: list[str] | None = None) -> WorkingEntity | None:
        """The entity a mention names: its primary key among the entity's keys (미소 → 한미소),
        or an entity's name among the mention's keys (한미소 → an earlier 미소)."""
        ids: set[int] = set()
        exact: set[int] = set()
        for form in (name, *(extra or [])):
            primary = name_key(form)
            exact |= self._by_primary.get(primary, set())
            ids |= self._by_key.get(primary, set())
            for key in name_keys(form):
                # only an entity still without a full name may grow into this one: an earlier
                # 미소 becomes 한미소, but 한미소 (alias 미소) does not swallow 김미소
                ids |= {i for i in self._by_primary.get(key, set())
                        if i in exact or fullness(self.entities[i].name) < 3}
        candidates = [self.entities[i] for i in sorted(ids) if _compatible(self.entities[i].type, wanted)]
        if not candidates:
            return None
        return min(candidates, key=lambda e: (e.id not in exact, e.batch_mentions == 0,
                                              -e.mentions, -e.last_seen, e.id))

    def mention(self, mention: Mention, *, segment: int, line: int, at: float) -> WorkingEntity:
        """Record a mention: update the entity it names, or create one."""
        entity = self.find(mention.name, mention.type, mention.derived)
        if entity is None:
            entity = WorkingEntity(
                id=len(self.entities), name=mention.name, type=mention.type or "concept", known=False,
                mentions=0, importance=0.0, last_seen=at, aliases=set())
            self.entities.append(entity)
        elif (entity.type == "character" and fullness(mention.name) > fullness(entity.name)
              and _same_script(mention.name, entity.name)):
            entity.seen_forms.add(entity.name)  # keep the shorter name as an alias
            entity.name = mention.name
        for form in (mention.name, *mention.derived):
            entity.seen_forms.add(form)
            if form not in entity.aliases:
                entity.aliases.add(form)
                self._index(entity, form)
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
        return entity

    def ranked(self, wanted: tuple[EntityType, ...], now: float, *, exclude: set[int],
               demote: set[int] | None = None, gender: str | None = None,
               min_batch_mentions: dict[EntityType, int] | None = None,
               ) -> list[tuple[float, WorkingEntity]]:
        """Entities of the wanted types by salience at `now`, highest first; `exclude`d ones are
        left out, `demote`d ones (named in the same line) count a quarter."""
        scored: list[tuple[float, WorkingEntity]] = []
        for entity in self.entities:
            if entity.type not in wanted or entity.id in exclude:
                continue
            if not entity.known and entity.batch_mentions < (min_batch_mentions or {}).get(entity.type, 1):
                continue
            if gender is not None and entity.gender is not None and entity.gender != gender:
                continue
            # a known matching gender (그 여자 and someone called 언니) beats an unknown one
            boost = 2.0 if gender is not None and entity.gender == gender else 1.0
            if demote and entity.id in demote:
                boost *= 0.25
            scored.append((boost * entity.salience(now), entity))
        scored.sort(key=lambda pair: (-pair[0], pair[1].id))
        return scored


def _same_script(a: str, b: str) -> bool:
    return is_hangul_word(a.replace(" ", "")) == is_hangul_word(b.replace(" ", ""))
