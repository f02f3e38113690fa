from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.types.entity import Entity
from graph.stores import Row

if TYPE_CHECKING:
    from api.graphql.types.video import Video


@strawberry.type(description="An entity's appearance in one episode: when it first shows up there and how much.")
class TimelineEntry:
    entity_id: str
    video_id: str
    ordinal: int
    at: float
    mentions: int
    segments: int

    @classmethod
    def from_row(cls, row: Row) -> TimelineEntry:
        return cls(entity_id=row["entityId"], video_id=row["videoId"], ordinal=int(row["ordinal"] or 0),
                   at=float(row["at"] or 0.0), mentions=int(row["count"] or 0), segments=int(row["segments"] or 0))

    @strawberry.field
    async def entity(self, info: Info) -> Entity | None:
        row = await info.context.loaders.entity.load(self.entity_id)
        return Entity.from_row(row) if row else None

    @strawberry.field
    async def video(self, info: Info) -> Annotated[Video, strawberry.lazy("api.graphql.types.video")] | None:
        from api.graphql.types.video import Video  # Video refers back to this type

        record = await info.context.loaders.video.load(self.video_id)
        return Video.from_record(record) if record else None
