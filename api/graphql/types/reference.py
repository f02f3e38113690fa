from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.types.entity import Entity
from api.graphql.types.segment import Segment
from graph.stores import Row


@strawberry.type(description='An expression such as "그 사람" resolved to the entity it refers to.')
class Reference:
    id: strawberry.ID
    video_id: str
    expression: str
    at: float
    confidence: float
    entity_id: str
    segment_id: str | None

    @classmethod
    def from_row(cls, row: Row) -> Reference:
        return cls(id=strawberry.ID(row["id"]), video_id=row["videoId"], expression=row["expression"] or "",
                   at=float(row["at"]), confidence=float(row.get("confidence") or 0.0), entity_id=row["entityId"],
                   segment_id=row.get("segmentId"))

    @strawberry.field
    async def entity(self, info: Info) -> Entity | None:
        row = await info.context.loaders.entity.load(self.entity_id)
        return Entity.from_row(row) if row else None

    @strawberry.field
    async def segment(self, info: Info) -> Segment | None:
        if self.segment_id is None:
            return None
        row = await info.context.loaders.segment.load(self.segment_id)
        return Segment.from_row(row) if row else None
