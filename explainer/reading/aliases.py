"""Which names of a batch are one person: the alias joins analysis applies once a batch is read
(`join_aliases`). Evidence a reader uses: a name called out and answered by the same speaker, a
surname + title used in the scenes of the one full name with that surname, a shortened first
name, a given name and the one full name ending in it. Two different full names never merge.
"""

from __future__ import annotations

from collections import Counter

from explainer.reading.gender import is_pet_form
from explainer.reading.registry import Registry, WorkingEntity
from explainer.text.names import (
    TITLES,
    adds_surname,
    cuts_short,
    final_consonant,
    fullness,
    is_hangul_word,
    short_given_name,
)


def _surname_and_title(name: str) -> tuple[str, str] | None:
    """김비서 → ("김", "비서"); None unless the name is a surname + a title."""
    if fullness(name) != 1:
        return None
    for title in TITLES:
        if name.endswith(title) and len(name) > len(title):
            return name[: -len(title)], title
    return None


def _scenes_together(a: WorkingEntity, b: WorkingEntity) -> int:
    """In how many of `b`'s segments `a` is named too, in it or the one next to it: a scene
    runs over the 30-second windows (강 팀장님은요? at 02:26, [강태호] at 02:34)."""
    return sum(1 for segment in b.segments if a.segments & {segment - 1, segment, segment + 1})


def _two_speakers(a: WorkingEntity, b: WorkingEntity) -> bool:
    """Two speaker labels that speak in one scene are two people. Captions may label one person
    two ways in different scenes ([김비서] at work, [김수진] in a flashback), so labels of
    different scenes are left to the other evidence."""
    return bool(a.spoke_in & b.spoke_in)


def _may_be_one(alias: WorkingEntity, person: WorkingEntity) -> bool:
    """Could `alias` be another name of `person`? A surname + title (김비서) whose surname is the
    person's and whose title is not another of the person's titles, or a shortened first name
    (Rach, Phoebs); never two full names, never two speaker labels of one scene."""
    if alias.type != "character" or person.type != "character" or alias.id == person.id:
        return False
    if fullness(alias.name) >= 3 or _two_speakers(alias, person):
        return False
    titled = _surname_and_title(alias.name)
    if titled is not None:
        surname, title = titled
        if fullness(person.name) >= 3 and not person.name.startswith(surname):
            return False
        own = {st[1] for form in person.aliases if (st := _surname_and_title(form)) is not None}
        return not own or title in own
    if is_pet_form(person.name, alias.name):
        return False  # Ross is no short form of Rossy: the pet form joins the name, not the other way
    # a shortened first name or a pet form joins only a name used in the same scenes of this
    # batch: Pete, a friend named in one episode, is not the Peter of another
    return (cuts_short(alias.name, person.name) or is_pet_form(alias.name, person.name)) \
        and bool(alias.segments & person.segments)


def join_aliases(registry: Registry, addressed: Counter[tuple[int, int]]) -> None:
    """Join the names of one person on evidence a reader uses: a name called out and answered
    by the same speaker (미소야 → (김비서) 네), a surname + title used in the scenes of the one
    full name with that surname (김비서 and 김미소), a nickname that shortens a first name
    (Rach → Rachel). Two different full names never merge."""
    entities = registry.entities
    for (called, answered), count in sorted(addressed.items(), key=lambda kv: (-kv[1], kv[0])):
        alias, person = registry.canonical(entities[called]), registry.canonical(entities[answered])
        rivals = sum(n for (c, a), n in addressed.items() if c == called and a != answered)
        if count >= 2 and count > 2 * rivals:
            if fullness(alias.name) > fullness(person.name):
                alias, person = person, alias
            if _may_be_one(alias, person):
                registry.join(alias, person)
    people = [e for e in entities if e.merged_into is None and e.is_person]
    for alias in people:
        titled = _surname_and_title(alias.name)
        if titled is None or alias.merged_into is not None:
            continue
        same_surname = [p for p in people if p.merged_into is None and fullness(p.name) >= 3
                        and p.name.startswith(titled[0]) and _scenes_together(p, alias)]
        if len(same_surname) == 1 and not _two_speakers(alias, same_surname[0]):
            person = same_surname[0]
            if _scenes_together(person, alias) >= 2 and _may_be_one(alias, person):
                registry.join(alias, person)
    _join_short_given_names(registry, people)
    _join_given_names(registry)
    for entity in people:  # "Barry Hunter" named before Mindy Hunter was: Barry, and no name of his
        first = registry.two_people(entity.name, own=entity.id) if entity.merged_into is None \
            and "speaker" not in entity.evidence else None
        if first is not None:
            registry.join(entity, first)
            first.aliases.discard(entity.name)
            first.seen_forms.discard(entity.name)
    for alias in people:
        if alias.merged_into is not None or not alias.name.isascii():
            continue
        longer = [p for p in people if p.merged_into is None and p.name.isascii() and _may_be_one(alias, p)]
        if len(longer) == 1:
            registry.join(alias, longer[0])


def _join_short_given_names(registry: Registry, people: list[WorkingEntity]) -> None:
    """택 (택이) and 최택: a one-syllable given name used as a person joins the one person whose
    two-syllable name is a surname before it, when the batch has shown both to be people."""
    by_given: dict[str, list[WorkingEntity]] = {}
    for person in people:
        given = short_given_name(person.name)
        if given is not None and person.merged_into is None:
            by_given.setdefault(given, []).append(person)
    for alias in people:
        name = alias.name
        if alias.merged_into is not None or not is_hangul_word(name):
            continue
        # 택이: the nickname 이 after a one-syllable name ending in a consonant
        given = name if len(name) == 1 else name[0] if len(name) == 2 and name[1] == "이" \
            and final_consonant(name[0]) > 0 else None
        full = by_given.get(given or "", [])
        if given is not None and len(full) == 1 and full[0].id != alias.id \
                and not _two_speakers(alias, full[0]):
            registry.join(alias, full[0])


def _join_given_names(registry: Registry) -> None:
    """미소 and 한미소: a given name used as a character joins the one full name of the batch that
    puts a surname before it (한미소 대리님 may have landed on 한대리 rather than on the 미소 of an
    earlier line), when one of them has been shown to be a person and captions do not label both.
    Two full names ending alike (한미소, 김미소) leave 미소 alone."""
    characters = [e for e in registry.entities if e.merged_into is None and e.type == "character"]
    for alias in characters:
        if alias.merged_into is not None or fullness(alias.name) != 2 or not is_hangul_word(alias.name):
            continue
        full = [p for p in characters if p.merged_into is None and p.id != alias.id
                and fullness(p.name) >= 3 and adds_surname(p.name, alias.name)]
        if len(full) == 1 and (alias.is_person or full[0].is_person) \
                and not _two_speakers(alias, full[0]):
            registry.join(alias, full[0])
