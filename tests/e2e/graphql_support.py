"""Helpers for the GraphQL tests: an app client on a given graph, and a query call."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI

from api.app import create_app
from explainer.core.settings import Settings


@asynccontextmanager
async def app_client(settings: Settings) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=60) as http:
            yield app, http


async def gql(http: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None, *,
              key: str | None = None, errors: bool = False, request_id: str | None = None) -> dict[str, Any]:
    """POST /graphql; returns `data`, or the whole body when `errors` are expected."""
    headers = {"X-API-Key": key} if key else {}
    if request_id:
        headers["X-Request-ID"] = request_id
    response = await http.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    if errors:
        assert body.get("errors"), body
        return body
    assert not body.get("errors"), body["errors"]
    data: dict[str, Any] = body["data"]
    return data
