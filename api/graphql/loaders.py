"""Per-request DataLoaders: every field reached through a list is answered by one batched graph
query per level, not one per parent (no N+1)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from strawberry.dataloader import DataLoader

from graph.repositories import entities, explorer, segments, stats, videos
from graph.repositories.explorer import MentionsKey
from graph.repositories.segments import MomentKey, RangeKey
from graph.repositories.stats import PageKey
from graph.repositories.videos import VideoRecord
from graph.stores import GraphStore, Row

K = TypeVar("K")
V = TypeVar("V")


def _by_id(fetch: Callable[[GraphStore, list[str]], Awaitable[dict[str, V]]],
           store: GraphStore) -> DataLoader[str, V | None]:
    async def load(ids: Sequence[str]) -> list[V | None]:
        found = await fetch(store, list(ids))
        return [found.get(i) for i in ids]

    return DataLoader(load_fn=load)


def _grouped(fetch: Callable[[GraphStore, list[str]], Awaitable[dict[str, list[V]]]],
             store: GraphStore) -> DataLoader[str, list[V]]:
    async def load(ids: Sequence[str]) -> list[list[V]]:
        found = await fetch(store, list(ids))
        return [found.get(i, []) for i in ids]

    return DataLoader(load_fn=load)


def _keyed(fetch: Callable[[GraphStore, Sequence[K]], Awaitable[list[V]]], store: GraphStore) -> DataLoader[K, V]:
    async def load(keys: Sequence[K]) -> list[V]:
        return await fetch(store, keys)

    return DataLoader(load_fn=load)


@dataclass
class Loaders:
    video: DataLoader[str, VideoRecord | None]
    series: DataLoader[str, Row | None]
    series_videos: DataLoader[str, list[VideoRecord]]
    entity: DataLoader[str, Row | None]
    segment: DataLoader[str, Row | None]
    line: DataLoader[str, Row | None]
    video_entities: DataLoader[str, list[Row]]
    entity_mentions: DataLoader[str, list[Row]]
    entity_relations: DataLoader[str, list[Row]]
    segments: DataLoader[RangeKey, list[Row]]
    lines: DataLoader[RangeKey, list[Row]]
    references: DataLoader[RangeKey, list[Row]]
    segment_at: DataLoader[MomentKey, Row | None]
    questions: DataLoader[PageKey, tuple[list[Row], int]]
    mentions_as_of: DataLoader[MentionsKey, list[Row]]

    @classmethod
    def build(cls, store: GraphStore) -> Loaders:
        return cls(
            video=_by_id(videos.videos_by_ids, store),
            series=_by_id(videos.series_by_ids, store),
            series_videos=_grouped(videos.videos_of_series, store),
            entity=_by_id(entities.entities_by_ids, store),
            segment=_by_id(segments.segments_by_ids, store),
            line=_by_id(segments.lines_by_ids, store),
            video_entities=_grouped(entities.video_entities, store),
            entity_mentions=_grouped(entities.entity_mentions, store),
            entity_relations=_grouped(entities.entity_relations, store),
            segments=_keyed(segments.segments_in_ranges, store),
            lines=_keyed(segments.lines_in_ranges, store),
            references=_keyed(segments.references_in_ranges, store),
            segment_at=_keyed(segments.segments_at, store),
            questions=_keyed(stats.video_questions, store),
            mentions_as_of=_keyed(explorer.mentions_as_of, store),
        )
