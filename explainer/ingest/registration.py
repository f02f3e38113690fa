"""Registration and submission of videos: the domain side of the ingestion endpoints and CLI.
Knows neither RQ (it enqueues through a JobQueue) nor HTTP."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, get_args

import redis.asyncio as aioredis

from explainer.core.errors import (
    ExternalServiceError,
    Forbidden,
    InvalidPlatform,
    InvalidRequest,
    InvalidVideoId,
    NotFound,
    VideoNotFound,
)
from explainer.core.fetch import SafeFetcher
from explainer.core.keys import SUBTITLE_TTL, progress_key, subtitle_key, subtitle_version_key
from explainer.core.settings import Settings
from explainer.ingest.queue import JobQueue
from explainer.ingest.series import identify
from explainer.ingest.series import series_id_from as series_id_from  # the CLI derives video ids with it
from explainer.subtitles import parse_subtitles
from explainer.text.display import display_text
from graph.repositories.videos import (
    CallbackDelivery,
    VideoRecord,
    get_video,
    register_series,
    register_video,
    set_progress,
    set_subtitle_hash,
)
from graph.stores import GraphStore
from seeds.loader import demo_episodes

Platform = Literal["netflix", "youtube", "local"]
PLATFORMS: tuple[str, ...] = get_args(Platform)
VIDEO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}$")
# candidate versions kept per video (a different file for a ready video); the oldest goes first
MAX_CANDIDATES = 5
# how long a viewer's first accepted file holds the video against a concurrent different one
_CLAIM_SECONDS = 600


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
    series_title: str | None = None  # the series' title, explicit or derived from `title`
    series_title_given: bool = False  # explicit (it may rename the series) or derived (it never does)
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


SubmitOutcome = Literal["queued", "unchanged", "candidate"]


@dataclass(frozen=True, slots=True)
class Submitted:
    """What a submission did: an ingestion job queued (an upload or a URL); nothing, because the
    video is built or being built from this very file (`unchanged`); or the file kept as a
    candidate version beside the video's own (`candidate`, an operator may promote it)."""

    video_id: str
    job_id: str | None
    estimated_seconds: int | None
    source: Literal["upload", "url"]
    file: ParsedFile | None = None
    outcome: SubmitOutcome = "queued"
    status: str = "processing"  # the video's status after the submission
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A subtitle file sent for a video that already had its own: kept, not used."""

    sha256: str
    cues: int
    bytes: int
    format: str
    submitted_at: str


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
    subtitle_sha256: str | None = None
    duration: float | None = None
    candidates: list[Candidate] = field(default_factory=list)


def validate_video_id(video_id: str) -> str:
    if not VIDEO_ID.match(video_id):
        raise InvalidVideoId("videoId must be 1-128 characters of letters, digits, '_', '-', '.', ':'")
    return video_id


def make_registration(*, platform: str, video_id: str, title: str, series_title: str | None = None,
                      series_id: str | None = None, show_id: str | None = None, playlist_id: str | None = None,
                      channel_id: str | None = None, season: int | None = None, episode: int | None = None,
                      **rest: Any) -> Registration:
    """The series comes from the platform's identity (show id, playlist, channel), else the series
    id or title given, else the title without its episode marker (explainer.ingest.series); a
    season or episode the caller leaves out is read from the title's marker."""
    if platform not in PLATFORMS:
        raise InvalidPlatform(f"platform must be one of {', '.join(PLATFORMS)}")
    validate_video_id(video_id)
    # titles are labels on viewers' screens: no bidi override may reorder them
    title, series_title = display_text(title), display_text(series_title) if series_title else series_title
    series = identify(platform=platform, title=title, series_id=series_id, series_title=series_title,
                      show_id=show_id, playlist_id=playlist_id, channel_id=channel_id, season=season,
                      episode=episode)
    return Registration(video_id=video_id, series_id=series.series_id, title=title, platform=platform,
                        season=series.season, episode=series.episode, series_title=series.title,
                        series_title_given=series.title_given, **rest)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def estimate_seconds(settings: Settings, cues: int | None = None) -> int:
    """A rough figure for the client: offline analysis is fast, Gemini costs a call per batch."""
    cues = cues or 600
    per_cue = 0.08 if settings.gemini_enabled else 0.01
    return max(5, int(cues * per_cue) + 3)


