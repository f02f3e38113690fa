"""Relay-style connections with opaque cursors, and the page-size bound every list field obeys."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from explainer.core.errors import InvalidRequest

NodeT = TypeVar("NodeT")
MAX_PAGE = 100
_PREFIX = "offset:"


def page_size(first: int, *, name: str = "first") -> int:
    """`first` must be 1..100: a bigger page is refused, never silently served slowly."""
    if first < 1 or first > MAX_PAGE:
        raise InvalidRequest(f"{name} must be between 1 and {MAX_PAGE}")
    return first


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The offset just after `cursor` (0 without one)."""
    if cursor is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(_PREFIX):
            raise ValueError(text)
        offset = int(text.removeprefix(_PREFIX))
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidRequest("after is not a cursor this API gave out") from exc
    if offset < 0:
        raise InvalidRequest("after is not a cursor this API gave out")
    return offset + 1


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="All items matching the filters (one more graph query when asked for).")
    async def total_count(self) -> int:
        return await self._count()

    @classmethod
    def build(cls, nodes: Sequence[NodeT], *, offset: int, first: int,
              count: Callable[[], Awaitable[int]]) -> Connection[NodeT]:
        """`nodes` is the page fetched with `limit = first + 1`: the extra one says a next page exists."""
        page = list(nodes[:first])
        edges = [Edge(cursor=encode_cursor(offset + i), node=node) for i, node in enumerate(page)]
        info = PageInfo(has_next_page=len(nodes) > first, has_previous_page=offset > 0,
                        start_cursor=edges[0].cursor if edges else None,
                        end_cursor=edges[-1].cursor if edges else None)
        return cls(edges=edges, page_info=info, _count=count)
