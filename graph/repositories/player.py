"""What the built-in web player reads about an episode: its cues and its media URL."""

from __future__ import annotations

from graph.repositories.segments import RangeKey, lines_in_ranges
from graph.stores import GraphStore, Row

# an episode's transcript in one read (a 60-minute episode has ~900 cues)
MAX_CUES = 5000


async def episode_cues(store: GraphStore, video_id: str) -> list[Row]:
    return (await lines_in_ranges(store, [RangeKey(video_id, limit=MAX_CUES)]))[0]


async def media_url(store: GraphStore, video_id: str) -> str | None:
    rows = await store.read("video_media_url", id=video_id)
    url = rows[0]["url"] if rows else None
    return str(url) if url else None
