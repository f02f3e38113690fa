"""What the GraphQL doors accept as JSON: bounded nesting and no lone surrogates, for HTTP
bodies, GET variables and WebSocket messages alike.

`json.loads` recurses once per level (about 990 levels raise RecursionError, a 500), and it
turns an escaped lone surrogate (`"\\ud800"`) into a string no encoder can write, which fails
later in whatever reads it (Kiwi, the stores, the logs). Both are refused where the JSON is read.
"""

from __future__ import annotations

import json

# our inputs are a few levels deep; far more is an attack on the parsers, not a question
MAX_JSON_DEPTH = 32


class UnacceptableJSON(json.JSONDecodeError):
    """A JSONDecodeError, so Strawberry's WebSocket handlers treat it as a message that is not JSON."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, "", 0)
        self.reason = reason


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def json_problem(value: object) -> str | None:
    """Why a decoded value is refused, None when it is fine; iterative, so no depth breaks it."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _has_surrogate(item):
                return "the request holds a lone surrogate (an escape such as \\ud800 that is no character)"
        elif isinstance(item, dict | list):
            if depth >= MAX_JSON_DEPTH:
                return f"the request is nested more than {MAX_JSON_DEPTH} levels deep"
            if isinstance(item, dict):
                stack.extend((key, depth + 1) for key in item)
                stack.extend((child, depth + 1) for child in item.values())
            else:
                stack.extend((child, depth + 1) for child in item)
    return None


def decode_json(data: str | bytes) -> object:
    try:
        value = json.loads(data)
    except RecursionError:
        raise UnacceptableJSON(f"the request is nested more than {MAX_JSON_DEPTH} levels deep") from None
    problem = json_problem(value)
    if problem is not None:
        raise UnacceptableJSON(problem)
    return value
