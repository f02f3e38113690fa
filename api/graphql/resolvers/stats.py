from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import page_size
from api.graphql.types.as_of import UNBOUNDED, AsOf
from api.graphql.types.stats import Stats
from explainer.core.errors import InvalidRequest
from graph.repositories import explorer
from graph.repositories.stats import dashboard_stats


@strawberry.type
class StatsQuery:
    @strawberry.field(description="Videos by status, questions per day, cache hit rate, mean response time, "
                                  "most-asked lines; all series unless seriesId is given. With asOf (and seriesId): "
                                  "the most-asked lines and questions per episode only up to that position.")
    async def stats(self, info: Info, series_id: strawberry.ID | None = None, days: int = 30,
                    top: int = 10, as_of: AsOf | None = None) -> Stats:
        store, series = info.context.state.store, str(series_id) if series_id else None
        if as_of is not None and series is None:
            raise InvalidRequest("asOf needs a seriesId")
        data = await dashboard_stats(store, series_id=series, days=page_size(days, name="days"),
                                     top=page_size(top, name="top"))
        bound = UNBOUNDED
        if as_of is not None and series is not None:
            bound, _ = await as_of.bound(info, series)
            data["mostAskedLines"] = await explorer.most_asked_lines_as_of(store, series_id=series, bound=bound,
                                                                           limit=page_size(top, name="top"))
        return Stats.from_dict(data, series_id=series, bound=bound)
