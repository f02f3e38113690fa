"""POST /api/explain without HTTP: validate, answer from the cache or from the bounded graph
context, and describe the Question to log."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import redis.asyncio as aioredis

from explainer.core.errors import (
    ExplainerError,
    GeminiError,
    InvalidRequest,
    Overloaded,
    QuestionNotFound,
    VideoNotFound,
    VideoProcessing,
)
from explainer.core.metrics import EXPLAIN_CACHE
from explainer.core.settings import Settings
from explainer.explain import cache
from explainer.explain.answer import Plan, explanation_payload, focus_entities, pick_moments, provider_context
from explainer.explain.compose import compose_explanation
from explainer.explain.context import Bound, EpisodeLines, episode_lines, gather, normalise_text, selected_cue
from explainer.explain.packet import adopt, reading_packet
from explainer.explain.resolution import resolve
from explainer.llm.base import ExplainContext, ExplanationDraft, LLMProvider
from explainer.text.names import detect_language
from graph.repositories import explain as repo
from graph.repositories.videos import VideoRecord, get_video
from graph.stores import GraphStore

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 500
PROCESSING_RETRY_SECONDS = 10


@dataclass(frozen=True, slots=True)
class Question:
    """One explain call, as it is logged (`QuestionLog`)."""

    id: str
    video_id: str
    text: str
    at: float
    response_ms: int
    cached: bool
    degraded: bool
    asked_at: str


@dataclass(frozen=True, slots=True)
class ExplainResult:
    # the explanation as JSON text: a cache hit is served as stored, without decoding it
    explanation_json: str
    question: Question

    def body(self) -> bytes:
        """The API's success envelope, as JSON bytes."""
        q = self.question
        return (f'{{"success":true,"data":{{"explanation":{self.explanation_json},"questionId":"{q.id}",'
                f'"cached":{_json_bool(q.cached)},"degraded":{_json_bool(q.degraded)},'
                f'"responseTime":{q.response_ms}}}}}').encode()


