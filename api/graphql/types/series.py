from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import page_size
from api.graphql.types.as_of import UNBOUNDED, AsOf
from api.graphql.types.network import EntityNetwork
from graph.repositories import explorer
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

    @strawberry.field(description="The entities (characters by default) met by `asOf`, the relations between them "
                                  "known by then, importance and communities of that bounded graph; the `first` most "
                                  "mentioned. Without asOf: every episode.")
    async def network(self, info: Info, as_of: AsOf | None = None, type: str | None = "character",
                      first: int = 50) -> EntityNetwork:
        bound, position = await as_of.bound(info, str(self.id)) if as_of is not None else (UNBOUNDED, None)
        found = await explorer.network(info.context.state.store, series_id=str(self.id), entity_type=type,
                                       bound=bound, limit=page_size(first))
        return EntityNetwork.build(found, position)
