"""The cast explain shows at a bound names a person only as the viewer has heard them by then:
a full name or an alias first said in a later episode is a spoiler (issue 20: aliases bounded)."""

from __future__ import annotations

import pytest

from graph.repositories.explain import cast_before
from graph.stores import GraphStore

pytestmark = pytest.mark.graph


async def _person(store: GraphStore) -> None:
    await store.write("create_cast_fixture", entityId="c-jun", seriesId="s", displayName="Peter Becker",
                      aliases=["Pete", "PETE", "Mr. Becker"], firstSeen=100010.0, mentions=[
                          {"segmentId": "e1-0", "ordinal": 1, "at": 10.0, "surfaces": ["Pete"]},
                          {"segmentId": "e1-1", "ordinal": 1, "at": 40.0, "surfaces": ["PETE"]},
                          {"segmentId": "e2-0", "ordinal": 2, "at": 20.0, "surfaces": ["Peter Becker", "Mr. Becker"]},
                      ])


async def test_a_name_said_later_is_not_in_the_cast_before_it(store: GraphStore) -> None:
    await _person(store)
    early = await cast_before(store, series_id="s", ordinal=1, until=50.0, limit=20, relations=3)
    assert [(r["name"], r["aliases"]) for r in early] == [("Pete", [])]

    later = await cast_before(store, series_id="s", ordinal=2, until=25.0, limit=20, relations=3)
    assert later[0]["name"] == "Peter Becker"
    assert sorted(later[0]["aliases"]) == ["Mr. Becker", "Pete"]


async def test_mentions_written_before_names_were_recorded_keep_the_entity_names(store: GraphStore) -> None:
    await store.write("create_cast_fixture", entityId="c-old", seriesId="s", displayName="Monica Geller",
                      aliases=["Mon"], firstSeen=100010.0,
                      mentions=[{"segmentId": "o-0", "ordinal": 1, "at": 10.0, "surfaces": None}])
    rows = await cast_before(store, series_id="s", ordinal=1, until=50.0, limit=20, relations=3)
    assert [(r["name"], r["aliases"]) for r in rows] == [("Monica Geller", ["Mon"])]