async def register(settings: Settings, store: GraphStore, jobs: JobQueue,
                   reg: Registration, *, viewer: bool = False,
                   before_create: Callable[[], Awaitable[None]] | None = None) -> Registered:
    """Creates the video or reports where it stands. A viewer (a client token, not an operator
    key) creates videos only: one that exists keeps the metadata it has, and a viewer never
    makes the service fetch a URL (subtitleUrl, callbackUrl). `before_create` runs before a new
    video is written (a viewer's quota: it raises to refuse)."""
    if viewer and (reg.subtitle_url or reg.callback_url):
        raise Forbidden("subtitleUrl and callbackUrl need an operator API key; upload the captions instead")
    if reg.callback_url:
        await check_callback_url(settings, reg.callback_url)
    existing = await get_video(store, reg.video_id)
    if existing and existing.status == "ready":
        return Registered(reg.video_id, "ready", processed_at=existing.processed_at)
    if existing and viewer:
        if existing.status == "processing":
            return Registered(reg.video_id, "processing", job_id=await jobs.current_job_id(reg.video_id))
        return Registered(reg.video_id, "awaiting_subtitles")
    language = reg.language or ("ko" if re.search(r"[가-힣]", reg.series_title or reg.title) else "en")
    if existing is None and before_create is not None:
        await before_create()
    if existing is None:
        await register_series(store, series_id=reg.series_id, title=reg.series_title or reg.title,
                              explicit_title=reg.series_title if reg.series_title_given else None,
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
                      content_type: str | None, depends_on: str | None = None, viewer: bool = False) -> Submitted:
    """Validates the file now (a bad file answers at once), keeps it in Redis, starts the job.
    The parse runs in a thread: a file of megabytes takes a second or more, and on the event loop
    it would hold up every other request of this API process meanwhile.

    Captions are content-addressed (SHA-256 of the bytes): the file the video is built or being
    built from, sent again, is a no-op. A viewer's different file for a video that is ready or
    being processed never replaces it: it is kept as a candidate version (`promote_candidate`).
    An operator's upload replaces the video's file, as an explicit decision."""
    video = await require_video(store, video_id)
    parsed = await asyncio.to_thread(parse_subtitles, data, filename=filename, content_type=content_type,
                                     max_cues=settings.subtitle_max_cues, max_cue_chars=settings.subtitle_max_cue_chars)
    file = ParsedFile(parsed.format, parsed.encoding, len(parsed.cues), dict(parsed.dropped))
    sha = hashlib.sha256(data).hexdigest()
    if viewer:
        kept = await _keep_or_claim(async_redis, video, sha, file, data, filename)
        if kept is not None:
            return kept
    await async_redis.set(subtitle_key(video_id), data, ex=SUBTITLE_TTL)
    # the job reads this upload's own bytes: uploads at once may overwrite subtitle_key in any order
    await async_redis.set(subtitle_version_key(video_id, sha), data, ex=SUBTITLE_TTL)
    await set_subtitle_hash(store, video_id, sha)
    job_id = await jobs.enqueue_ingest(video_id, {"kind": "upload", "filename": filename, "contentType": content_type,
                                                  "sha256": sha}, depends_on=depends_on)
    await _mark_queued(store, video.id)
    return Submitted(video_id, job_id, estimate_seconds(settings, len(parsed.cues)), "upload", file, sha256=sha)


