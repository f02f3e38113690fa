from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.stores import Row

if TYPE_CHECKING:
    from api.graphql.types.entity import Entity


@strawberry.type(description="A relation between two entities: typed by analysis, or co-appearance weight.")
class Relation:
    entity: Annotated[Entity, strawberry.lazy("api.graphql.types.entity")] = strawberry.field(
        description="The entity at the other end.")
    type: str
    strength: float
    outgoing: bool = strawberry.field(description="True when the relation points from this entity to the other.")
    since_ordinal: int | None
    since_video_id: str | None

    @classmethod
    def from_row(cls, row: Row) -> Relation:
        from api.graphql.types.entity import Entity  # Entity refers back to this type

        other = Entity.from_row({**row, "type": row["entityType"]})
        return cls(entity=other, type=row["type"] or "related", strength=float(row["strength"] or 0.0),
                   outgoing=bool(row["outgoing"]),
                   since_ordinal=int(row["sinceOrdinal"]) if row.get("sinceOrdinal") is not None else None,
                   since_video_id=row.get("since"))
