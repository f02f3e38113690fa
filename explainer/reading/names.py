"""The one name matcher: which known entities a name in the dialogue names.

`NameIndex` answers with every candidate (the offline registry, the series-wide entity
resolution, the pipeline's mention counts decide among them); `NameTable` is the dialogue
resolver's view of it: one person per name, the most salient, a person's own names before
anyone's aliases.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Generic, TypeVar

from explainer.text.names import adds_surname, fullness, name_key, name_keys

if TYPE_CHECKING:
    from explainer.reading.person_mentions import KnownName

_Id = TypeVar("_Id", int, str)


class NameIndex(Generic[_Id]):
    """The one name matcher: which entities a mention names, shared by the offline analysis (one
    batch) and the series-wide entity resolution.

    A mention of primary key p (`name_key`) and keys K (`name_keys`) names an entity when
    - p is the key of the entity's name or of one of its aliases (exact: 미소 씨 → an entity
      with alias 미소);
    - p is among the entity's keys: the mention is part of its name (미소 → 한미소, Jane → Jane
      Doe);
    - the key of the entity's name or alias is in K and the entity has no full name yet: the
      mention is a fuller name of it (한미소 → an earlier 미소). Two full names never match
      (한미소 is not 김미소, Elias Crane is not Silas Crane), and a title-name (김비서) names a
      person only through an alias that evidence gave it.
    """

    def __init__(self) -> None:
        self._by_key: dict[str, set[_Id]] = {}  # every key of every name and alias
        self._by_primary: dict[str, set[_Id]] = {}  # the key of each name and alias
        self._full: dict[_Id, bool] = {}

    def add(self, ident: _Id, name: str, *, canonical: bool = False) -> None:
        """Index one name (`canonical`: the entity's display name, which decides fullness)."""
        primary = name_key(name)
        if canonical or ident not in self._full:
            self._full[ident] = fullness(name) >= 3
        if not primary:
            return
        self._by_primary.setdefault(primary, set()).add(ident)
        for key in name_keys(name):
            self._by_key.setdefault(key, set()).add(ident)

    def is_known(self, key: str) -> bool:
        return key in self._by_key or key in self._by_primary

    def keyed(self, key: str) -> set[_Id]:
        """The entities one of whose names or aliases has `key` among its keys (`name_keys`)."""
        return self._by_key.get(key, set())

    def exactly(self, key: str) -> set[_Id]:
        """The entities with a name or alias whose own key (`name_key`) is `key`."""
        return self._by_primary.get(key, set())

    def keys(self) -> set[str]:
        """Every key of every name and alias."""
        return set(self._by_key) | set(self._by_primary)

    def matches(self, name: str) -> list[tuple[_Id, bool]]:
        """(entity, exact) for every entity `name` names, exact matches first."""
        primary = name_key(name)
        if not primary:
            return []
        exact = set(self._by_primary.get(primary, ()))
        found = exact | self._by_key.get(primary, set())
        for key in name_keys(name) - {primary}:
            found |= {i for i in self._by_primary.get(key, ()) if not self._full.get(i, False)}
        return sorted(((i, i in exact) for i in found), key=lambda pair: not pair[1])


class NameTable:
    """The names of known people, looked up by every key of a name (Ross Geller → ross, geller)
    through a `NameIndex`: a shared key goes to the most salient person, and an alias (by its own
    key only) never takes a key someone's own name has (Rach never takes Rachel's key)."""

    def __init__(self, people: Iterable[KnownName]) -> None:
        self._people = sorted(people, key=lambda p: -p.salience)  # rank = position
        self._names: NameIndex[int] = NameIndex()
        self._aliases: NameIndex[int] = NameIndex()
        for rank, person in enumerate(self._people):
            self._names.add(rank, person.name, canonical=True)
            for alias in person.aliases:
                self._aliases.add(rank, alias)
        self._keys = self._names.keys() | self._aliases.keys()

    def _owner(self, key: str) -> KnownName | None:
        ranks = self._names.keyed(key) or self._aliases.exactly(key)
        return self._people[min(ranks)] if ranks else None

    def find(self, surface: str) -> KnownName | None:
        return self._owner(name_key(surface)) if surface else None

    def clipped(self, surface: str) -> KnownName | None:
        """A first name cut short ("Rach", "Mon", "Phoebs"): the one person whose name it begins."""
        key = name_key(surface)
        if len(key) < 3:
            return None
        stems = {key, key[:-1]} if key.endswith("s") and len(key) > 3 else {key}
        found: dict[str, KnownName] = {}
        for k in self._keys:
            if len(k) > len(key) - 1 and any(k.startswith(stem) and k != stem for stem in stems):
                owner = self._owner(k)
                if owner is not None:
                    found[owner.entity_id] = owner
        return next(iter(found.values())) if len(found) == 1 else None


def heard_name(full_name: str, heard: Iterable[str]) -> str:
    """The name to show a viewer who has heard only `heard` of a person whose names, all told, make
    `full_name`: the full name once heard; else the most complete name heard, the given name of
    the full name before any other name as complete (Barry before Farber, 택 before 택이), the
    longer of the rest (Rachel before Rach)."""
    names = list(dict.fromkeys(n for n in heard if n and n.strip()))
    if not names or any(name_key(n) == name_key(full_name) for n in names):
        return full_name

    def given(name: str) -> bool:
        first = full_name.split()[0] if " " in full_name.strip() else ""
        return name_key(name) == name_key(first) or adds_surname(full_name, name)

    return max(names, key=lambda n: (fullness(n), given(n), len(n)))
