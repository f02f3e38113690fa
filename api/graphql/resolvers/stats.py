from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import page_size
from api.graphql.types.stats import Stats
from graph.repositories.stats import dashboard_stats


@strawberry.type
class StatsQuery:
    @strawberry.field(description="Videos by status, questions per day, cache hit rate, mean response time, "
                                  "most-asked lines; all series unless seriesId is given.")
    async def stats(self, info: Info, series_id: strawberry.ID | None = None, days: int = 30,
                    top: int = 10) -> Stats:
        data = await dashboard_stats(info.context.state.store, series_id=str(series_id) if series_id else None,
                                     days=page_size(days, name="days"), top=page_size(top, name="top"))
        return Stats.from_dict(data)
