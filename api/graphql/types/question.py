from __future__ import annotations

import strawberry

from api.graphql.context import Info
from graph.stores import Row


@strawberry.type(description="A viewer's question (an explain request) about a moment of a video.")
class Question:
    question_id: strawberry.Private[str]
    video_id: str
    text: str
    at: float | None
    response_ms: float | None
    cached: bool | None
    degraded: bool | None
    helpful: bool | None
    asked_at: str | None

    @strawberry.field(description="The question's id: null unless the X-API-Key has the admin scope (viewers' "
                                  "questions are theirs; feedback needs the asker's token anyway).")
    def id(self, info: Info) -> strawberry.ID | None:
        scopes = info.context.scopes
        return strawberry.ID(self.question_id) if scopes is not None and "admin" in scopes else None

    @classmethod
    def from_row(cls, row: Row) -> Question:
        return cls(question_id=row["id"], video_id=row["videoId"], text=row.get("text") or "",
                   at=row.get("at"), response_ms=row.get("responseMs"), cached=row.get("cached"),
                   degraded=row.get("degraded"), helpful=row.get("helpful"), asked_at=row.get("askedAt"))
