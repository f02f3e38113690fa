"""GraphQL input REST would refuse is refused with 400 and the stable code, never a 500 or a
traceback: JSON nested beyond reason, lone surrogates (text no encoder can write)."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

pytestmark = [pytest.mark.e2e]

SEARCH = 'query S($text: String!) { search(seriesId: "s", text: $text) { lines { score } } }'


def _refused(response: httpx.Response) -> str:
    assert response.status_code == 400, response.text
    body = response.json()
    assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID_REQUEST"], body
    return str(body["errors"][0]["message"])


async def test_deeply_nested_variables_are_refused(client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    for depth in (100, 990, 5000):
        raw = '{"query": "{ __typename }", "variables": {"v": ' + "[" * depth + "]" * depth + "}}"
        response = await client.post("/graphql", content=raw, headers={"Content-Type": "application/json"})
        assert "nested" in _refused(response)
        response = await client.get("/graphql", params={"query": "{ __typename }", "variables": json.dumps(
            {"v": json.loads("[" * 50 + "]" * 50)}) if depth == 100 else '{"v": ' + "[" * depth + "]" * depth + "}"},
                                    headers={"Accept": "application/json"})
        assert "nested" in _refused(response)
    # reasonable nesting is still fine
    assert (await client.post("/graphql", json={"query": "{ __typename }",
                                                "variables": {"v": [[[[1]]]]}})).status_code == 200
    assert not [r for r in caplog.records if r.exc_info], "a refusal is no traceback"


async def test_lone_surrogates_are_refused(client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    # json.dumps writes a lone surrogate as the escape \ud800, which json.loads turns back into one
    for body in ({"query": SEARCH, "variables": {"text": "\ud800 x"}},
                 {"query": '{ search(seriesId: "s", text: "\udc00 x") { lines { score } } }'},
                 {"query": SEARCH, "variables": {"text": "ok", "\udfff": 1}}):
        response = await client.post("/graphql", content=json.dumps(body), headers={"Content-Type": "application/json"})
        assert "surrogate" in _refused(response)
    response = await client.get("/graphql", params={"query": SEARCH, "variables": '{"text": "\\ud800 x"}'},
                                headers={"Accept": "application/json"})
    assert "surrogate" in _refused(response)
    # a proper pair (an emoji written as two escapes) is text like any other
    response = await client.post("/graphql", content=json.dumps({"query": SEARCH, "variables": {"text": "\U0001f600"}}),
                                 headers={"Content-Type": "application/json"})
    assert response.status_code == 200 and not response.json().get("errors"), response.text
    assert not [r for r in caplog.records if r.exc_info], "a refusal is no traceback"
