from __future__ import annotations

from typing import Any

import strawberry

from api.graphql.types.video import VideoError


@strawberry.type(description="Processing progress of a video, as the pipeline reports it.")
class ProgressEvent:
    type: str = strawberry.field(description="`progress`, `complete` or `error`.")
    video_id: str
    status: str
    step: str | None
    progress: int
    error: VideoError | None

    @property
    def final(self) -> bool:
        return self.type in ("complete", "error")

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> ProgressEvent:
        status = str(message.get("status") or "processing")
        kind = message.get("type") or ("complete" if status == "ready" else "error" if status == "error"
                                       else "progress")
        error = message.get("error")
        return cls(type=str(kind), video_id=str(message["videoId"]), status=status, step=message.get("step"),
                   progress=int(float(message.get("progress") or 0)),
                   error=VideoError(code=error.get("code"), message=str(error.get("message") or ""))
                   if isinstance(error, dict) and error.get("message") else None)
