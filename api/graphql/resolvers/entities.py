from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import page_size
from api.graphql.types.entity import Entity
from api.graphql.types.timeline import TimelineEntry
from graph.repositories import entities


@strawberry.type
class EntityQuery:
    @strawberry.field
    async def entity(self, info: Info, id: strawberry.ID) -> Entity | None:
        row = await info.context.loaders.entity.load(str(id))
        return Entity.from_row(row) if row else None

    @strawberry.field(description="Appearances across episodes in viewing order: one entry per entity and "
                                  "episode, at its first moment there. Without entityId: every entity.")
    async def timeline(self, info: Info, series_id: strawberry.ID, entity_id: strawberry.ID | None = None,
                       first: int = 100) -> list[TimelineEntry]:
        rows = await entities.timeline(info.context.state.store, series_id=str(series_id),
                                       entity_id=str(entity_id) if entity_id is not None else None,
                                       limit=page_size(first))
        return [TimelineEntry.from_row(r) for r in rows]
