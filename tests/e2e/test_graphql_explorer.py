"""The explorer's bounded GraphQL fields (`asOf`): nothing past the viewer's position appears —
no entity first met later, no mention, line or appearance after it, no alias not yet heard, no
description or typed relation of an episode not watched to its end."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from cli.local_ingest import demo_items, ingest_files
from explainer.core.settings import Settings
from graph.repositories import explain as explain_repo
from graph.stores import open_store
from tests.conftest import fresh_store
from tests.e2e.graphql_support import app_client, gql

pytestmark = [pytest.mark.e2e, pytest.mark.graph]

SERIES = "spring-notebook"
E1, E2, E3 = (f"{SERIES}-s01e0{n}" for n in (1, 2, 3))
ORDINAL = {E1: 1, E2: 2, E3: 3}
NETWORK = """query($asOf: AsOf) { series(id: "spring-notebook") { network(asOf: $asOf, first: 100) {
  asOf { videoId until wholeEpisode }
  nodes { id name aliases description mentionCount importance community firstAppearance { videoId at } }
  edges { source target type strength } } } }"""
MENTIONS = """query($id: ID!, $asOf: AsOf) { entity(id: $id) {
  mentions(first: 100, asOf: $asOf) { videoId at count line { videoId start text }
                                      segment { start end text lines { start } } }
  firstAppearance(asOf: $asOf) { videoId at } } }"""


def seen(video_id: str, at: float, as_of: dict[str, Any]) -> bool:
    """The explain bound: an earlier episode, or this one up to the timestamp."""
    bound = ORDINAL[as_of["videoId"]]
    return ORDINAL[video_id] < bound or (ORDINAL[video_id] == bound and at <= as_of.get("timestamp", 1e9))


@pytest.fixture
async def http(demo_graph: Settings, redis_client: object) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(demo_graph) as (_, client):
        yield client


async def network(http: httpx.AsyncClient, as_of: dict[str, Any] | None) -> dict[str, Any]:
    found: dict[str, Any] = (await gql(http, NETWORK, {"asOf": as_of}))["series"]["network"]
    return found


def by_name(net: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n["name"]: n for n in net["nodes"]}


async def test_the_network_holds_only_what_was_seen_by_the_position(http: httpx.AsyncClient) -> None:
    season = await network(http, {"videoId": E3})
    everything = await network(http, None)
    assert season["asOf"] == {"videoId": E3, "until": 799.0, "wholeEpisode": True}
    assert by_name(season).keys() == by_name(everything).keys()  # the last episode's end bounds nothing away
    main = {"한미소", "박준호", "김수진", "서도윤", "강태호", "한지훈"}
    assert main <= by_name(season).keys()
    later = {n["name"] for n in season["nodes"] if n["firstAppearance"]["videoId"] != E1}
    assert "최팀장" in later and "한지훈" not in later  # 최 팀장님 is first named in episode 2, 한지훈 at 1:00 of e01

    for as_of in ({"videoId": E1}, {"videoId": E2, "timestamp": 300.0}, {"videoId": E1, "timestamp": 200.0}):
        net = await network(http, as_of)
        nodes = by_name(net)
        assert nodes and all(seen(n["firstAppearance"]["videoId"], n["firstAppearance"]["at"], as_of)
                             for n in nodes.values())
        assert nodes.keys() <= by_name(season).keys()
        for name, node in nodes.items():
            assert node["mentionCount"] <= by_name(season)[name]["mentionCount"]
            assert set(node["aliases"]) <= set(by_name(season)[name]["aliases"])
        ids = {n["id"] for n in net["nodes"]}
        assert all(e["source"] in ids and e["target"] in ids for e in net["edges"])
        assert max(n["importance"] for n in net["nodes"]) == pytest.approx(1.0)  # computed on this graph

    first = by_name(await network(http, {"videoId": E1}))
    assert {"한미소", "박준호", "김수진", "서도윤", "강태호"} <= first.keys()
    assert not later & first.keys()  # who first appears later is not there yet
    assert first["한미소"]["mentionCount"] < by_name(season)["한미소"]["mentionCount"]

    # mid-episode: no episode was watched to its end, so no description and no typed relation yet;
    # the man at the bus stop (04:59) is not met at 03:20
    early = await network(http, {"videoId": E1, "timestamp": 200.0})
    assert early["asOf"] == {"videoId": E1, "until": 200.0, "wholeEpisode": False}
    assert "서도윤" not in by_name(early)
    assert all(n["description"] is None for n in early["nodes"])
    assert {e["type"] for e in early["edges"]} <= {"co_appearance"}
    assert any(n["description"] for n in first.values())  # the whole episode: its descriptions


async def test_mentions_lines_and_first_appearance_stop_at_the_position(http: httpx.AsyncClient) -> None:
    doyun = by_name(await network(http, {"videoId": E3}))["서도윤"]["id"]
    choi = by_name(await network(http, {"videoId": E3}))["최팀장"]["id"]
    unbounded = (await gql(http, MENTIONS, {"id": doyun, "asOf": None}))["entity"]
    assert {m["videoId"] for m in unbounded["mentions"]} == {E1, E2, E3}

    as_of = {"videoId": E1, "timestamp": 299.5}  # just after 서도윤 runs up with the notebook (04:58.9)
    bounded = (await gql(http, MENTIONS, {"id": doyun, "asOf": as_of}))["entity"]
    marks = bounded["mentions"]
    assert marks and all(m["videoId"] == E1 and m["at"] <= 299.5 for m in marks)
    assert bounded["firstAppearance"] == {"videoId": E1, "at": pytest.approx(298.876)}
    for mark in marks:
        assert mark["line"]["videoId"] == E1 and mark["line"]["start"] == pytest.approx(mark["at"])
        segment = mark["segment"]
        assert segment["end"] <= 299.5 and all(line["start"] <= 299.5 for line in segment["lines"])
    cut = marks[-1]["segment"]  # the segment the bound cuts shows none of its later lines
    assert cut["text"] == "" and cut["end"] == 299.5

    nothing = (await gql(http, MENTIONS, {"id": choi, "asOf": {"videoId": E1}}))["entity"]
    assert nothing == {"mentions": [], "firstAppearance": None}


async def test_timeline_as_of(http: httpx.AsyncClient) -> None:
    query = """query($asOf: AsOf) { timeline(seriesId: "spring-notebook", first: 100, asOf: $asOf) {
                 entityId videoId at mentions } }"""
    everything = (await gql(http, query, {"asOf": None}))["timeline"]
    assert {e["videoId"] for e in everything} == {E1, E2, E3}
    for as_of in ({"videoId": E2}, {"videoId": E2, "timestamp": 120.0}):
        entries = (await gql(http, query, {"asOf": as_of}))["timeline"]
        assert entries and all(seen(e["videoId"], e["at"], as_of) for e in entries)
        assert {e["videoId"] for e in entries} == {E1, E2}
    mid = (await gql(http, query, {"asOf": {"videoId": E2, "timestamp": 120.0}}))["timeline"]
    whole = {(e["entityId"], e["videoId"]): e["mentions"]
             for e in (await gql(http, query, {"asOf": {"videoId": E2}}))["timeline"]}
    assert all(e["mentions"] <= whole[(e["entityId"], e["videoId"])] for e in mid)


async def test_a_position_must_be_an_episode_of_the_series(http: httpx.AsyncClient) -> None:
    other = await gql(http, NETWORK, {"asOf": {"videoId": "harbor-lights-s01e01"}}, errors=True)
    assert other["errors"][0]["extensions"]["code"] == "INVALID_REQUEST"
    missing = await gql(http, NETWORK, {"asOf": {"videoId": "no-such-video"}}, errors=True)
    assert missing["errors"][0]["extensions"]["code"] == "VIDEO_NOT_FOUND"
    negative = await gql(http, NETWORK, {"asOf": {"videoId": E1, "timestamp": -1}}, errors=True)
    assert negative["errors"][0]["extensions"]["code"] == "INVALID_REQUEST"


@pytest.fixture
async def asked(settings: Settings, redis_client: object) -> AsyncIterator[httpx.AsyncClient]:
    """Two episodes in a graph of their own, with questions asked about both (some rated)."""
    mine = settings.model_copy(update={"graph_name": "gql_explorer_stats"})
    store = await fresh_store(mine)
    try:
        await ingest_files(mine, demo_items()[:2])
        now = datetime.now(UTC).isoformat(timespec="seconds")
        asked = [("q1", E1, "그 사람", 62.0, True), ("q2", E1, "그 사람", 62.0, False),
                 ("q3", E1, "그 사람", 62.0, None), ("q4", E1, "곰돌이", 400.0, True),
                 ("q5", E2, "봄밤", 30.0, True), ("q6", E2, "봄밤", 30.0, None)]
        await explain_repo.record_questions(store, [
            {"id": q, "videoId": v, "text": t, "at": at, "responseMs": 10.0, "cached": False, "degraded": False,
             "askedAt": now} for q, v, t, at, _ in asked])
        for q, *_, helpful in asked:
            if helpful is not None:
                await explain_repo.set_feedback(store, question_id=q, helpful=helpful, comment=None, feedback_at=now)
    finally:
        await store.close()
    async with app_client(mine) as (_, client):
        yield client
    cleanup = open_store(mine)
    await cleanup.drop_all()
    await cleanup.close()


async def test_questions_dashboard_as_of(asked: httpx.AsyncClient) -> None:
    query = """query($asOf: AsOf) { stats(seriesId: "spring-notebook", asOf: $asOf) {
                 mostAskedLines { videoId text count at helpful rated helpfulShare }
                 episodes { videoId questions helpful notHelpful helpfulShare } } }"""
    season = (await gql(asked, query, {"asOf": {"videoId": E2}}))["stats"]
    assert season["episodes"] == [
        {"videoId": E1, "questions": 4, "helpful": 2, "notHelpful": 1, "helpfulShare": pytest.approx(2 / 3)},
        {"videoId": E2, "questions": 2, "helpful": 1, "notHelpful": 0, "helpfulShare": 1.0}]
    top = season["mostAskedLines"][0]
    assert top == {"videoId": E1, "text": "그 사람", "count": 3, "at": 62.0, "helpful": 1, "rated": 2,
                   "helpfulShare": 0.5}
    early = (await gql(asked, query, {"asOf": {"videoId": E1, "timestamp": 100.0}}))["stats"]
    assert [e["videoId"] for e in early["episodes"]] == [E1] and early["episodes"][0]["questions"] == 3
    assert [(line["videoId"], line["text"]) for line in early["mostAskedLines"]] == [(E1, "그 사람")]
    refused = await gql(asked, '{ stats(asOf: {videoId: "x"}) { questions } }', errors=True)
    assert refused["errors"][0]["extensions"]["code"] == "INVALID_REQUEST"
