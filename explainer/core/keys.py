"""Redis keys that more than one part of the service reads or writes: ingestion writes them,
explain, the API and the CLI read them. One definition each, so the parts cannot drift apart."""

from __future__ import annotations

SUBTITLE_TTL = 7 * 24 * 3600


def subtitle_key(video_id: str) -> str:
    """The uploaded subtitle file, kept until the job has read it (and for a reprocess)."""
    return f"subtitles:{video_id}"


def subtitle_version_key(video_id: str, sha256: str) -> str:
    """One uploaded file of the video by its SHA-256: the job of that upload reads exactly it,
    whatever was uploaded after."""
    return f"subtitles:{video_id}:sha:{sha256}"


def progress_key(video_id: str) -> str:
    """Hash with the live step/progress of a video's ingestion."""
    return f"progress:{video_id}"


def progress_channel(video_id: str) -> str:
    """Pub/sub channel of the same progress, relayed to WebSocket subscribers."""
    return f"progress:{video_id}"


def generation_key(video_id: str) -> str:
    """Bumped by every (re-)ingestion or deletion of the video, so older cached answers are misses."""
    return f"explain:gen:{video_id}"


def current_job_key(video_id: str) -> str:
    """The id of the video's latest ingestion job."""
    return f"ingest:job:{video_id}"


def video_turn_key(video_id: str) -> str:
    """The lease of the ingestion job that is writing the video now (its job id as the value)."""
    return f"ingest:turn:{video_id}"


# the value of `current_job_key` once the video is deleted: no job of it may write any more
DELETED_MARK = "deleted"
