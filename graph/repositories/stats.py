"""Questions viewers asked, and the figures dashboards show about them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.stores import GraphStore, Row


@dataclass(frozen=True, slots=True)
class PageKey:
    video_id: str
    offset: int
    limit: int


async def video_questions(store: GraphStore, keys: Sequence[PageKey]) -> list[tuple[list[Row], int]]:
    """Per key: a page of the video's questions (newest first) and how many it has in all."""
    rows = await store.read("video_questions", keys=[
        {"key": i, "videoId": k.video_id, "offset": k.offset, "limit": k.limit} for i, k in enumerate(keys)])
    found = {int(r["key"]): (list(r["rows"] or []), int(r["total"] or 0)) for r in rows}
    return [found.get(i, ([], 0)) for i in range(len(keys))]


async def dashboard_stats(store: GraphStore, *, series_id: str | None, days: int, top: int) -> dict[str, Any]:
    by_status = await store.read("stats_videos_by_status", seriesId=series_id)
    summary_rows = await store.read("stats_questions_summary", seriesId=series_id)
    per_day = await store.read("stats_questions_per_day", seriesId=series_id, limit=days)
    most_asked = await store.read("stats_most_asked_lines", seriesId=series_id, limit=top)
    summary = summary_rows[0] if summary_rows else {}
    questions = int(summary.get("questions") or 0)
    cached = int(summary.get("cached") or 0)
    average = summary.get("averageResponseMs")
    return {
        "videosByStatus": [{"status": r["status"] or "unknown", "count": int(r["count"])} for r in by_status],
        "questions": questions,
        "cacheHitRate": cached / questions if questions else None,
        "degradedAnswers": int(summary.get("degraded") or 0),
        "averageResponseMs": float(average) if average is not None else None,
        "questionsPerDay": [{"day": r["day"], "count": int(r["count"])} for r in per_day],
        "mostAskedLines": most_asked,
    }
