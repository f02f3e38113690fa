"""The REST contract: the envelope, response models built from the domain's dataclasses, and the
error responses each route declares so `/openapi.json` documents every status it can answer."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from explainer.ingest.registration import Registered, Submitted, VideoStatus

T = TypeVar("T")


class ApiModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class ErrorDetail(ApiModel):
    code: str = Field(description="A stable error code, e.g. INVALID_REQUEST, VIDEO_NOT_FOUND.")
    message: str
    retry_after: int | None = Field(default=None, description="Seconds to wait (429, 409, 503).")


class ErrorEnvelope(ApiModel):
    success: Literal[False] = False
    error: ErrorDetail


class Envelope(ApiModel, Generic[T]):
    success: Literal[True] = True
    data: T


def status_url(video_id: str) -> str:
    return f"/api/video/{video_id}/status"


class RegisterData(ApiModel):
    video_id: str
    status: Literal["ready", "processing", "awaiting_subtitles"]
    status_url: str
    job_id: str | None = None
    estimated_time: int | None = Field(default=None, description="Seconds, a rough figure.")
    processed_at: str | None = None

    @classmethod
    def of(cls, answer: Registered) -> RegisterData:
        return cls(video_id=answer.video_id, status=answer.status, status_url=status_url(answer.video_id),
                   job_id=answer.job_id, estimated_time=answer.estimated_seconds, processed_at=answer.processed_at)


class SubmitData(ApiModel):
    video_id: str
    status: str = Field(default="processing", description="The video's status after the submission.")
    outcome: Literal["queued", "unchanged", "candidate"] = Field(
        default="queued", description="queued: a job builds the video from this file; unchanged: the video is "
        "(being) built from this very file already; candidate: the video has another file, this one is kept "
        "beside it (an operator may promote it).")
    sha256: str | None = Field(default=None, description="The SHA-256 of an uploaded file.")
    status_url: str
    job_id: str | None = None
    estimated_time: int | None = None
    source: Literal["upload", "url"]
    format: str | None = Field(default=None, description="The detected format of an upload.")
    encoding: str | None = None
    cues: int | None = None
    dropped_cues: dict[str, int] | None = Field(default=None, description="Cues dropped by the cleaning, by reason.")

    @classmethod
    def of(cls, answer: Submitted) -> SubmitData:
        file = answer.file
        return cls(video_id=answer.video_id, status=answer.status, outcome=answer.outcome, sha256=answer.sha256,
                   status_url=status_url(answer.video_id), job_id=answer.job_id,
                   estimated_time=answer.estimated_seconds, source=answer.source,
                   format=file.format if file else None, encoding=file.encoding if file else None,
                   cues=file.cues if file else None, dropped_cues=file.dropped if file else None)


class StatusError(ApiModel):
    code: str | None
    message: str


class CallbackStatus(ApiModel):
    status: Literal["delivered", "failed"]
    at: str = Field(description="When the delivery was attempted (ISO 8601).")
    error: str | None = Field(default=None, description="Why it failed: refused address, network error, HTTP status.")
    http_status: int | None = Field(default=None, description="What the callback answered, when it answered.")


class CandidateFile(ApiModel):
    sha256: str
    cues: int
    bytes: int
    format: str
    submitted_at: str


class StatusData(ApiModel):
    video_id: str
    status: str = Field(description="registered, awaiting_subtitles, processing, ready or error")
    progress: int = Field(ge=0, le=100)
    current_step: str | None
    estimated_time_remaining: int | None
    error: StatusError | None
    processed_at: str | None
    degraded: bool
    llm_usage: dict[str, Any] | None
    series_id: str
    season: int | None
    episode: int | None
    callback: CallbackStatus | None = Field(default=None, description="The last delivery to callbackUrl, if any.")
    duration: float | None = Field(default=None, description="Seconds: from the player, else the last line's end.")
    subtitle_sha256: str | None = Field(default=None, description="The subtitle file the video is built from.")
    candidates: list[CandidateFile] = Field(default_factory=list, description=(
        "Other subtitle files sent for the video once it had its own: kept, not used; an operator may promote "
        "one (POST /api/video/{videoId}/candidates/{sha256}/promote)."))

    @classmethod
    def of(cls, answer: VideoStatus) -> StatusData:
        error = StatusError(code=answer.error_code, message=answer.error) if answer.error else None
        sent = answer.callback
        callback = CallbackStatus(status="failed" if sent.status == "failed" else "delivered", at=sent.at,
                                  error=sent.error, http_status=sent.http_status) if sent else None
        return cls(video_id=answer.video_id, status=answer.status, progress=answer.progress,
                   current_step=answer.step, estimated_time_remaining=answer.estimated_seconds_remaining,
                   error=error, processed_at=answer.processed_at, degraded=answer.degraded,
                   llm_usage=answer.llm_usage, series_id=answer.series_id, season=answer.season,
                   episode=answer.episode, callback=callback, duration=answer.duration,
                   subtitle_sha256=answer.subtitle_sha256,
                   candidates=[CandidateFile(sha256=c.sha256, cues=c.cues, bytes=c.bytes, format=c.format,
                                             submitted_at=c.submitted_at) for c in answer.candidates])


class Explanation(ApiModel):
    model_config = ConfigDict(extra="allow")
    text: str
    resolutions: list[dict[str, Any]] = []
    references: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    sources: list[Any] = []


class ExplainData(ApiModel):
    explanation: Explanation
    question_id: str
    feedback_token: str = Field(description="Send it with POST /api/feedback: feedback is the asker's.")
    cached: bool
    degraded: bool
    response_time: int = Field(description="Milliseconds.")


class FeedbackData(ApiModel):
    question_id: str
    helpful: bool


_DESCRIPTIONS: dict[int, str] = {
    400: "Invalid request (INVALID_REQUEST, INVALID_PLATFORM, INVALID_VIDEO_ID)",
    401: "No valid X-API-Key (UNAUTHORIZED)",
    403: "The key lacks the scope, or the feedback token is not the question's (FORBIDDEN)",
    404: "Not registered or not found (VIDEO_NOT_FOUND, NOT_FOUND)",
    409: "The video is still being processed (VIDEO_PROCESSING, with retryAfter)",
    413: "The body is too large (PAYLOAD_TOO_LARGE)",
    415: "The file holds no subtitle cue in a known format (UNSUPPORTED_SUBTITLE_FORMAT)",
    429: "Too many requests (RATE_LIMIT_EXCEEDED, with Retry-After)",
    500: "Internal error (INTERNAL_ERROR)",
    502: "An outside service failed (GEMINI_API_ERROR, EXTERNAL_SERVICE_ERROR)",
    503: "The graph store or the service is unavailable (GRAPH_UNAVAILABLE, OVERLOADED, with Retry-After)",
}
_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The declared error responses of a route: the statuses given plus 500 and 503, which any
    route touching a store can answer."""
    answer: dict[int | str, dict[str, Any]] = {}
    for status in sorted({*statuses, 500, 503}):
        entry: dict[str, Any] = {"model": ErrorEnvelope, "description": _DESCRIPTIONS[status]}
        if status in (429, 503):
            entry["headers"] = _RETRY_AFTER
        answer[status] = entry
    return answer
