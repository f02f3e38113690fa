from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import page_size
from api.graphql.types.as_of import AsOf
from api.graphql.types.entity import Entity
from api.graphql.types.timeline import TimelineEntry
from graph.repositories import entities, explorer


@strawberry.type
class EntityQuery:
    @strawberry.field
    async def entity(self, info: Info, id: strawberry.ID) -> Entity | None:
        row = await info.context.loaders.entity.load(str(id))
        return Entity.from_row(row) if row else None

    @strawberry.field(description="Appearances across episodes in viewing order: one entry per entity and "
                                  "episode, at its first moment there. Without entityId: every entity. With asOf: "
                                  "only appearances up to that position.")
    async def timeline(self, info: Info, series_id: strawberry.ID, entity_id: strawberry.ID | None = None,
                       first: int = 100, as_of: AsOf | None = None) -> list[TimelineEntry]:
        store, entity = info.context.state.store, str(entity_id) if entity_id is not None else None
        if as_of is not None:
            bound, _ = await as_of.bound(info, str(series_id))
            rows = await explorer.timeline_as_of(store, series_id=str(series_id), entity_id=entity, bound=bound,
                                                 limit=page_size(first))
        else:
            rows = await entities.timeline(store, series_id=str(series_id), entity_id=entity, limit=page_size(first))
        return [TimelineEntry.from_row(r) for r in rows]
