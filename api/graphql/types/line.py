from __future__ import annotations

import strawberry

from graph.stores import Row


@strawberry.type(description="One subtitle cue.")
class Line:
    id: strawberry.ID
    video_id: str
    index: int
    start: float
    end: float
    text: str
    speaker: str | None

    @classmethod
    def from_row(cls, row: Row) -> Line:
        return cls(id=strawberry.ID(row["id"]), video_id=row["videoId"], index=int(row["index"]),
                   start=float(row["start"]), end=float(row["end"]), text=row["text"] or "",
                   speaker=row.get("speaker"))
