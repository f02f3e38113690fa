"""The spoiler-bounded explain reads, statement by statement, on the demo series."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from explainer.core.settings import Settings
from explainer.llm.offline import OfflineProvider
from graph.repositories import explain as repo
from graph.stores import GraphStore, open_store

pytestmark = [pytest.mark.graph, pytest.mark.slow]

SERIES = "spring-notebook"
ECHO = "봄은 늘 늦게 와요. 그래도 와요."  # 서도윤's line in e01 at 355.6 s, quoted again in e03


@pytest.fixture
async def demo_store(demo_graph: Settings) -> AsyncIterator[GraphStore]:
    store = open_store(demo_graph)
    yield store
    await store.close()


async def test_echoed_lines_hold_every_word_and_respect_the_bound(demo_store: GraphStore) -> None:
    rows = await repo.echoed_lines(demo_store, texts=[ECHO], series_id=SERIES, ordinal=1003, before=150.0)
    assert rows and all(ECHO.split()[0] in r["text"] and r["ordinal"] < 1003 for r in rows)
    # several recent lines are looked up in one statement, each finding its own
    both = await repo.echoed_lines(demo_store, texts=["zebra kangaroo", ECHO], series_id=SERIES, ordinal=1003,
                                   before=150.0)
    assert sorted(r["id"] for r in both) == sorted(r["id"] for r in rows)
    assert await repo.echoed_lines(demo_store, texts=[], series_id=SERIES, ordinal=1003, before=150.0) == []
    first = next(r for r in rows if r["videoId"] == f"{SERIES}-s01e01" and abs(r["start"] - 355.566) < 0.01)
    assert first["speakerId"] == f"{SERIES}:character:서도윤" and first["episode"] == 1
    # in e01 before the bus stop scene, the line has not been said yet
    assert await repo.echoed_lines(demo_store, texts=[ECHO], series_id=SERIES, ordinal=1001, before=300.0) == []
    # another series never answers
    assert await repo.echoed_lines(demo_store, texts=[ECHO], series_id="harbor-lights", ordinal=9999,
                                   before=1e9) == []


async def test_similar_segments_ended_before_the_scene(demo_store: GraphStore, demo_graph: Settings) -> None:
    provider = OfflineProvider(demo_graph)
    vector = (await provider.embed([ECHO]))[0]
    rows = await repo.similar_segments(demo_store, vector=vector, series_id=SERIES, ordinal=1001, before=400.0, k=8)
    assert rows and all(r["ordinal"] == 1001 and r["end"] <= 400.0 for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert any("봄은 늘 늦게" in r["text"] for r in rows)
    later = await repo.similar_segments(demo_store, vector=vector, series_id=SERIES, ordinal=1003, before=0.0, k=8)
    assert later and all(r["ordinal"] < 1003 for r in later)


async def test_entity_facts_leave_out_who_was_not_seen_yet(demo_store: GraphStore) -> None:
    doyun, jihun = f"{SERIES}:character:서도윤", f"{SERIES}:character:한지훈"
    early = await repo.entity_facts(demo_store, entity_ids=[doyun, jihun], ordinal=1001, until=65.0)
    assert [r["id"] for r in early] == [jihun]  # 서도윤 appears at 298.9 s
    assert early[0]["firstAt"] == pytest.approx(60.467) and early[0]["description"] is None
    later = {r["id"]: r for r in await repo.entity_facts(demo_store, entity_ids=[doyun], ordinal=1003, until=10.0)}
    assert later[doyun]["firstEpisode"] == 1 and later[doyun]["firstAt"] == pytest.approx(298.876)


async def test_relations_and_companions_are_bounded(demo_store: GraphStore) -> None:
    jihun = f"{SERIES}:character:한지훈"
    # nothing is established before episode 1, and at 65 s only 미소 has been seen with him
    [early] = await repo.entity_facts(demo_store, entity_ids=[jihun], ordinal=1001, until=65.0)
    assert early["relations"] == []
    companions = await repo.scene_companions(demo_store, entity_ids=[jihun], video_id=f"{SERIES}-s01e01",
                                             until=65.0)
    assert {c["name"] for row in companions for c in row["companions"]} <= {"한미소"}
    [known] = await repo.entity_facts(demo_store, entity_ids=[jihun], ordinal=1003, until=10.0)
    assert known["relations"] and all(r["type"] and r["name"] for r in known["relations"])
    assert len(known["relations"]) <= repo.RELATIONS_PER_ENTITY
