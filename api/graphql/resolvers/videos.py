from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import Connection, decode_cursor, page_size
from api.graphql.types.video import Video
from graph.repositories import videos


@strawberry.type
class VideoQuery:
    @strawberry.field
    async def video(self, info: Info, id: strawberry.ID) -> Video | None:
        record = await info.context.loaders.video.load(str(id))
        return Video.from_record(record) if record else None

    @strawberry.field(description="Videos in episode order, optionally of one series and/or in one status.")
    async def videos(self, info: Info, series_id: strawberry.ID | None = None, status: str | None = None,
                     first: int = 20, after: str | None = None) -> Connection[Video]:
        store = info.context.state.store
        offset, size = decode_cursor(after), page_size(first)
        series = str(series_id) if series_id is not None else None
        records = await videos.list_videos(store, series_id=series, status=status, offset=offset, limit=size + 1)
        for record in records:
            info.context.loaders.video.prime(record.id, record)

        async def count() -> int:
            return await videos.count_videos(store, series_id=series, status=status)

        return Connection[Video].build([Video.from_record(r) for r in records], offset=offset, first=size,
                                       count=count)
