"""Query limits: refused at validation with a clear error, before any graph query runs."""

from __future__ import annotations

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
