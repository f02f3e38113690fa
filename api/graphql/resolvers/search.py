from __future__ import annotations

import asyncio

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import page_size
from api.graphql.types.entity import Entity
from api.graphql.types.line import Line
from api.graphql.types.search import EntityHit, LineHit, SearchResults, SegmentHit
from api.graphql.types.segment import Segment
from explainer.core.errors import InvalidRequest
from graph.stores import Row

MAX_TEXT = 200


async def _similar_segments(info: Info, text: str, k: int, series_id: str) -> list[Row]:
    provider = info.context.state.provider  # the app's provider: its embeddings built the index
    if provider is None:
        return []
    vectors = await provider.embed([text])
    return await info.context.state.store.vector_search("segment", vectors[0], k, seriesId=series_id)


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
            store.fulltext_search("line", text, size, seriesId=series),
            store.fulltext_search("entity", text, size, seriesId=series),
            _similar_segments(info, text, size, series))
        lines, found_entities, segments = await asyncio.gather(
            context.loaders.line.load_many([h["id"] for h in line_hits]),
            context.loaders.entity.load_many([h["id"] for h in entity_hits]),
            context.loaders.segment.load_many([h["id"] for h in segment_hits]))
        return SearchResults(
            lines=[LineHit(line=Line.from_row(row), score=float(hit["score"]))
                   for hit, row in zip(line_hits, lines, strict=True) if row],
            entities=[EntityHit(entity=Entity.from_row(row), score=float(hit["score"]))
                      for hit, row in zip(entity_hits, found_entities, strict=True) if row],
            segments=[SegmentHit(segment=Segment.from_row(row), score=float(hit["score"]))
                      for hit, row in zip(segment_hits, segments, strict=True) if row])
