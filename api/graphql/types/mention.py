from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.types.line import Line
from api.graphql.types.segment import Segment
from graph.repositories.segments import RangeKey
from graph.stores import Row

if TYPE_CHECKING:
    from api.graphql.types.video import Video

# `at` is a line's start as stored: the line starting in [at, at + this)
LINE_EPSILON = 0.001


@strawberry.type(description="An entity named in a segment: where (episode, time) and how often.")
class Mention:
    segment: Segment
    video_id: str
    at: float = strawberry.field(description="Start of the first line in the segment that names the entity.")
    count: int

    @classmethod
    def from_row(cls, row: Row) -> Mention:
        return cls(segment=Segment.from_row(row), video_id=row["videoId"],
                   at=float(row["at"] if row.get("at") is not None else row["start"]), count=int(row["count"] or 1))

    @strawberry.field
    async def video(self, info: Info) -> Annotated[Video, strawberry.lazy("api.graphql.types.video")] | None:
        from api.graphql.types.video import Video  # Video refers back to this type

        record = await info.context.loaders.video.load(self.video_id)
        return Video.from_record(record) if record else None

    @strawberry.field(description="The subtitle line at `at`: the first one in the segment that names the entity.")
    async def line(self, info: Info) -> Line | None:
        rows = await info.context.loaders.lines.load(RangeKey(self.video_id, self.at, self.at + LINE_EPSILON, 1))
        return Line.from_row(rows[0]) if rows else None

    @strawberry.field
    async def episode(self, info: Info) -> int | None:
        record = await info.context.loaders.video.load(self.video_id)
        return record.episode if record else None

    @strawberry.field
    async def season(self, info: Info) -> int | None:
        record = await info.context.loaders.video.load(self.video_id)
        return record.season if record else None
