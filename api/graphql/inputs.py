"""Control characters are refused in every GraphQL argument, inline or in variables, before
anything is resolved (the REST bodies follow the same rule, api/validation.py)."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import ExecutionResult, GraphQLError, StringValueNode, visit
from graphql.language import Visitor
from strawberry.extensions import SchemaExtension

from api.validation import control_character_at


class _Literals(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.bad: StringValueNode | None = None

    def enter_string_value(self, node: StringValueNode, *_: object) -> None:
        if self.bad is None and control_character_at(node.value):
            self.bad = node


class NoControlCharacters(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        where = control_character_at(context.variables or {}, "$")
        if where is None and context.graphql_document is not None:
            literals = _Literals()
            visit(context.graphql_document, literals)
            where = "an argument" if literals.bad is not None else None
        if where is not None:  # a result set before execution skips it
            context.result = ExecutionResult(data=None, errors=[GraphQLError(
                f"{where} holds a control character", extensions={"code": "INVALID_REQUEST"})])
        yield
