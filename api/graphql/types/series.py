from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import page_size
from graph.stores import Row

if TYPE_CHECKING:
    from api.graphql.types.video import Video


@strawberry.type
class Series:
    id: strawberry.ID
    title: str | None
    platform: str | None
    language: str | None

    @classmethod
    def from_row(cls, row: Row) -> Series:
        return cls(id=strawberry.ID(row["id"]), title=row.get("title"), platform=row.get("platform"),
                   language=row.get("language"))

    @strawberry.field(description="Episodes in viewing order.")
    async def videos(self, info: Info, first: int = 100,
                     status: str | None = None) -> list[Annotated[Video, strawberry.lazy("api.graphql.types.video")]]:
        from api.graphql.types.video import Video  # Video refers back to this type

        records = await info.context.loaders.series_videos.load(str(self.id))
        matching = [r for r in records if status is None or r.status == status]
        return [Video.from_record(r) for r in matching[:page_size(first)]]

    @strawberry.field
    async def episode_count(self, info: Info) -> int:
        return len(await info.context.loaders.series_videos.load(str(self.id)))
