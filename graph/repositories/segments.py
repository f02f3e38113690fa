"""Segments, lines and references of a video, read in batches: one statement answers many
(video, range) keys at once, which is what the GraphQL DataLoaders need."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.stores import GraphStore, Row

# bounds for "the whole video" (seconds)
START = -1.0
END = 1.0e9


@dataclass(frozen=True, slots=True)
class RangeKey:
    """A video's items in [lo, hi), at most `limit` of them."""

    video_id: str
    lo: float = START
    hi: float = END
    limit: int = 100


@dataclass(frozen=True, slots=True)
class MomentKey:
    video_id: str
    at: float


async def _ranged(store: GraphStore, statement: str, keys: Sequence[RangeKey]) -> list[list[Row]]:
    rows = await store.read(statement, keys=[
        {"key": i, "videoId": k.video_id, "lo": float(k.lo), "hi": float(k.hi), "limit": k.limit}
        for i, k in enumerate(keys)])
    found: dict[int, list[Row]] = {int(r["key"]): list(r["rows"] or []) for r in rows}
    return [found.get(i, []) for i in range(len(keys))]


async def segments_in_ranges(store: GraphStore, keys: Sequence[RangeKey]) -> list[list[Row]]:
    return await _ranged(store, "segments_in_ranges", keys)


async def lines_in_ranges(store: GraphStore, keys: Sequence[RangeKey]) -> list[list[Row]]:
    return await _ranged(store, "lines_in_ranges", keys)


async def references_in_ranges(store: GraphStore, keys: Sequence[RangeKey]) -> list[list[Row]]:
    return await _ranged(store, "references_in_ranges", keys)


async def segments_at(store: GraphStore, keys: Sequence[MomentKey]) -> list[Row | None]:
    rows = await store.read("segments_at_times", keys=[
        {"key": i, "videoId": k.video_id, "at": float(k.at)} for i, k in enumerate(keys)])
    found = {int(r["key"]): r for r in rows}
    return [found.get(i) for i in range(len(keys))]


async def segments_by_ids(store: GraphStore, ids: Sequence[str]) -> dict[str, Row]:
    return {r["id"]: r for r in await store.read("segments_by_ids", ids=list(ids))}


async def lines_by_ids(store: GraphStore, ids: Sequence[str]) -> dict[str, Row]:
    return {r["id"]: r for r in await store.read("lines_by_ids", ids=list(ids))}


# --- writes (ingestion) ------------------------------------------------------------------------

async def write_episode_segments(store: GraphStore, *, video_id: str, series_id: str,
                                 segments: list[dict[str, Any]], lines: list[dict[str, Any]]) -> None:
    """Write the episode's segments and lines (statements `merge_segments` and `merge_lines`),
    drop those a previous run had beyond them, and relink the NEXT chains of the episode and
    of the series' episodes."""
    for start in range(0, len(segments), 500):
        await store.write("merge_segments", segments=segments[start:start + 500])
    for start in range(0, len(lines), 1000):
        await store.write("merge_lines", lines=lines[start:start + 1000])
    max_segment = max((int(s["index"]) for s in segments), default=-1)
    await store.write("delete_stale_segments", videoId=video_id, segmentCount=max_segment + 1)
    await store.write("delete_stale_lines", videoId=video_id, lineCount=len(lines) + 1)
    await store.write("link_segments", videoId=video_id)
    await store.write("clear_episode_links", seriesId=series_id)
    await store.write("link_episodes", seriesId=series_id)
