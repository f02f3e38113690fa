"""Ingestion endpoints: register a video, submit its subtitles, read its status."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from pydantic import ConfigDict, Field, ValidationError

from api.auth import KEY_OR_CLIENT_TOKEN, IngestKey, Uploader, UploaderDep
from api.deps import StateDep, get_state
from api.ratelimit import spend_quota
from api.schemas import Envelope, RegisterData, StatusData, SubmitData, error_responses
from api.validation import RequestBody
from explainer.core.errors import Forbidden, InvalidRequest, PayloadTooLarge
from explainer.ingest import registration as ingest

router = APIRouter(prefix="/api/video", tags=["videos"])

VideoIdPath = Annotated[str, Path(pattern=ingest.VIDEO_ID.pattern, max_length=128,
                                  description="Letters, digits, '_', '-', '.', ':' (1-128)")]


class CamelModel(RequestBody):
    model_config = ConfigDict(extra="forbid")


class RegisterRequest(CamelModel):
    platform: ingest.Platform
    video_id: str = Field(pattern=ingest.VIDEO_ID.pattern, max_length=128)
    title: str = Field(min_length=1, max_length=300)
    series_title: str | None = Field(default=None, max_length=300)
    series_id: str | None = Field(default=None, max_length=100)
    # the platform's own identity of the show, when the page has it (the series follows it)
    show_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,64}$", description="Netflix's show id")
    playlist_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,64}$", description="a YouTube playlist")
    channel_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_@.-]{1,64}$",
                                   description="a YouTube channel (id or @handle)")
    season: int | None = Field(default=None, ge=0, le=1000)
    episode: int | None = Field(default=None, ge=0, le=10000)
    duration: float | None = Field(default=None, gt=0, le=48 * 3600)
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    url: str | None = Field(default=None, max_length=2000)
    subtitle_url: str | None = Field(default=None, max_length=2000, pattern=r"^(?i:https?)://")
    callback_url: str | None = Field(default=None, max_length=2000, pattern=r"^(?i:https?)://")


class SubtitleUrl(CamelModel):
    url: str = Field(min_length=8, max_length=2000, pattern=r"^(?i:https?)://")


_UPLOAD_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": "SRT, WebVTT, SAMI, TTML/DFXP, YouTube json3 or ASS/SSA; ≤ SUBTITLE_MAX_BYTES"}}}},
    "application/json": {"schema": SubtitleUrl.model_json_schema(by_alias=True)},
}}}


@router.post("/register", response_model=Envelope[RegisterData], response_model_exclude_none=True,
             responses=error_responses(400, 401, 403, 413, 429), openapi_extra=KEY_OR_CLIENT_TOKEN)
async def register_video(body: RegisterRequest, request: Request, state: StateDep,
                         uploader: UploaderDep) -> Envelope[RegisterData]:
    """An operator key (`ingest`) or a viewer's client token (POST /api/clients). A viewer's new
    video counts against VIEWER_VIDEOS_PER_HOUR; a video that exists keeps its metadata."""
    registration = ingest.make_registration(
        platform=body.platform, video_id=body.video_id, title=body.title, series_title=body.series_title,
        series_id=body.series_id, show_id=body.show_id, playlist_id=body.playlist_id, channel_id=body.channel_id,
        season=body.season, episode=body.episode, duration=body.duration,
        language=body.language, url=body.url, subtitle_url=body.subtitle_url, callback_url=body.callback_url)

    async def count_new_video() -> None:
        await spend_quota(request, name="videos", who=uploader.client, amount=1,
                          limit=state.settings.viewer_videos_per_hour, window_seconds=3600, what="new videos per hour")

    answer = await ingest.register(state.settings, state.store, state.jobs, registration, viewer=uploader.viewer,
                                   before_create=count_new_video if uploader.viewer else None)
    return Envelope(data=RegisterData.of(answer))


@router.post("/{video_id}/subtitles", response_model=Envelope[SubmitData], response_model_exclude_none=True,
             responses=error_responses(400, 401, 403, 404, 413, 415, 429),
             openapi_extra={**_UPLOAD_BODY, **KEY_OR_CLIENT_TOKEN})
async def submit_subtitles(video_id: VideoIdPath, request: Request, state: StateDep,
                           uploader: UploaderDep) -> Envelope[SubmitData]:
    """A multipart upload (field `file`, ≤ 5 MB) or, with an operator key, a JSON body `{"url": …}`.
    The same file again is a no-op (`outcome: unchanged`); a viewer's different file for a video
    that is ready or being processed is kept as a candidate (`outcome: candidate`)."""
    limit = state.settings.subtitle_max_bytes
    content_type = request.headers.get("content-type", "")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise PayloadTooLarge(f"subtitle files are limited to {limit // (1024 * 1024)} MB")
    if content_type.startswith("multipart/form-data"):
        form = await request.form(max_files=1, max_fields=5, max_part_size=limit + 1)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise InvalidRequest("multipart field 'file' is required")
        data = await upload.read(limit + 1)
        await form.close()
        if len(data) > limit:
            raise PayloadTooLarge(f"subtitle files are limited to {limit // (1024 * 1024)} MB")
        await _count_upload(request, uploader, len(data))
        answer = await ingest.submit_file(state.settings, state.store, state.redis, state.jobs, video_id,
                                          data, filename=upload.filename, content_type=upload.content_type,
                                          viewer=uploader.viewer)
        return Envelope(data=SubmitData.of(answer))
    if uploader.viewer:
        raise Forbidden("viewers upload the captions their player loaded (multipart 'file'); a URL needs an "
                        "operator API key")
    try:
        body = SubtitleUrl.model_validate_json(await request.body())
    except ValidationError as exc:
        raise InvalidRequest("send a multipart 'file' or a JSON body {\"url\": \"https://…\"}") from exc
    answer = await ingest.submit_url(state.settings, state.store, state.jobs, video_id, body.url)
    return Envelope(data=SubmitData.of(answer))


@router.post("/{video_id}/candidates/{sha256}/promote", response_model=Envelope[SubmitData],
             response_model_exclude_none=True, responses=error_responses(400, 401, 403, 404))
async def promote_candidate(video_id: VideoIdPath, sha256: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")],
                            state: StateDep, _key: IngestKey) -> Envelope[SubmitData]:
    """An operator makes a candidate subtitle file (see the status' `candidates`) the video's own:
    the video is built again from it."""
    answer = await ingest.promote_candidate(state.settings, state.store, state.redis, state.jobs, video_id, sha256)
    return Envelope(data=SubmitData.of(answer))


async def _count_upload(request: Request, uploader: Uploader, size: int) -> None:
    if uploader.viewer:
        await spend_quota(request, name="upload-bytes", who=uploader.client, amount=size,
                          limit=get_state(request).settings.viewer_upload_bytes_per_day, window_seconds=24 * 3600,
                          what="subtitle bytes per day")


@router.get("/{video_id}/status", response_model=Envelope[StatusData], responses=error_responses(400, 404))
async def video_status(video_id: VideoIdPath, state: StateDep) -> Envelope[StatusData]:
    return Envelope(data=StatusData.of(await ingest.status(state.store, state.redis, video_id)))
