"""What ingestion needs from a job queue. `jobs/` implements it with RQ; the domain never imports
RQ, and every call is async so an implementation over a blocking client keeps it off the loop."""

from __future__ import annotations

from typing import Any, Protocol


class JobQueue(Protocol):
    async def enqueue_ingest(self, video_id: str, source: dict[str, Any], *, depends_on: str | None = None,
                             request_id: str | None = None) -> str:
        """Queue the video's ingestion job and return its id. One job per video at a time: a job
        still waiting for the video is cancelled, one running stops at its next write and the new
        one waits for it (explainer.ingest.turns)."""
        ...

    async def current_job_id(self, video_id: str) -> str | None:
        """The video's latest ingestion job, while the queue still knows it."""
        ...

    async def retire(self, video_id: str) -> None:
        """No job of the video may write any more (it is being deleted): a waiting one is
        cancelled, a running one stops at its next write (explainer.ingest.turns)."""
        ...
