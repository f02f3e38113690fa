"""Query limits: tokens (strawberry's parser option), then one linear pass over the parsed
document for depth, aliases, fields and fragment spreads, so a hostile or careless query is
refused before validation or the graph sees it.

The pass is linear in the document: each fragment is summarised once (in dependency order, so a
chain of thousands of fragments needs no recursion) and a spread adds its fragment's summary.
Strawberry's QueryDepthLimiter and MaxAliasesLimiter (and graphql-core's own rules) walk every
spread again, so a chain of fragments that each spread the next twice cost 2^n: they are not
used, and when this pass refuses a document the standard validation does not run at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from strawberry.extensions import MaxTokensLimiter, SchemaExtension

from explainer.core.settings import Settings

# counts stop growing here: a refused document needs no exact 2^200
_SATURATED = 10**9


@dataclass(frozen=True, slots=True)
class Cost:
    """What a selection set amounts to once every fragment spread is expanded."""
    fields: int = 0
    aliases: int = 0
    spreads: int = 0  # fragment spreads and inline fragments
    depth: int = 0  # strawberry's measure: introspection fields (`__schema`) do not count

    def __add__(self, other: Cost) -> Cost:
        return Cost(min(self.fields + other.fields, _SATURATED), min(self.aliases + other.aliases, _SATURATED),
                    min(self.spreads + other.spreads, _SATURATED), max(self.depth, other.depth))


@dataclass(frozen=True, slots=True)
class Limits:
    depth: int
    aliases: int
    fields: int
    spreads: int


class FragmentCycle(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(f"fragment '{name}' spreads itself")
        self.name = name


def _spread_names(selection_set: SelectionSetNode | None) -> Iterator[str]:
    stack = [selection_set] if selection_set is not None else []
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FragmentSpreadNode):
                yield selection.name.value
            elif isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set is not None:
                stack.append(selection.selection_set)


def _dependency_order(fragments: dict[str, FragmentDefinitionNode]) -> list[str]:
    """Fragments ordered so each comes after every fragment it spreads (iterative DFS)."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in fragments:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(set(_spread_names(fragments[root].selection_set))))]
        while stack:
            name, pending = stack[-1]
            child = next((c for c in pending if c in fragments and state.get(c) != 2), None)
            if child is None:
                stack.pop()
                state[name] = 2
                order.append(name)
            elif state.get(child) == 1:
                raise FragmentCycle(child)
            else:
                state[child] = 1
                stack.append((child, iter(set(_spread_names(fragments[child].selection_set)))))
    return order


def _cost(selection_set: SelectionSetNode | None, summaries: dict[str, Cost]) -> Cost:
    total = Cost()
    if selection_set is None:
        return total
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            inner = _cost(selection.selection_set, summaries)
            introspection = selection.name.value.startswith("__")
            depth = 0 if introspection or selection.selection_set is None else 1 + inner.depth
            total += Cost(inner.fields + 1, inner.aliases + (selection.alias is not None), inner.spreads, depth)
        elif isinstance(selection, InlineFragmentNode):
            total += _cost(selection.selection_set, summaries) + Cost(spreads=1)
        elif isinstance(selection, FragmentSpreadNode):
            # an unknown fragment counts nothing here; the standard rules name it
            total += summaries.get(selection.name.value, Cost()) + Cost(spreads=1)
    return total


def document_errors(document: DocumentNode, limits: Limits) -> list[GraphQLError]:
    """The limits a document breaks, in time proportional to its size."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    try:
        order = _dependency_order(fragments)
    except FragmentCycle as cycle:
        return [GraphQLError(str(cycle), fragments[cycle.name])]
    summaries: dict[str, Cost] = {}
    for name in order:
        summaries[name] = _cost(fragments[name].selection_set, summaries)
        cost = summaries[name]
        # an unused fragment is walked by the standard rules too: it obeys the same bounds
        if cost.fields > limits.fields or cost.spreads > limits.spreads:
            return [GraphQLError(f"fragment '{name}' expands to {_count(cost.fields)} fields and "
                                 f"{_count(cost.spreads)} fragment spreads; the limits are {limits.fields} and "
                                 f"{limits.spreads}", fragments[name])]
    errors: list[GraphQLError] = []
    aliases = 0
    for operation in document.definitions:
        if not isinstance(operation, OperationDefinitionNode):
            continue
        name = operation.name.value if operation.name else "anonymous"
        cost = _cost(operation.selection_set, summaries)
        aliases += cost.aliases
        if cost.depth > limits.depth:  # strawberry's QueryDepthLimiter's words, which clients may know
            errors.append(GraphQLError(f"'{name}' exceeds maximum operation depth of {limits.depth}", operation))
        if cost.fields > limits.fields:
            errors.append(GraphQLError(f"'{name}' selects {_count(cost.fields)} fields; the limit is {limits.fields}",
                                       operation))
        if cost.spreads > limits.spreads:
            errors.append(GraphQLError(f"'{name}' expands {_count(cost.spreads)} fragment spreads; the limit is "
                                       f"{limits.spreads}", operation))
    if aliases > limits.aliases:  # counted over the document, as strawberry's MaxAliasesLimiter did
        errors.append(GraphQLError(f"{_count(aliases)} aliases found. Allowed: {limits.aliases}"))
    return errors


def _count(value: int) -> str:
    return f"more than {_SATURATED}" if value >= _SATURATED else str(value)


class DocumentLimits(SchemaExtension):
    """Runs first in validation; errors it sets make strawberry skip the standard rules."""

    def __init__(self, limits: Limits) -> None:
        super().__init__()
        self.limits = limits

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.pre_execution_errors is None:
            errors = document_errors(context.graphql_document, self.limits)
            if errors:
                context.pre_execution_errors = errors
        yield


def limit_extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """Factories: strawberry builds fresh extensions for each request."""
    limits = Limits(depth=settings.graphql_max_depth, aliases=settings.graphql_max_aliases,
                    fields=settings.graphql_max_fields,
                    # a tree of spreads ending in N fields has fewer than 2N of them; more spreads
                    # select nothing new
                    spreads=2 * settings.graphql_max_fields)
    return [
        lambda: MaxTokensLimiter(max_token_count=settings.graphql_max_tokens),
        lambda: DocumentLimits(limits),
    ]
