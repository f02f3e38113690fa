"""Entity resolution across episodes: a mention is the series entity whose names share a key
with it (미소 씨 / 미소야 / 한미소 → 한미소), so episode 5 points at the node episode 1 made."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from explainer.text.names import name_key, name_keys, normalise_name


@dataclass
class SeriesEntity:
    id: str
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    is_new: bool = False

    def name_keys(self) -> set[str]:
        keys = set(name_keys(self.name))
        for alias in self.aliases:
            keys |= name_keys(alias)
        return keys

    def row(self, series_id: str) -> dict[str, Any]:
        aliases = sorted(a for a in self.aliases if a and a != self.name)
        return {"id": self.id, "seriesId": series_id, "name": self.name, "type": self.type,
                "aliases": aliases, "aliasText": " ".join([self.name, *aliases])}


def entity_id(series_id: str, entity_type: str, name: str) -> str:
    key = name_key(name) or hashlib.sha1(name.encode()).hexdigest()[:12]
    return f"{series_id}:{entity_type}:{key}"


class EntityResolver:
    def __init__(self, series_id: str, existing: list[dict[str, Any]]) -> None:
        self.series_id = series_id
        self.entities: dict[str, SeriesEntity] = {}
        self._index: dict[str, set[str]] = {}
        for row in existing:
            self._add(SeriesEntity(id=row["id"], name=row["name"], type=row["type"] or "concept",
                                   aliases=set(row.get("aliases") or [])))

    def _add(self, entity: SeriesEntity) -> None:
        self.entities[entity.id] = entity
        for key in entity.name_keys():
            self._index.setdefault(key, set()).add(entity.id)

    def find(self, surface: str) -> SeriesEntity | None:
        """The entity a mention names, or None. Exact names beat given-name matches."""
        primary = name_key(surface)
        if not primary:
            return None
        candidates = self._index.get(primary, set())
        if not candidates:
            # the mention may be a fuller name of what we know (한미소 ← 미소, Silas Crane ← Silas),
            # but never another full name that shares a part (Elias Crane is not Silas Crane)
            keys = name_keys(surface)
            for key in keys - {primary}:
                candidates = candidates | {i for i in self._index.get(key, set())
                                           if name_key(self.entities[i].name) in keys}
        if not candidates:
            return None
        ranked = sorted(candidates, key=lambda i: (name_key(self.entities[i].name) != primary,
                                                    self.entities[i].type != "character", i))
        return self.entities[ranked[0]]

    def resolve(self, name: str, entity_type: str, aliases: list[str] | tuple[str, ...] = ()) -> SeriesEntity:
        # the display name stays as the analysis wrote it (망원동 정류장); matching uses keys
        canonical = " ".join(name.split()) or normalise_name(name)
        surfaces = [canonical, *(" ".join(a.split()) for a in aliases)]
        for surface in surfaces:
            found = self.find(surface)
            if found is not None:
                before = found.name_keys()
                found.aliases |= {s for s in surfaces if s and s != found.name}
                # a longer full name becomes the canonical name (미소 first, 한미소 later)
                if len(canonical) > len(found.name) and name_key(found.name) in name_keys(canonical):
                    found.aliases.add(found.name)
                    found.name = canonical
                for key in found.name_keys() - before:
                    self._index.setdefault(key, set()).add(found.id)
                return found
        entity = SeriesEntity(id=entity_id(self.series_id, entity_type, canonical), name=canonical,
                              type=entity_type, aliases={s for s in surfaces[1:] if s and s != canonical},
                              is_new=True)
        if entity.id in self.entities:  # same key, other type: keep the first type
            return self.entities[entity.id]
        self._add(entity)
        return entity
