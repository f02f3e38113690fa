"""Query limits: depth, aliases, tokens (strawberry's extensions) and the number of fields,
so a hostile or careless query is refused at validation, before it touches the graph."""

from __future__ import annotations

from collections.abc import Callable

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from explainer.core.settings import Settings


def _count_fields(selection_set: SelectionSetNode | None, fragments: dict[str, FragmentDefinitionNode],
                  seen: frozenset[str]) -> int:
    if selection_set is None:
        return 0
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            total += 1 + _count_fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, InlineFragmentNode):
            total += _count_fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is not None and name not in seen:  # cycles are reported by the standard rules
                total += _count_fields(fragment.selection_set, fragments, seen | {name})
    return total


def max_fields_rule(limit: int) -> type[ValidationRule]:
    class MaxFields(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            document = context.document
            fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
            for definition in document.definitions:
                if isinstance(definition, OperationDefinitionNode):
                    count = _count_fields(definition.selection_set, fragments, frozenset())
                    if count > limit:
                        name = definition.name.value if definition.name else "anonymous"
                        context.report_error(GraphQLError(
                            f"'{name}' selects {count} fields; the limit is {limit}", definition))

    return MaxFields


def limit_extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """Factories: strawberry builds fresh extensions for each request."""
    fields_rule = max_fields_rule(settings.graphql_max_fields)
    return [
        lambda: QueryDepthLimiter(max_depth=settings.graphql_max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.graphql_max_aliases),
        lambda: MaxTokensLimiter(max_token_count=settings.graphql_max_tokens),
        lambda: AddValidationRules([fields_rule]),
    ]
