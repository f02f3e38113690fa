"""Entity resolution across episodes: a mention is the series entity whose names share a key
with it (미소 씨 / 미소야 / 한미소 → 한미소), so episode 5 points at the node episode 1 made."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from explainer.reading.gender import is_pet_form
from explainer.reading.names import NameIndex
from explainer.text.names import (
    adds_surname,
    cuts_short,
    fullness,
    given_name,
    name_key,
    name_keys,
    normalise_name,
)


@dataclass
class SeriesEntity:
    id: str
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    is_new: bool = False

    def row(self, series_id: str) -> dict[str, Any]:
        aliases = sorted(a for a in self.aliases if a and a != self.name)
        return {"id": self.id, "seriesId": series_id, "name": self.name, "type": self.type,
                "aliases": aliases, "aliasText": " ".join([self.name, *aliases])}


def _given_key(name: str) -> str | None:
    """The key of a person's given name: Monica Geller → monica, 한미소 → 미소; None without one."""
    base = normalise_name(name)
    words = base.split(" ")
    if len(words) > 1 and base.isascii():
        return words[0].lower()
    return given_name(base)


def entity_id(series_id: str, entity_type: str, name: str) -> str:
    key = name_key(name) or hashlib.sha1(name.encode()).hexdigest()[:12]
    return f"{series_id}:{entity_type}:{key}"


