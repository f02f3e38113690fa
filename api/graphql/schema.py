"""The schema, assembled from the areas, and the router mounted at `/graphql` (GraphiQL on GET)."""

from __future__ import annotations

import json
from typing import Any

import strawberry
from cross_web import HTTPException
from fastapi.responses import JSONResponse
from graphql import GraphQLError
from starlette.websockets import WebSocket
from strawberry.fastapi import GraphQLRouter
from strawberry.subscriptions import (
    GRAPHQL_TRANSPORT_WS_PROTOCOL,
    GRAPHQL_WS_PROTOCOL,
    MULTIPART_SUBSCRIPTION_PROTOCOL,
)
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext
from strawberry.types.unset import UNSET

from api.cors import websocket_origin_allowed
from api.deps import AppState
from api.graphql.context import GraphQLContext, get_context
from api.graphql.errors import DomainErrors
from api.graphql.inputs import NoControlCharacters
from api.graphql.limits import limit_extensions
from api.graphql.resolvers.entities import EntityQuery
from api.graphql.resolvers.mutations import Mutation
from api.graphql.resolvers.search import SearchQuery
from api.graphql.resolvers.series import SeriesQuery
from api.graphql.resolvers.stats import StatsQuery
from api.graphql.resolvers.subscriptions import Subscription
from api.graphql.resolvers.videos import VideoQuery
from api.graphql.transport import UnacceptableJSON, decode_json
from api.progress import MAX_SUBSCRIPTIONS_PER_SOCKET, TooManySockets, connection_client
from api.routers.pages import _page as built_page
from explainer.core.settings import Settings


class ExplainerSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        """Expected errors are answers, not log lines; DomainErrors logs the unexpected ones."""


Query = merge_types("Query", (SeriesQuery, VideoQuery, EntityQuery, SearchQuery, StatsQuery))


def build_schema(settings: Settings) -> strawberry.Schema:
    return ExplainerSchema(query=Query, mutation=Mutation, subscription=Subscription,
                           extensions=[*limit_extensions(settings), NoControlCharacters, DomainErrors])


class EnvelopedGraphQLRouter(GraphQLRouter[GraphQLContext, None]):
    """Transport errors (no query, batching, bad JSON, wrong method) answer in GraphQL's own
    shape with `extensions.code`, like every other GraphQL error, instead of plain text."""

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        # the subscription socket checks Origin like `/ws`, before Strawberry accepts anything
        if isinstance(request, WebSocket):
            return await self._run_socket(request, context, root_value)
        try:
            return await super().run(request, context=context, root_value=root_value)
        except HTTPException as exc:
            code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}.get(exc.status_code, "INVALID_REQUEST")
            return JSONResponse({"data": None, "errors": [{"message": exc.reason, "extensions": {"code": code}}]},
                                status_code=exc.status_code)

    async def _run_socket(self, socket: WebSocket, context: Any, root_value: Any) -> Any:
        # the subscription socket checks Origin like `/ws`, before Strawberry accepts anything,
        # and takes one of the client's socket slots, shared with `/ws`
        if not websocket_origin_allowed(socket):
            await socket.close(code=1008, reason="origin not allowed")
            return socket
        state: AppState = socket.app.state.explainer
        hub, client = state.progress_hub(), connection_client(socket, state.settings)
        try:
            hub.open_socket(client)
        except TooManySockets as exc:
            await socket.close(code=1013, reason=str(exc))  # 1013: try again later
            return socket
        try:
            return await super().run(socket, context=context, root_value=root_value)
        finally:
            hub.close_socket(client)

    async def render_graphql_ide(self, request: Any) -> Any:  # noqa: ARG002 (Strawberry's signature)
        """GraphiQL from the package with the pages' CSP (Strawberry's page loads it from unpkg)."""
        return built_page("graphiql.html")

    def decode_json(self, data: str | bytes) -> object:
        return decode_json(data)

    def parse_json(self, data: str | bytes) -> Any:
        try:
            return self.decode_json(data)
        except UnacceptableJSON as exc:  # say why, where Strawberry would only say "Unable to parse"
            raise HTTPException(400, exc.reason) from None
        except json.JSONDecodeError:
            raise HTTPException(400, "Unable to parse request body as JSON") from None

    def is_websocket_origin_allowed(self, request: Any, origin: str) -> bool:  # noqa: ARG002 (Strawberry's signature)
        """Strawberry's own cross-origin check (it allows no other origin by default) uses the
        same rule (CORS_ORIGINS, or the service's own pages)."""
        return websocket_origin_allowed(request)


def graphql_router(settings: Settings) -> GraphQLRouter[GraphQLContext, None]:
    return EnvelopedGraphQLRouter(build_schema(settings), path="/graphql", graphql_ide="graphiql",
                         context_getter=get_context, include_in_schema=False,
                         max_subscriptions_per_connection=MAX_SUBSCRIPTIONS_PER_SOCKET,
                         # subscriptions over WebSocket, and over plain HTTP as multipart responses
                         subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL,
                                                 MULTIPART_SUBSCRIPTION_PROTOCOL))
