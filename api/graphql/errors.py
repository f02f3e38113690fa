"""Domain errors → GraphQL errors with `extensions.code` (the REST error codes); anything
unexpected is logged and masked as INTERNAL_ERROR."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from api.errors import public_message
from explainer.core import errors

log = logging.getLogger(__name__)


def _map(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if original is None:  # syntax and validation errors (limits included) speak for themselves
        error.extensions = {**(error.extensions or {}), "code": "INVALID_REQUEST"}
        return error
    if isinstance(original, errors.ExplainerError) and not (
            original.code == "INTERNAL_ERROR" or isinstance(original, errors.BadQuery)):
        extensions: dict[str, object] = {"code": original.code}
        retry_after = getattr(original, "retry_after", None)
        if retry_after is not None:
            extensions["retryAfter"] = int(retry_after)
        return GraphQLError(public_message(original), nodes=error.nodes, source=error.source, positions=error.positions,
                            path=error.path, original_error=original, extensions=extensions)
    log.error("graphql resolver failed", exc_info=original)
    return GraphQLError("internal error", nodes=error.nodes, source=error.source, positions=error.positions,
                        path=error.path, extensions={"code": "INTERNAL_ERROR"})


SUBSCRIPTION_TRANSPORTS = ("subscriptions need a WebSocket (graphql-transport-ws) or an HTTP request with "
                           "Accept: multipart/mixed;subscriptionSpec=1.0")


def _plain_request_for_a_subscription(error: GraphQLError) -> bool:
    # a subscription POSTed as a plain JSON request is executed once, and its async generator
    # field comes back as null: say what to do instead of reporting an internal error
    return isinstance(error.original_error, TypeError) and "non-nullable field Subscription." in error.message


class DomainErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        result_errors = getattr(result, "errors", None)
        if not result_errors:
            return
        parsed = self.execution_context.graphql_document is not None
        if parsed and self.execution_context.operation_type == OperationType.SUBSCRIPTION and any(
                _plain_request_for_a_subscription(e) for e in result_errors):
            result.errors = [GraphQLError(SUBSCRIPTION_TRANSPORTS,  # type: ignore[union-attr]
                                          extensions={"code": "INVALID_REQUEST"})]
            return
        result.errors = [_map(e) for e in result_errors]  # type: ignore[union-attr]
