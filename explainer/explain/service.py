"""POST /api/explain without HTTP: validate, answer from the cache or from the bounded graph
context, and describe the Question to log."""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import redis.asyncio as aioredis

from explainer.errors import (
    ExplainerError,
    GeminiError,
    InvalidRequest,
    QuestionNotFound,
    VideoNotFound,
    VideoProcessing,
)
from explainer.explain import cache
from explainer.explain.answer import Plan, explanation_payload, focus_entities, pick_moments, provider_context
from explainer.explain.context import Bound, gather, normalise_text
from explainer.explain.resolution import resolve
from explainer.llm.base import ExplainContext, ExplanationDraft, LLMProvider
from explainer.llm.offline.explanation import compose_explanation
from explainer.settings import Settings
from explainer.text import detect_language
from graph.repositories import explain as repo
from graph.repositories.videos import VideoRecord, get_video
from graph.stores import GraphStore

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 500
PROCESSING_RETRY_SECONDS = 10


@dataclass(frozen=True, slots=True)
class Question:
    """One explain call, as it is logged (`record_question`)."""

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
    explanation: dict[str, Any]
    question: Question

    def payload(self) -> dict[str, Any]:
        return {"explanation": self.explanation, "questionId": self.question.id, "cached": self.question.cached,
                "degraded": self.question.degraded, "responseTime": self.question.response_ms}


class Explainer:
    """Answers questions for one app: clients injected, nothing global."""

    def __init__(self, settings: Settings, store: GraphStore, redis: aioredis.Redis, provider: LLMProvider) -> None:
        self.settings = settings
        self.store = store
        self.redis = redis
        self.provider = provider

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
        if hit is not None:
            _check_duration(hit.duration, timestamp)
            data, degraded, cached = hit.data, bool(hit.data.get("degraded")), True
            explanation = data["explanation"]
        else:
            video = await self._ready_video(video_id)
            _check_duration(video.duration, timestamp)
            explanation, degraded = await self._answer(video, text, bucket)
            cached = False
            # a degraded answer is not kept: the next call may reach Gemini again
            if not degraded:
                await cache.store(self.redis, key, cache.CachedAnswer(
                    generation, video.duration, {"explanation": explanation, "degraded": degraded}),
                    self.settings.explain_cache_ttl_seconds)
        question = Question(id=uuid.uuid4().hex, video_id=video_id, text=text, at=timestamp,
                            response_ms=round((time.perf_counter() - started) * 1000), cached=cached,
                            degraded=degraded, asked_at=datetime.now(UTC).isoformat(timespec="milliseconds"))
        return ExplainResult(explanation=explanation, question=question)

    async def record(self, question: Question) -> None:
        await repo.record_question(self.store, question_id=question.id, video_id=question.video_id,
                                   text=question.text, at=question.at, response_ms=question.response_ms,
                                   cached=question.cached, degraded=question.degraded, asked_at=question.asked_at)

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

    async def _answer(self, video: VideoRecord, text: str, bucket: int) -> tuple[dict[str, Any], bool]:
        # Answers are cached per 10-second bucket, so they are computed at the bucket's start:
        # a cached answer never shows a viewer anything past their own position + the grace.
        bound = Bound(ordinal=video.ordinal, until=bucket * cache.BUCKET_SECONDS + self.settings.spoiler_grace_seconds)
        language = detect_language(text)
        context = await gather(self.store, self.provider, video, bound, text, language)
        resolutions = resolve(context)
        focus = focus_entities(context, resolutions)
        relations = await repo.entity_relations(self.store, entity_ids=[e.id for e in focus],
                                                ordinal=bound.ordinal, until=bound.until)
        plan = Plan(resolutions=resolutions, entities=focus, moments=pick_moments(context, focus),
                    relations={r["id"]: [*r["typed"], *({**t, "type": "co_appearance"} for t in r["together"])]
                               for r in relations})
        facts = provider_context(context, plan, video.series_title or "")
        draft, degraded = await self._draft(facts)
        return explanation_payload(context, plan, draft), degraded

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


def _check_duration(duration: float | None, timestamp: float) -> None:
    if duration is not None and timestamp > duration:
        raise InvalidRequest(f"timestamp {timestamp} is beyond the end of the video ({duration} s)")


async def record_quietly(explainer: Explainer, question: Question) -> None:
    """The Question log is written after the answer went out; losing one is logged, not raised."""
    try:
        await explainer.record(question)
    except (TimeoutError, ExplainerError):
        log.warning("could not record the question", extra={"questionId": question.id}, exc_info=True)


async def feedback(store: GraphStore, *, question_id: str, helpful: bool, comment: str | None) -> dict[str, Any]:
    found = await repo.set_feedback(store, question_id=question_id, helpful=helpful, comment=comment,
                                    feedback_at=datetime.now(UTC).isoformat(timespec="seconds"))
    if not found:
        raise QuestionNotFound(f"no question {question_id}")
    return {"questionId": question_id, "helpful": helpful}
