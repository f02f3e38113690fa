"""The GraphQL context: app state, the caller's API key scopes and fresh DataLoaders per request."""

from __future__ import annotations

from typing import TypeAlias

import strawberry
from starlette.requests import HTTPConnection
from strawberry.fastapi import BaseContext

from api.auth import check_scope, scopes_for
from api.deps import AppState
from api.graphql.loaders import Loaders
from api.progress import connection_client


class GraphQLContext(BaseContext):
    def __init__(self, state: AppState, scopes: frozenset[str] | None, client: str = "unknown") -> None:
        super().__init__()
        self.state = state
        self.scopes = scopes
        self.client = client  # the caller's address, for per-client bounds (subscriptions)
        self.loaders = Loaders.build(state.store)

    def require(self, scope: str) -> None:
        check_scope(self.scopes, scope)


async def get_context(connection: HTTPConnection) -> GraphQLContext:
    state: AppState = connection.app.state.explainer
    key = connection.headers.get("x-api-key")
    return GraphQLContext(state, scopes_for(key, state.settings.api_key_scopes),
                          connection_client(connection, state.settings))


Info: TypeAlias = strawberry.Info[GraphQLContext, None]
