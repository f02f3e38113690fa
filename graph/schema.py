"""What the schema is made of. The DDL itself is in `cypher/<backend>/schema.cypher`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.stores.base import GraphStore

# every node label whose `id` is unique (DESIGN §4)
UNIQUE_ID_LABELS: tuple[str, ...] = (
    "Series", "Video", "Segment", "Line", "Entity", "Reference", "Source", "Question",
)


async def ensure_schema(store: GraphStore, embedding_dim: int) -> None:
    """Idempotent: constraints, range, vector and fulltext indexes."""
    await store.ensure_schema(embedding_dim)
