"""Entity resolution across episodes (explainer.ingest.resolution)."""

from __future__ import annotations

from explainer.ingest.resolution import EntityResolver


def test_forms_of_one_name_resolve_to_one_entity() -> None:
    resolver = EntityResolver("s", [])
    first = resolver.resolve("미소", "character")
    assert resolver.resolve("한미소", "character", ["미소 씨"]).id == first.id
    assert resolver.find("미소야") is None or resolver.find("미소야").id == first.id  # type: ignore[union-attr]
    assert resolver.entities[first.id].name == "한미소"  # the fuller name becomes canonical


def test_existing_entities_are_found_by_alias() -> None:
    resolver = EntityResolver("s", [{"id": "s:character:김수진", "name": "김수진", "type": "character",
                                     "aliases": ["김비서", "수진"]}])
    assert resolver.resolve("김비서", "character").id == "s:character:김수진"
    assert resolver.resolve("수진", "character").id == "s:character:김수진"


def test_people_sharing_a_surname_stay_apart() -> None:
    resolver = EntityResolver("s", [])
    silas = resolver.resolve("Silas Crane", "character", ["Silas"])
    elias = resolver.resolve("Elias Crane", "character")
    assert elias.id != silas.id
    assert resolver.resolve("Silas", "character").id == silas.id
    kim = resolver.resolve("한미소", "character")
    assert resolver.resolve("김미소", "character").id != kim.id


def test_a_first_name_label_finds_the_person_it_is_the_given_name_of() -> None:
    # across 8 Friends episodes every MONICA: line went to the guest "Fake Monica" of s01e21
    resolver = EntityResolver("s", [
        {"id": "s:character:fakemonica", "name": "Fake Monica", "type": "character"},
        {"id": "s:character:monicageller", "name": "Monica Geller", "type": "character"},
    ])
    found = resolver.find("MONICA")
    assert found is not None and found.name == "Monica Geller"
    assert resolver.resolve("Monica", "character").id == "s:character:monicageller"
