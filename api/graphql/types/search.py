from __future__ import annotations

import strawberry

from api.graphql.types.entity import Entity
from api.graphql.types.line import Line
from api.graphql.types.segment import Segment


@strawberry.type
class LineHit:
    line: Line
    score: float


@strawberry.type
class EntityHit:
    entity: Entity
    score: float


@strawberry.type
class SegmentHit:
    segment: Segment
    score: float = strawberry.field(description="Cosine similarity mapped to [0, 1].")


@strawberry.type(description="Fulltext matches over lines and entity names, and segments similar in meaning.")
class SearchResults:
    lines: list[LineHit]
    entities: list[EntityHit]
    segments: list[SegmentHit]