async def _keep_or_claim(async_redis: aioredis.Redis, video: VideoRecord, sha: str, file: ParsedFile,
                         data: bytes, filename: str | None) -> Submitted | None:
    """A viewer's file: None when it may be used (the video waits for its captions, or failed);
    otherwise what became of it (unchanged, or kept as a candidate)."""
    if video.status not in ("ready", "processing"):
        # two viewers' first uploads at once: the first claims the video, a different second file
        # becomes a candidate (an error lets the next file through)
        if video.status == "error" or await async_redis.set(_claim_key(video.id), sha, nx=True, ex=_CLAIM_SECONDS):
            return None
        if _text(await async_redis.get(_claim_key(video.id)) or b"") == sha:
            return Submitted(video.id, None, None, "upload", file, "unchanged", "processing", sha)
        return await _keep_candidate(async_redis, video.id, sha, file, data, filename, status="processing")
    if video.subtitle_sha256 == sha:
        return Submitted(video.id, None, None, "upload", file, "unchanged", video.status, sha)
    return await _keep_candidate(async_redis, video.id, sha, file, data, filename, status=video.status)


async def _keep_candidate(async_redis: aioredis.Redis, video_id: str, sha: str, file: ParsedFile, data: bytes,
                          filename: str | None, *, status: str) -> Submitted:
    index = _candidates_key(video_id)
    if not await async_redis.hexists(index, sha):
        known = [_candidate(v) for v in (await async_redis.hgetall(index)).values()]
        for old in sorted(known, key=lambda c: c.submitted_at)[:max(0, len(known) - MAX_CANDIDATES + 1)]:
            await async_redis.hdel(index, old.sha256)
            await async_redis.delete(_candidate_file_key(video_id, old.sha256))
        entry = {"sha256": sha, "cues": file.cues, "bytes": len(data), "format": file.format,
                 "filename": filename, "submittedAt": _now()}
        await async_redis.set(_candidate_file_key(video_id, sha), data, ex=SUBTITLE_TTL)
        await async_redis.hset(index, sha, json.dumps(entry))
        await async_redis.expire(index, SUBTITLE_TTL)
    return Submitted(video_id, None, None, "upload", file, "candidate", status, sha)


async def candidates(async_redis: aioredis.Redis, video_id: str) -> list[Candidate]:
    raw = await async_redis.hgetall(_candidates_key(video_id))
    return sorted((_candidate(v) for v in raw.values()), key=lambda c: c.submitted_at)


async def promote_candidate(settings: Settings, store: GraphStore, async_redis: aioredis.Redis, jobs: JobQueue,
                            video_id: str, sha: str) -> Submitted:
    """An operator's decision: the candidate becomes the video's file and the video is built again."""
    await require_video(store, video_id)
    data = await async_redis.get(_candidate_file_key(video_id, sha))
    entry = await async_redis.hget(_candidates_key(video_id), sha)
    if not isinstance(data, bytes | bytearray) or entry is None:
        raise NotFound(f"video {video_id} has no candidate subtitle file {sha}")
    submitted = await submit_file(settings, store, async_redis, jobs, video_id, bytes(data),
                                  filename=json.loads(entry).get("filename"), content_type=None)
    await async_redis.hdel(_candidates_key(video_id), sha)
    await async_redis.delete(_candidate_file_key(video_id, sha))
    return submitted


def _candidate(raw: bytes | str) -> Candidate:
    entry = json.loads(raw)
    return Candidate(sha256=entry["sha256"], cues=int(entry["cues"]), bytes=int(entry["bytes"]),
                     format=entry["format"], submitted_at=entry["submittedAt"])


def _candidates_key(video_id: str) -> str:
    return f"subtitles:candidates:{video_id}"


def _candidate_file_key(video_id: str, sha: str) -> str:
    return f"subtitles:candidate:{video_id}:{sha}"


def _claim_key(video_id: str) -> str:
    return f"subtitles:claim:{video_id}"


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
                       callback=video.callback, subtitle_sha256=video.subtitle_sha256, duration=video.duration,
                       candidates=await candidates(async_redis, video_id))


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
        if submitted.job_id:  # an operator's file is always queued
            previous[ep.series_id] = submitted.job_id
            job_ids.append(submitted.job_id)
    return job_ids
