from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import page_size
from api.graphql.types.line import Line
from graph.repositories.segments import RangeKey
from graph.stores import Row

if TYPE_CHECKING:
    from api.graphql.types.video import Video


@strawberry.type(description="A window of an episode (30 s by default) with what analysis found in it.")
class Segment:
    id: strawberry.ID
    video_id: str
    index: int
    start: float
    end: float
    text: str
    topics: list[str]
    complexity: int | None
    importance: int | None

    @classmethod
    def from_row(cls, row: Row) -> Segment:
        return cls(id=strawberry.ID(row["id"]), video_id=row["videoId"], index=int(row["index"]),
                   start=float(row["start"]), end=float(row["end"]), text=row.get("text") or "",
                   topics=list(row.get("topics") or []),
                   complexity=_int(row.get("complexity")), importance=_int(row.get("importance")))

    @strawberry.field
    async def video(self, info: Info) -> Annotated[Video, strawberry.lazy("api.graphql.types.video")] | None:
        from api.graphql.types.video import Video  # Video refers back to this type

        record = await info.context.loaders.video.load(self.video_id)
        return Video.from_record(record) if record else None

    @strawberry.field(description="The subtitle lines of this segment.")
    async def lines(self, info: Info, first: int = 100) -> list[Line]:
        rows = await info.context.loaders.lines.load(RangeKey(self.video_id, self.start, self.end, page_size(first)))
        return [Line.from_row(r) for r in rows]


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, (int, float)) else None
