"""Ingestion endpoints: register a video, submit its subtitles, read its status."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from pydantic import ConfigDict, Field, ValidationError

from api.auth import IngestKey
from api.deps import StateDep
from api.schemas import Envelope, RegisterData, StatusData, SubmitData, error_responses
from api.validation import RequestBody
from explainer.core.errors import InvalidRequest, PayloadTooLarge
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
             responses=error_responses(400, 401, 403, 413, 429))
async def register_video(body: RegisterRequest, state: StateDep, _key: IngestKey) -> Envelope[RegisterData]:
    registration = ingest.make_registration(
        platform=body.platform, video_id=body.video_id, title=body.title, series_title=body.series_title,
        series_id=body.series_id, season=body.season, episode=body.episode, duration=body.duration,
        language=body.language, url=body.url, subtitle_url=body.subtitle_url, callback_url=body.callback_url)
    answer = await ingest.register(state.settings, state.store, state.jobs, registration)
    return Envelope(data=RegisterData.of(answer))


@router.post("/{video_id}/subtitles", response_model=Envelope[SubmitData], response_model_exclude_none=True,
             responses=error_responses(400, 401, 403, 404, 413, 415, 429), openapi_extra=_UPLOAD_BODY)
async def submit_subtitles(video_id: VideoIdPath, request: Request, state: StateDep,
                           _key: IngestKey) -> Envelope[SubmitData]:
    """A multipart upload (field `file`, ≤ 5 MB) or a JSON body `{"url": …}`."""
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
        answer = await ingest.submit_file(state.settings, state.store, state.redis, state.jobs, video_id,
                                          data, filename=upload.filename, content_type=upload.content_type)
        return Envelope(data=SubmitData.of(answer))
    try:
        body = SubtitleUrl.model_validate_json(await request.body())
    except ValidationError as exc:
        raise InvalidRequest("send a multipart 'file' or a JSON body {\"url\": \"https://…\"}") from exc
    answer = await ingest.submit_url(state.settings, state.store, state.jobs, video_id, body.url)
    return Envelope(data=SubmitData.of(answer))


@router.get("/{video_id}/status", response_model=Envelope[StatusData], responses=error_responses(400, 404))
async def video_status(video_id: VideoIdPath, state: StateDep) -> Envelope[StatusData]:
    return Envelope(data=StatusData.of(await ingest.status(state.store, state.redis, video_id)))