class EntityResolver:
    def __init__(self, series_id: str, existing: list[dict[str, Any]]) -> None:
        self.series_id = series_id
        self.entities: dict[str, SeriesEntity] = {}
        self._names: NameIndex[str] = NameIndex()
        self._folded: dict[str, str] = {}  # duplicate id → the id it was folded into
        for row in existing:
            self._add(SeriesEntity(id=row["id"], name=row["name"], type=row["type"] or "concept",
                                   aliases=set(row.get("aliases") or [])))

    def _add(self, entity: SeriesEntity) -> None:
        self.entities[entity.id] = entity
        self._names.add(entity.id, entity.name, canonical=True)
        for alias in entity.aliases:
            self._names.add(entity.id, alias)

    def canonical_id(self, entity_id: str) -> str:
        """The entity an id stands for now (itself, or the one it was folded into)."""
        while entity_id in self._folded:
            entity_id = self._folded[entity_id]
        return entity_id

    def find(self, surface: str) -> SeriesEntity | None:
        """The entity a mention names, or None (the rules are `NameIndex`'s). Exact names beat
        partial ones; among partial ones, the person it is the given name of (MONICA: is Monica
        Geller, not Fake Monica — found on 8 Friends episodes, where every later episode's
        MONICA lines went to the guest of s01e21); characters beat other types."""
        primary = name_key(surface)
        matches: dict[str, bool] = {}
        for ident, exact in self._names.matches(surface):
            ident = self.canonical_id(ident)
            matches[ident] = matches.get(ident, False) or exact
        ranked = sorted(matches.items(),
                        key=lambda m: (not m[1], name_key(self.entities[m[0]].name) != primary,
                                       _given_key(self.entities[m[0]].name) != primary,
                                       self.entities[m[0]].type != "character", m[0]))
        return self.entities[ranked[0][0]] if ranked else None

    def resolve(self, name: str, entity_type: str, aliases: list[str] | tuple[str, ...] = (),
                nicknames: list[str] | tuple[str, ...] = ()) -> SeriesEntity:
        """The series entity of a found entity. `nicknames`: aliases the captions gave as what the
        person of this real name is called (이름 장미옥, 별명 장만옥): an entity known by a nickname
        takes the real name."""
        # the display name stays as the analysis wrote it (망원동 정류장); matching uses keys
        canonical = " ".join(name.split()) or normalise_name(name)
        surfaces = [canonical, *(" ".join(a.split()) for a in aliases)]
        called = {name_key(n) for n in nicknames} - {name_key(canonical)}
        for position, surface in enumerate(surfaces):
            found = self.find(surface)
            if found is not None:
                new = {s for s in surfaces if s and s != found.name} - found.aliases
                found.aliases |= new
                # a fuller name becomes the canonical name (미소 first, 한미소 later; 신선임 first,
                # then 신하리 with the alias 신선임 that analysis joined on evidence)
                if name_key(found.name) in called or (
                        fullness(canonical) > fullness(found.name) or adds_surname(canonical, found.name)) and (
                        position > 0 or name_key(found.name) in name_keys(canonical)) or (
                        position > 0 and found.name.isascii() and " " not in canonical
                        and cuts_short(found.name, canonical)  # Pete, joined by analysis, shows as Peter
                        and not is_pet_form(canonical, found.name)):  # Ross never shows as Rossy
                    found.aliases.add(found.name)
                    found.aliases.discard(canonical)
                    found.name = canonical
                    self._names.add(found.id, canonical, canonical=True)
                for alias in new:
                    self._names.add(found.id, alias)
                return found
        entity = SeriesEntity(id=entity_id(self.series_id, entity_type, canonical), name=canonical,
                              type=entity_type, aliases={s for s in surfaces[1:] if s and s != canonical},
                              is_new=True)
        if entity.id in self.entities:  # same key, other type: keep the first type
            return self.entities[self.canonical_id(entity.id)]
        self._add(entity)
        return entity

    def duplicates_of(self, entity: SeriesEntity, surfaces: list[str] | tuple[str, ...],
                      nicknames: list[str] | tuple[str, ...] = ()) -> list[SeriesEntity]:
        """Other entities of the series that analysis has shown to be `entity`: one of the names
        it joined to `entity` (신선임, 차실장) is another entity's own name. Never another type,
        never a fuller name than the one kept, never two different full names — unless the
        captions gave the other as this person's nickname (별명 장만옥)."""
        found: dict[str, SeriesEntity] = {}
        own = name_key(entity.name)
        called = {name_key(n) for n in nicknames}
        for surface in surfaces:
            key = name_key(surface)
            if not key or key == own:
                continue
            for ident, exact in self._names.matches(surface):
                other = self.entities[self.canonical_id(ident)]
                if not exact or other.id == entity.id or name_key(other.name) != key:
                    continue
                if other.type != entity.type or key not in called and (
                        fullness(other.name) > fullness(entity.name)
                        or fullness(other.name) >= 3 and fullness(entity.name) >= 3):
                    continue
                found[other.id] = other
        return list(found.values())

    def fold(self, duplicate: SeriesEntity, keep: SeriesEntity) -> None:
        """`duplicate` is another name of `keep`: its names become `keep`'s aliases and every
        lookup of it finds `keep` from now on."""
        if duplicate.id == keep.id:
            return
        for form in (duplicate.name, *duplicate.aliases):
            if form and form != keep.name:
                keep.aliases.add(form)
                self._names.add(keep.id, form)
        self._folded[duplicate.id] = keep.id

    @property
    def folded(self) -> dict[str, str]:
        """Every folded id → the id it stands for now."""
        return {d: self.canonical_id(d) for d in self._folded}


class PersonNames:
    """Which one known person a word of a line names, if exactly one: by the one name matcher
    (`NameIndex`), so 미소가 and 지훈이한테 find 미소 and 지훈 and a whole word never matches
    inside another. A name that is the exact name or alias of one person names that person;
    else the person it is the given name of; else the one person it is part of a name of. Two
    candidates at the same rank are ambiguous and name no one."""

    def __init__(self, people: list[SeriesEntity]) -> None:
        self._index: NameIndex[str] = NameIndex()
        self._people = {p.id: p for p in people}
        for person in people:
            self._index.add(person.id, person.name, canonical=True)
            for alias in sorted(person.aliases):
                self._index.add(person.id, alias)

    def who(self, surface: str, *, exact_only: bool = False) -> str | None:
        matches = self._index.matches(surface)
        exact = {i for i, is_exact in matches if is_exact}
        if exact or exact_only:
            return next(iter(exact)) if len(exact) == 1 else None
        primary = name_key(surface)
        given = {i for i, _ in matches if _given_key(self._people[i].name) == primary}
        pool = given or {i for i, _ in matches}
        return next(iter(pool)) if len(pool) == 1 else None

