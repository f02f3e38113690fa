"""Registration and submission of videos: the domain side of the ingestion endpoints and CLI.
Knows neither RQ (it enqueues through a JobQueue) nor HTTP."""

from __future__ import annotations

import asyncio
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, get_args

import redis.asyncio as aioredis

from explainer.core.errors import ExternalServiceError, InvalidPlatform, InvalidRequest, InvalidVideoId, VideoNotFound
from explainer.core.fetch import SafeFetcher
from explainer.core.keys import SUBTITLE_TTL, progress_key, subtitle_key
from explainer.core.settings import Settings
from explainer.ingest.queue import JobQueue
from explainer.subtitles import parse_subtitles
from graph.repositories.videos import (
    CallbackDelivery,
    VideoRecord,
    get_video,
    merge_series,
    register_video,
    set_progress,
)
from graph.stores import GraphStore
from seeds.loader import demo_episodes

Platform = Literal["netflix", "youtube", "local"]
PLATFORMS: tuple[str, ...] = get_args(Platform)
VIDEO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}$")
_EPISODE_SUFFIX = re.compile(
    r"[\s\-–:|]*(?:(?:season|시즌)\s*\d+\s*)?(?:s\d{1,2}\s*e\d{1,3}|e(?:p(?:isode)?)?\.?\s*\d{1,3}|\d{1,3}\s*(?:화|회|부)"
    r"|episode\s*\d{1,3}|#\d{1,3})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Registration:
    video_id: str
    series_id: str
    title: str
    platform: str
    season: int | None = None
    episode: int | None = None
    duration: float | None = None
    language: str | None = None
    series_title: str | None = None
    url: str | None = None
    subtitle_url: str | None = None
    callback_url: str | None = None


RegistrationState = Literal["ready", "processing", "awaiting_subtitles"]


@dataclass(frozen=True, slots=True)
class Registered:
    """What registering found or started: ready already, processing (a job queued or running),
    or waiting for its subtitles."""

    video_id: str
    status: RegistrationState
    job_id: str | None = None
    estimated_seconds: int | None = None
    processed_at: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What the parser made of an uploaded file."""

    format: str
    encoding: str
    cues: int
    dropped: dict[str, int]


@dataclass(frozen=True, slots=True)
class Submitted:
    """An ingestion job queued for the video, from an upload or a URL."""

    video_id: str
    job_id: str
    estimated_seconds: int
    source: Literal["upload", "url"]
    file: ParsedFile | None = None


@dataclass(frozen=True, slots=True)
class VideoStatus:
    video_id: str
    status: str
    progress: int
    step: str | None
    estimated_seconds_remaining: int | None
    error_code: str | None
    error: str | None
    processed_at: str | None
    degraded: bool
    llm_usage: dict[str, Any] | None
    series_id: str
    season: int | None
    episode: int | None
    callback: CallbackDelivery | None = None  # the last delivery to callbackUrl


def series_id_from(title: str) -> str:
    """`수첩 속의 봄 3화` and `수첩 속의 봄` give the same series id."""
    base = unicodedata.normalize("NFKC", title).strip()
    while True:
        stripped = _EPISODE_SUFFIX.sub("", base).strip()
        if stripped == base or not stripped:
            break
        base = stripped
    slug = re.sub(r"[^\w]+", "-", base.lower(), flags=re.UNICODE).strip("-_")
    if not slug:
        raise InvalidRequest("a series title or id is needed")
    return slug[:100]


def validate_video_id(video_id: str) -> str:
    if not VIDEO_ID.match(video_id):
        raise InvalidVideoId("videoId must be 1-128 characters of letters, digits, '_', '-', '.', ':'")
    return video_id


def make_registration(*, platform: str, video_id: str, title: str, series_title: str | None = None,
                      series_id: str | None = None, **rest: Any) -> Registration:
    if platform not in PLATFORMS:
        raise InvalidPlatform(f"platform must be one of {', '.join(PLATFORMS)}")
    validate_video_id(video_id)
    resolved_series = series_id_from(series_id) if series_id else series_id_from(series_title or title)
    return Registration(video_id=video_id, series_id=resolved_series, title=title, platform=platform,
                        series_title=series_title or (None if series_id else title), **rest)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def estimate_seconds(settings: Settings, cues: int | None = None) -> int:
    """A rough figure for the client: offline analysis is fast, Gemini costs a call per batch."""
    cues = cues or 600
    per_cue = 0.08 if settings.gemini_enabled else 0.01
    return max(5, int(cues * per_cue) + 3)


async def register(settings: Settings, store: GraphStore, jobs: JobQueue,
                   reg: Registration) -> Registered:
    if reg.callback_url:
        await check_callback_url(settings, reg.callback_url)
    existing = await get_video(store, reg.video_id)
    if existing and existing.status == "ready":
        return Registered(reg.video_id, "ready", processed_at=existing.processed_at)
    language = reg.language or ("ko" if re.search(r"[가-힣]", reg.series_title or reg.title) else "en")
    if existing is None:
        await merge_series(store, series_id=reg.series_id, title=reg.series_title or reg.title,
                           platform=reg.platform, language=language)
    series_id = existing.series_id if existing else reg.series_id
    status = await register_video(
        store, video_id=reg.video_id, series_id=series_id, status="awaiting_subtitles",
        registered_at=_now(), platform=reg.platform, title=reg.title, season=reg.season, episode=reg.episode,
        duration=reg.duration, language=language, url=reg.url, subtitle_url=reg.subtitle_url,
        callback_url=reg.callback_url)
    if reg.subtitle_url and status != "processing":
        job_id = await jobs.enqueue_ingest(reg.video_id, {"kind": "url", "url": reg.subtitle_url})
        await _mark_queued(store, reg.video_id)
        return Registered(reg.video_id, "processing", job_id=job_id, estimated_seconds=estimate_seconds(settings))
    if status == "processing":
        return Registered(reg.video_id, "processing", job_id=await jobs.current_job_id(reg.video_id))
    return Registered(reg.video_id, "awaiting_subtitles")


async def check_callback_url(settings: Settings, url: str) -> None:
    """A callback the worker would refuse to call is refused now, where the caller sees it."""
    async with SafeFetcher(settings, allow_hosts=settings.fetch_allow_host_list) as fetcher:
        try:
            await fetcher.check_destination(url)
        except ExternalServiceError as exc:  # FetchRefused included
            raise InvalidRequest(f"callbackUrl is not reachable by the service: {exc.message}") from exc


async def submit_file(settings: Settings, store: GraphStore, async_redis: aioredis.Redis,
                      jobs: JobQueue, video_id: str, data: bytes, *, filename: str | None,
                      content_type: str | None, depends_on: str | None = None) -> Submitted:
    """Validates the file now (a bad file answers at once), keeps it in Redis, starts the job.
    The parse runs in a thread: a file of megabytes takes a second or more, and on the event loop
    it would hold up every other request of this API process meanwhile."""
    video = await require_video(store, video_id)
    parsed = await asyncio.to_thread(parse_subtitles, data, filename=filename, content_type=content_type,
                                     max_cues=settings.subtitle_max_cues, max_cue_chars=settings.subtitle_max_cue_chars)
    await async_redis.set(subtitle_key(video_id), data, ex=SUBTITLE_TTL)
    job_id = await jobs.enqueue_ingest(video_id,
                     {"kind": "upload", "filename": filename, "contentType": content_type}, depends_on=depends_on)
    await _mark_queued(store, video.id)
    return Submitted(video_id, job_id, estimate_seconds(settings, len(parsed.cues)), "upload",
                     ParsedFile(parsed.format, parsed.encoding, len(parsed.cues), dict(parsed.dropped)))


async def submit_url(settings: Settings, store: GraphStore, jobs: JobQueue, video_id: str,
                     url: str) -> Submitted:
    if not re.match(r"^https?://", url, re.IGNORECASE):
        raise InvalidRequest("url must be an http or https URL")
    await require_video(store, video_id)
    job_id = await jobs.enqueue_ingest(video_id, {"kind": "url", "url": url})
    await _mark_queued(store, video_id)
    return Submitted(video_id, job_id, estimate_seconds(settings), "url")


async def status(store: GraphStore, async_redis: aioredis.Redis, video_id: str) -> VideoStatus:
    video = await require_video(store, video_id)
    raw = await async_redis.hgetall(progress_key(video_id))
    live = {_text(k): _text(v) for k, v in raw.items()}
    step, progress = video.step, video.progress
    if live and video.status == "processing":
        step = live.get("step") or step
        progress = int(float(live.get("progress") or progress))
    remaining = None
    if video.status == "processing" and live:
        started = float(live.get("startedAt") or time.time())
        elapsed = max(time.time() - started, 0.1)
        remaining = int(elapsed * (100 - progress) / progress) if progress > 0 else None
    return VideoStatus(video_id=video.id, status=video.status, progress=progress, step=step,
                       estimated_seconds_remaining=remaining, error_code=video.error_code, error=video.error,
                       processed_at=video.processed_at, degraded=video.degraded, llm_usage=video.llm,
                       series_id=video.series_id, season=video.season, episode=video.episode,
                       callback=video.callback)


async def reprocess(settings: Settings, store: GraphStore, async_redis: aioredis.Redis, jobs: JobQueue,
                    video_id: str) -> Submitted:
    """Runs the pipeline again on the subtitles already given: the stored upload while Redis
    still holds it, else the video's subtitle URL."""
    video = await require_video(store, video_id)
    if await async_redis.exists(subtitle_key(video_id)):
        kind: Literal["upload", "url"] = "upload"
        source: dict[str, Any] = {"kind": kind}
    elif video.subtitle_url:
        kind = "url"
        source = {"kind": kind, "url": video.subtitle_url}
    else:
        raise InvalidRequest(f"video {video_id} has no stored subtitles any more; upload them again")
    job_id = await jobs.enqueue_ingest(video_id, source)
    await _mark_queued(store, video_id)
    return Submitted(video_id, job_id, estimate_seconds(settings), kind)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


async def require_video(store: GraphStore, video_id: str) -> VideoRecord:
    validate_video_id(video_id)
    video = await get_video(store, video_id)
    if video is None:
        raise VideoNotFound(f"video {video_id} is not registered")
    return video


async def _mark_queued(store: GraphStore, video_id: str) -> None:
    await set_progress(store, video_id, status="processing", progress=0, step="queued")


async def enqueue_demo(settings: Settings, store: GraphStore, async_redis: aioredis.Redis,
                       jobs: JobQueue) -> list[str]:
    """Registers the demo series and queues its episodes in order (each waits for the one
    before, so references can point back even with many workers). Returns the job ids."""
    job_ids: list[str] = []
    previous: dict[str, str] = {}
    for ep in demo_episodes():
        reg = make_registration(platform=ep.platform, video_id=ep.video_id, title=ep.title,
                                series_title=ep.series_title, series_id=ep.series_id, season=ep.season,
                                episode=ep.episode, duration=ep.duration, language=ep.language)
        answer = await register(settings, store, jobs, reg)
        if answer.status == "ready":
            continue
        submitted = await submit_file(settings, store, async_redis, jobs, ep.video_id, ep.read(),
                                      filename=ep.file, content_type="application/x-subrip",
                                      depends_on=previous.get(ep.series_id))
        previous[ep.series_id] = submitted.job_id
        job_ids.append(submitted.job_id)
    return job_ids
