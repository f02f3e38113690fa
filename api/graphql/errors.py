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


def error_extensions(error: errors.ExplainerError) -> dict[str, object]:
    extensions: dict[str, object] = {"code": error.code}
    retry_after = getattr(error, "retry_after", None)
    if retry_after is not None:
        extensions["retryAfter"] = int(retry_after)
    return extensions


def expected_error(error: errors.ExplainerError) -> GraphQLError:
    """An expected domain error as the GraphQL error it answers: raised where no extension maps
    errors afterwards (a subscription's events)."""
    return GraphQLError(public_message(error), original_error=error, extensions=error_extensions(error))


def _map(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, GraphQLError):  # raised already mapped (expected_error)
        return error
    if original is None:  # syntax and validation errors (limits included) speak for themselves
        error.extensions = {**(error.extensions or {}), "code": "INVALID_REQUEST"}
        return error
    if isinstance(original, errors.ExplainerError) and not (
            original.code == "INTERNAL_ERROR" or isinstance(original, errors.BadQuery)):
        return GraphQLError(public_message(original), nodes=error.nodes, source=error.source, positions=error.positions,
                            path=error.path, original_error=original, extensions=error_extensions(original))
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
