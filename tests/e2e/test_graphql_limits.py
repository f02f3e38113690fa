"""Query limits: refused at validation with a clear error, before any graph query runs."""

from __future__ import annotations

import time

import httpx
import pytest
from fastapi import FastAPI

from explainer.core.settings import Settings
from tests.e2e.graphql_support import app_client, gql
from tests.support.counting_store import CountingStore

pytestmark = [pytest.mark.e2e]


def _codes(body: dict[str, object]) -> set[str]:
    return {e["extensions"]["code"] for e in body["errors"]}  # type: ignore[index, union-attr]


async def _counting(app: FastAPI) -> CountingStore:
    counting = CountingStore(app.state.explainer.store)
    app.state.explainer.store = counting
    return counting


async def test_limits(app_settings: Settings) -> None:
    async with app_client(app_settings) as (app, http):
        counting = await _counting(app)

        deep = "{ videos { edges { node { entities { relations { entity { mentions { segment { video { series " \
               "{ videos { series { id } } } } } } } } } } } } }"
        body = await gql(http, deep, errors=True)
        assert "exceeds maximum operation depth of 10" in body["errors"][0]["message"]
        assert _codes(body) == {"INVALID_REQUEST"} and body.get("data") is None

        aliases = "{ " + " ".join(f"a{i}: stats {{ questions }}" for i in range(31)) + " }"
        body = await gql(http, aliases, errors=True)
        assert body["errors"][0]["message"] == "31 aliases found. Allowed: 30"

        # 30 aliases are allowed, but 30 × 10 fields + 1 are too many
        fields = "{ video(id: \"x\") { " + " ".join(
            f"s{i}: segments {{ id index start end text topics complexity importance videoId }}" for i in range(30)) \
            + " } }"
        body = await gql(http, fields, errors=True)
        assert body["errors"][0]["message"] == "'anonymous' selects 301 fields; the limit is 300"

        many_fields = "{ stats { " + " ".join(
            "videosByStatus { status count } questionsPerDay { day count } mostAskedLines { text count at }"
            for _ in range(40)) + " } }"
        body = await gql(http, many_fields, errors=True)
        assert "fields; the limit is 300" in body["errors"][0]["message"]

        huge = "{ " + " ".join("__typename" for _ in range(4000)) + " }"
        body = await gql(http, huge, errors=True)
        assert "token" in body["errors"][0]["message"].lower()
        assert counting.total == 0  # every refusal happened before the graph was asked

        for first in (0, 101, -5):
            body = await gql(http, f"{{ videos(first: {first}) {{ totalCount }} }}", errors=True)
            assert body["errors"][0]["message"] == "first must be between 1 and 100"
            assert _codes(body) == {"INVALID_REQUEST"}
        body = await gql(http, '{ video(id: "x") { segments(first: 500) { id } } }')
        assert body == {"video": None}  # the bound applies where a list is served, not before
        body = await gql(http, '{ videos(after: "not-a-cursor") { totalCount } }', errors=True)
        assert "cursor" in body["errors"][0]["message"]
        assert (await gql(http, "{ videos(first: 100) { totalCount } }"))["videos"]["totalCount"] == 0

        # introspection stays on for GraphiQL
        schema = await gql(http, "{ __schema { queryType { name } } }")
        assert schema["__schema"]["queryType"]["name"] == "Query"


async def test_errors_carry_codes(client: httpx.AsyncClient) -> None:
    body = await gql(client, '{ search(seriesId: "x", text: "   ") { lines { score } } }', errors=True)
    assert _codes(body) == {"INVALID_REQUEST"}
    body = await gql(client, '{ nope }', errors=True)
    assert _codes(body) == {"INVALID_REQUEST"} and "Cannot query field" in body["errors"][0]["message"]


async def test_a_subscription_posted_as_plain_json_is_told_how_to_subscribe(client: httpx.AsyncClient) -> None:
    body = await gql(client, 'subscription { videoProgress(videoId: "v1") { progress } }', errors=True)
    assert _codes(body) == {"INVALID_REQUEST"} and "multipart/mixed" in body["errors"][0]["message"]


def _doubling_chain(n: int, *, inline: bool = False, used: bool = True) -> str:
    """Fragments that each spread the next one twice: 2^n fields once expanded."""
    def spread(i: int) -> str:
        return f"... on Query {{ ...F{i} }}" if inline else f"...F{i}"
    head = "query Q { ...F0 }" if used else "query Q { __typename }"
    return " ".join([head, *(f"fragment F{i} on Query {{ {spread(i + 1)} {spread(i + 1)} }}" for i in range(n)),
                     f"fragment F{n} on Query {{ __typename }}"])


async def test_a_fragment_chain_is_refused_in_time_proportional_to_its_size(client: httpx.AsyncClient) -> None:
    """Each spreading the next twice, n fragments expanded 2^n times in the depth, alias and field
    rules (n = 18: seconds of a blocked event loop); refused at once, over POST and GET, at any
    length the token limit lets through, used or not, through inline fragments too."""
    documents = [_doubling_chain(n) for n in (18, 30, 120, 240)]
    documents += [_doubling_chain(60, used=False), _doubling_chain(60, inline=True)]
    for document in documents:
        for method in ("POST", "GET"):
            timings = []
            for _ in range(3):  # the best of three: the shared machine may pause any one request
                started = time.perf_counter()
                if method == "POST":
                    response = await client.post("/graphql", json={"query": document})
                else:
                    response = await client.get("/graphql", params={"query": document},
                                                headers={"Accept": "application/json"})
                timings.append(time.perf_counter() - started)
                body = response.json()
                assert _codes(body) == {"INVALID_REQUEST"}, body
            assert min(timings) < 0.05, (method, len(document), timings)
            assert "fragment" in body["errors"][0]["message"], body
    # a fragment that spreads itself is refused too (no walk along the cycle)
    body = await gql(client, "query Q { ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
                     errors=True)
    assert _codes(body) == {"INVALID_REQUEST"}


async def test_fragments_within_the_limits_are_counted_once_per_spread(client: httpx.AsyncClient) -> None:
    # 2^8 = 256 fields through a chain is allowed; 2^9 is over the 300 fields
    assert (await gql(client, _doubling_chain(8)))["__typename"] == "Query"
    body = await gql(client, _doubling_chain(9), errors=True)
    assert "fields" in body["errors"][0]["message"]
    deep = "query D { ...V } fragment V on Query { videos { edges { node { ...E } } } } " \
           "fragment E on Video { entities { relations { entity { mentions { segment { video { series " \
           "{ videos { series { id } } } } } } } } } }"
    body = await gql(client, deep, errors=True)
    assert body["errors"][0]["message"] == "'D' exceeds maximum operation depth of 10"
