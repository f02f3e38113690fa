from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import page_size
from api.graphql.types.as_of import AsOf
from api.graphql.types.mention import Mention
from api.graphql.types.relation import Relation
from api.graphql.types.series import Series
from graph.repositories.explorer import MentionsKey
from graph.stores import Row


@strawberry.type(description="A character, location, event, concept or object of a series.")
class Entity:
    id: strawberry.ID
    series_id: str
    name: str
    aliases: list[str]
    type: str
    description: str | None
    importance: float
    community: int | None
    mention_count: int

    @classmethod
    def from_row(cls, row: Row) -> Entity:
        community = row.get("community")
        return cls(id=strawberry.ID(row["id"]), series_id=row["seriesId"], name=row["name"] or "",
                   aliases=list(row.get("aliases") or []), type=row.get("type") or "concept",
                   description=row.get("description"), importance=float(row.get("importance") or 0.0),
                   community=int(community) if community is not None else None,
                   mention_count=int(row.get("mentions") or 0))

    @strawberry.field
    async def series(self, info: Info) -> Series | None:
        row = await info.context.loaders.series.load(self.series_id)
        return Series.from_row(row) if row else None

    @strawberry.field(description="Mentions in viewing order: earlier episodes first; with asOf, only those up "
                                  "to that position.")
    async def mentions(self, info: Info, first: int = 20, as_of: AsOf | None = None) -> list[Mention]:
        if as_of is not None:
            return [Mention.from_row(r) for r in await self._mentions_as_of(info, as_of, page_size(first))]
        rows = await info.context.loaders.entity_mentions.load(str(self.id))
        return [Mention.from_row(r) for r in rows[:page_size(first)]]

    @strawberry.field(description="Where the viewer first meets this entity (null when that is after asOf).")
    async def first_appearance(self, info: Info, as_of: AsOf | None = None) -> Mention | None:
        rows = (await self._mentions_as_of(info, as_of, 1) if as_of is not None
                else await info.context.loaders.entity_mentions.load(str(self.id)))
        return Mention.from_row(rows[0]) if rows else None

    async def _mentions_as_of(self, info: Info, as_of: AsOf, limit: int) -> list[Row]:
        bound, _ = await as_of.bound(info, self.series_id)
        return await info.context.loaders.mentions_as_of.load(
            MentionsKey(str(self.id), bound.ordinal, bound.until, limit))

    @strawberry.field(description="Relations in both directions, strongest first.")
    async def relations(self, info: Info, type: str | None = None, first: int = 20) -> list[Relation]:
        rows = await info.context.loaders.entity_relations.load(str(self.id))
        matching = [r for r in rows if type is None or r["type"] == type]
        return [Relation.from_row(r) for r in matching[:page_size(first)]]
