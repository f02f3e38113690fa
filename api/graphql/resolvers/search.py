from __future__ import annotations

import asyncio

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import page_size
from api.graphql.types.entity import Entity
from api.graphql.types.line import Line
from api.graphql.types.search import EntityHit, LineHit, SearchResults
from api.graphql.types.search import SegmentHit as SegmentResult
from api.graphql.types.segment import Segment
from explainer.core.errors import InvalidRequest
from graph.repositories import embeddings, search
from graph.repositories.embeddings import SegmentHit

MAX_TEXT = 200


async def _similar_segments(info: Info, text: str, k: int, series_id: str) -> list[SegmentHit]:
    provider = info.context.state.provider
    store = info.context.state.store
    # only a query of the space that filled the series' vectors is compared with them
    if provider is None or await embeddings.segment_embedder(store, series_id) != provider.embedder.key:
        return []
    vectors = await provider.embed([text])
    return await embeddings.similar_segments(store, vector=vectors[0], series_id=series_id, k=k)


@strawberry.type
class SearchQuery:
    @strawberry.field(description="Lines and entities by their words (fulltext), segments by meaning (vector).")
    async def search(self, info: Info, series_id: strawberry.ID, text: str, first: int = 10) -> SearchResults:
        size = page_size(first)
        text = text.strip()
        if not text or len(text) > MAX_TEXT:
            raise InvalidRequest(f"text must be 1-{MAX_TEXT} characters")
        context = info.context
        store, series = context.state.store, str(series_id)
        line_hits, entity_hits, segment_hits = await asyncio.gather(
            search.lines_matching(store, text=text, series_id=series, k=size),
            search.entities_matching(store, text=text, series_id=series, k=size),
            _similar_segments(info, text, size, series))
        lines, found_entities, segments = await asyncio.gather(
            context.loaders.line.load_many([h.id for h in line_hits]),
            context.loaders.entity.load_many([h.id for h in entity_hits]),
            context.loaders.segment.load_many([h.id for h in segment_hits]))
        return SearchResults(
            lines=[LineHit(line=Line.from_row(row), score=hit.score)
                   for hit, row in zip(line_hits, lines, strict=True) if row],
            entities=[EntityHit(entity=Entity.from_row(row), score=hit.score)
                      for hit, row in zip(entity_hits, found_entities, strict=True) if row],
            segments=[SegmentResult(segment=Segment.from_row(row), score=hit.score)
                      for hit, row in zip(segment_hits, segments, strict=True) if row])
