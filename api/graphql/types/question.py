from __future__ import annotations

import strawberry

from graph.stores import Row


@strawberry.type(description="A viewer's question (an explain request) about a moment of a video.")
class Question:
    id: strawberry.ID
    video_id: str
    text: str
    at: float | None
    response_ms: float | None
    cached: bool | None
    degraded: bool | None
    helpful: bool | None
    asked_at: str | None

    @classmethod
    def from_row(cls, row: Row) -> Question:
        return cls(id=strawberry.ID(row["id"]), video_id=row["videoId"], text=row.get("text") or "",
                   at=row.get("at"), response_ms=row.get("responseMs"), cached=row.get("cached"),
                   degraded=row.get("degraded"), helpful=row.get("helpful"), asked_at=row.get("askedAt"))