class Explainer:
    """Answers questions for one app: clients injected, nothing global."""

    def __init__(self, settings: Settings, store: GraphStore, redis: aioredis.Redis, provider: LLMProvider) -> None:
        self.settings = settings
        self.store = store
        self.redis = redis
        self.provider = provider
        self.questions = QuestionLog(store)
        # misses computed at once in this process; more wait briefly, then get OVERLOADED before
        # doing any work (a half-computed miss that then times out helps nobody)
        self._misses = asyncio.Semaphore(settings.explain_max_concurrent_misses)

    @asynccontextmanager
    async def _admitted_miss(self) -> AsyncIterator[None]:
        try:
            await asyncio.wait_for(self._misses.acquire(), self.settings.graph_pool_wait_seconds)
        except TimeoutError:
            raise Overloaded("too many explanations are being computed; try again shortly",
                             retry_after=1) from None
        try:
            yield
        finally:
            self._misses.release()

    async def explain(self, *, video_id: str, selected_text: str, timestamp: float) -> ExplainResult:
        started = time.perf_counter()
        text = " ".join(selected_text.split())
        if not text:
            raise InvalidRequest("selectedText is empty")
        if len(text) > MAX_TEXT_CHARS:
            raise InvalidRequest(f"selectedText is longer than {MAX_TEXT_CHARS} characters")
        if timestamp < 0:
            raise InvalidRequest("timestamp must not be negative")
        bucket = cache.bucket_of(timestamp)
        key = cache.cache_key(video_id, normalise_text(text), bucket)
        generation, hit = await cache.lookup(self.redis, video_id, key)
        EXPLAIN_CACHE.labels(result="hit" if hit is not None else "miss").inc()
        if hit is not None:
            _check_duration(hit.duration, timestamp)
            explanation_json, degraded, cached = hit.explanation_json, False, True
        else:
            async with self._admitted_miss():
                video, lines = await self._video_and_lines(video_id, bucket)
                _check_duration(video.duration, timestamp)
                explanation, degraded, per_key = await self._answer(video, lines, text, bucket, timestamp)
            explanation_json = json.dumps(explanation, ensure_ascii=False, separators=(",", ":"))
            cached = False
            # a degraded answer is not kept: the next call may reach Gemini again; nor one bounded
            # by this request's own timestamp (another of the bucket may be earlier)
            if not degraded and per_key:
                await cache.store(self.redis, key, cache.CachedAnswer(generation, video.duration, explanation_json),
                                  self.settings.explain_cache_ttl_seconds)
        question = Question(id=uuid.uuid4().hex, video_id=video_id, text=text, at=timestamp,
                            response_ms=round((time.perf_counter() - started) * 1000), cached=cached,
                            degraded=degraded, asked_at=datetime.now(UTC).isoformat(timespec="milliseconds"))
        return ExplainResult(explanation_json=explanation_json, question=question)

    async def _video_and_lines(self, video_id: str, bucket: int) -> tuple[VideoRecord, EpisodeLines]:
        """The first wave of a miss: the video, and the episode's lines around the bucket, read
        together (a video that is not ready wastes one read, not a round trip of every miss)."""
        bucket_start = bucket * cache.BUCKET_SECONDS
        video, lines = await asyncio.gather(
            self._ready_video(video_id),
            episode_lines(self.store, video_id=video_id, window_start=bucket_start,
                          window_end=bucket_start + cache.BUCKET_SECONDS),
            return_exceptions=True)
        if isinstance(video, BaseException):
            raise video
        if isinstance(lines, BaseException):
            raise lines
        return video, lines

    async def _ready_video(self, video_id: str) -> VideoRecord:
        video = await get_video(self.store, video_id)
        if video is None:
            raise VideoNotFound(f"video {video_id} is not registered")
        if video.status != "ready":
            if video.status == "error":
                raise VideoProcessing(f"ingestion of video {video_id} failed ({video.error_code}); "
                                      "submit its subtitles again", retry_after=60)
            raise VideoProcessing(f"video {video_id} is still being processed ({video.step or video.status}, "
                                  f"{video.progress}%)", retry_after=PROCESSING_RETRY_SECONDS)
        return video

    async def _answer(self, video: VideoRecord, lines: EpisodeLines, text: str, bucket: int,
                      timestamp: float) -> tuple[dict[str, Any], bool, bool]:
        """The explanation, whether it is degraded, and whether it holds for every request of
        its cache key.

        Answers are cached per (video, text, 10-second bucket). The viewer has seen the line they
        selected: the bound ends just before the end of that cue (found from the key alone, so
        the answer of a key is one), and never reaches a later line. A text that is no line of
        the bucket (even loosely) is answered at the bucket's start + the grace, but never past
        the request's own timestamp: that answer, and a loose match's, is this request's only."""
        bucket_start = bucket * cache.BUCKET_SECONDS
        cue = await selected_cue(self.store, lines, video_id=video.id, text=text, window_start=bucket_start,
                                 window_end=bucket_start + cache.BUCKET_SECONDS)
        if cue is not None and cue.loose and cue.start > timestamp:
            cue = None  # a line like the selection that the viewer has not reached
        until = cue.until if cue is not None else min(timestamp, bucket_start + self.settings.spoiler_grace_seconds)
        bound = Bound(ordinal=video.ordinal, until=until)
        language = detect_language(text)
        reading = self.settings.gemini_enabled
        context = await gather(self.store, self.provider, video, bound, text, language, cue, lines=lines,
                               reading=reading)
        resolutions = resolve(context)
        focus = focus_entities(context, resolutions)
        plan = Plan(resolutions=resolutions, entities=focus, moments=pick_moments(context, focus),
                    relations={e.id: context.relations.get(e.id, []) for e in focus})
        facts = provider_context(context, plan, video.series_title or "")
        if reading:
            facts.packet = reading_packet(context, plan.resolutions)
        draft, degraded = await self._draft(facts)
        if reading and not degraded and draft.resolutions:
            plan.resolutions = adopt(context, plan.resolutions, draft.resolutions)
            plan.entities = focus_entities(context, plan.resolutions)
            plan.relations = {e.id: context.relations.get(e.id, []) for e in plan.entities}
        # a loose match holds for this request only (another of its key may be earlier than the cue)
        return explanation_payload(context, plan, draft), degraded, cue is not None and not cue.loose

    async def _draft(self, facts: ExplainContext) -> tuple[ExplanationDraft, bool]:
        if not self.settings.gemini_enabled:
            return compose_explanation(facts), False
        try:
            draft = await self.provider.explain(facts)
        except GeminiError as exc:
            log.warning("gemini explain failed; answering from the graph", extra={"error": exc.message})
            return compose_explanation(facts), True
        if not draft.text.strip():
            return compose_explanation(facts), True
        return draft, False


def _json_bool(value: bool) -> str:
    return "true" if value else "false"


def _check_duration(duration: float | None, timestamp: float) -> None:
    if duration is not None and timestamp > duration:
        raise InvalidRequest(f"timestamp {timestamp} is beyond the end of the video ({duration} s)")


class QuestionLog:
    """Writes Questions after their answers went out, coalescing the ones that arrive while a
    write is under way into one statement. A lost write is logged, never raised."""

    BATCH = 200

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._pending: list[dict[str, Any]] = []
        self._writing = False

    async def record(self, question: Question) -> None:
        self._pending.append({"id": question.id, "videoId": question.video_id, "text": question.text,
                              "at": question.at, "responseMs": question.response_ms, "cached": question.cached,
                              "degraded": question.degraded, "askedAt": question.asked_at})
        if self._writing:
            return  # the write under way takes this one too
        self._writing = True
        try:
            while self._pending:
                batch, self._pending = self._pending[:self.BATCH], self._pending[self.BATCH:]
                try:
                    await repo.record_questions(self._store, batch)
                except ExplainerError:
                    log.warning("could not record %d questions", len(batch), exc_info=True)
        finally:
            self._writing = False


async def feedback(store: GraphStore, *, question_id: str, helpful: bool, comment: str | None) -> dict[str, Any]:
    found = await repo.set_feedback(store, question_id=question_id, helpful=helpful, comment=comment,
                                    feedback_at=datetime.now(UTC).isoformat(timespec="seconds"))
    if not found:
        raise QuestionNotFound(f"no question {question_id}")
    return {"questionId": question_id, "helpful": helpful}
