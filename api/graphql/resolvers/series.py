from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import Connection, decode_cursor, page_size
from api.graphql.types.series import Series
from graph.repositories import videos


@strawberry.type
class SeriesQuery:
    @strawberry.field
    async def series(self, info: Info, id: strawberry.ID) -> Series | None:
        row = await info.context.loaders.series.load(str(id))
        return Series.from_row(row) if row else None

    @strawberry.field(description="Every series, by id.")
    async def series_list(self, info: Info, first: int = 20, after: str | None = None) -> Connection[Series]:
        store = info.context.state.store
        offset, size = decode_cursor(after), page_size(first)
        rows = await videos.list_series(store, offset=offset, limit=size + 1)
        for row in rows:
            info.context.loaders.series.prime(row["id"], row)

        async def count() -> int:
            return await videos.count_series(store)

        return Connection[Series].build([Series.from_row(r) for r in rows], offset=offset, first=size, count=count)
