"""The ingestion pipeline: one job per video, stages in order, each idempotent.

| step      | progress | what                                                        |
|-----------|----------|-------------------------------------------------------------|
| subtitles | 10       | fetch/parse cues                                            |
| segment   | 15       | windows of SEGMENT_SECONDS, lines linked to them            |
| analyse   | 20→60    | provider analysis, ANALYSIS_BATCH_SIZE segments per call    |
| enrich    | 60       | wiki knowledge (when enabled)                               |
| graph     | 80       | entities, mentions, relations, references, speakers         |
| embed     | 90       | segment embeddings, one embedding space per series          |
| algorithms| 95       | importance and communities                                  |
| done      | 100      | status=ready, processedAt, callback                         |

Every id is derived from the video and the cue/segment index, every write is a MERGE, and what
analysis derived from the episode is cleared before it is written again: a re-run (a retry, a
crashed worker's job picked up again, a re-ingestion) produces exactly the same graph. Analysis
results are cached in Redis per batch, so a retried job does not pay for LLM calls twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

import redis.asyncio as aioredis

from explainer.core.errors import (
    EmbeddingUnavailable,
    ExplainerError,
    ExternalServiceError,
    FetchRefused,
    UnsupportedSubtitleFormat,
    VideoNotFound,
)
from explainer.core.fetch import SafeFetcher
from explainer.core.keys import SUBTITLE_TTL, subtitle_key, subtitle_version_key
from explainer.core.keys import generation_key as explain_generation_key
from explainer.core.settings import Settings
from explainer.ingest.enrich import enrich_series, link_wiki_characters
from explainer.ingest.progress import ProgressReporter
from explainer.ingest.resolution import EntityResolver, PersonNames, SeriesEntity
from explainer.ingest.scores import update_entity_scores
from explainer.llm import build_provider
from explainer.llm.base import (
    AnalysisContext,
    BatchAnalysis,
    EntityType,
    KnownEntity,
    LineInput,
    LLMProvider,
    SegmentInput,
    previous_lines_of,
)
from explainer.subtitles import Cue, ParseResult, parse_subtitles
from explainer.text.names import is_person_label, name_key
from graph.repositories import embeddings
from graph.repositories.analysis import EpisodeAnalysis, entities_before, rewrite_episode_analysis
from graph.repositories.embeddings import SegmentText
from graph.repositories.entities import fold_stored_duplicates, series_entities
from graph.repositories.segments import write_episode_segments
from graph.repositories.videos import (
    CallbackDelivery,
    ReadyFacts,
    VideoRecord,
    get_video,
    mark_ready,
    record_callback,
    set_subtitle_hash,
)
from graph.stores import GraphStore, open_store

log = logging.getLogger(__name__)

ANALYSIS_CACHE_TTL = 24 * 3600
EMBED_BATCH = 100
# errors a retry cannot fix: recorded on the Video, the job ends without retrying
FINAL_CODES = {"UNSUPPORTED_SUBTITLE_FORMAT", "PAYLOAD_TOO_LARGE", "VIDEO_NOT_FOUND", "INVALID_REQUEST",
               "INVALID_VIDEO_ID"}


@dataclass
class Segment:
    index: int
    start: float
    end: float
    cues: list[Cue] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cues)


@dataclass
class EmbedOutcome:
    segments: int
    missing: int = 0  # segments the embedder could not embed (no vector: never one of another space)
    error: str | None = None

    @property
    def problem(self) -> str | None:
        if not self.missing:
            return None
        return f"EMBEDDING_UNAVAILABLE: {self.missing} of {self.segments} segments have no embedding ({self.error})"


@dataclass
class IngestResult:
    video_id: str
    cues: int
    segments: int
    dropped: dict[str, int]
    repaired: dict[str, int]
    entities: int
    references: int
    provider: str
    degraded: bool
    seconds: float
    stages: dict[str, float]

    def as_dict(self) -> dict[str, Any]:
        return {"videoId": self.video_id, "status": "ready", "cues": self.cues, "segments": self.segments,
                "droppedCues": self.dropped, "repairedCues": self.repaired, "entities": self.entities,
                "references": self.references, "provider": self.provider, "degraded": self.degraded,
                "seconds": round(self.seconds, 3), "stages": {k: round(v, 3) for k, v in self.stages.items()}}


def make_segments(cues: list[Cue], seconds: float) -> list[Segment]:
    """Fixed windows of `seconds`; a cue belongs to the window holding its start. Empty windows
    are skipped (the NEXT chain links the windows that exist)."""
    windows: dict[int, Segment] = {}
    for cue in cues:
        slot = int(cue.start // seconds)
        segment = windows.setdefault(slot, Segment(index=slot, start=slot * seconds, end=(slot + 1) * seconds))
        segment.cues.append(cue)
    return [windows[k] for k in sorted(windows)]


def _batch_key(video_id: str, provider: str, batch: list[SegmentInput], context: AnalysisContext) -> str:
    digest = hashlib.sha1()
    digest.update(json.dumps([s.model_dump() for s in batch], ensure_ascii=False, sort_keys=True).encode())
    digest.update(json.dumps(sorted(k.name for k in context.known_entities), ensure_ascii=False).encode())
    if context.candidates:
        digest.update(json.dumps([c.model_dump() for c in context.candidates], ensure_ascii=False,
                                 sort_keys=True).encode())
    return f"analysis:{video_id}:{provider}:{digest.hexdigest()}"


class StageClock:
    """Times the pipeline's stages and reports their progress."""

    def __init__(self, progress: ProgressReporter) -> None:
        self.progress = progress
        self.seconds: dict[str, float] = {}

    @asynccontextmanager
    async def stage(self, name: str, percent: int | None = None, *,
                    announce: bool = False) -> AsyncIterator[dict[str, Any]]:
        """Times the block as stage `name`. With `percent`, reports it when the block ends, with
        the details the block put in the yielded dict, or, when `announce`, as the block starts."""
        details: dict[str, Any] = {}
        mark = time.perf_counter()
        if percent is not None and announce:
            await self.progress.report(name, percent)
        yield details
        if percent is not None and not announce:
            await self.progress.report(name, percent, **details)
        self.seconds[name] = time.perf_counter() - mark


class EpisodeGraph:
    """The series entities an episode's analysis touches, found again by any surface form, and
    what links them to the episode (mentions, spoken lines, references, relations)."""

    def __init__(self, video: VideoRecord, segments: list[Segment], resolver: EntityResolver) -> None:
        self.video = video
        self.segments = segments
        self.by_index = {s.index: s for s in segments}
        self.resolver = resolver
        self.touched: dict[str, SeriesEntity] = {}
        self.mentions: dict[tuple[str, int], dict[str, Any]] = {}
        self.descriptions: dict[str, str] = {}
        self._by_name: dict[str, SeriesEntity] = {}

    def remember(self, entity: SeriesEntity, *surfaces: str) -> None:
        self.touched[entity.id] = entity
        for surface in (entity.name, *entity.aliases, *surfaces):
            if surface:
                self._by_name[name_key(surface)] = entity

    def lookup(self, name: str) -> SeriesEntity | None:
        entity = self._by_name.get(name_key(name)) or self.resolver.find(name)
        return self._current(entity) if entity is not None else None

    def _current(self, entity: SeriesEntity) -> SeriesEntity:
        return self.resolver.entities[self.resolver.canonical_id(entity.id)]

    def _mention(self, entity_id: str, index: int, count: int, first_at: float,
                 surfaces: Iterable[str] = ()) -> None:
        """`surfaces`: the names of the entity said in the segment (or its speaker label), so explain
        shows a viewer only the names they have heard by then (a name revealed later is a spoiler)."""
        slot = self.mentions.setdefault((entity_id, index), {
            "entityId": entity_id, "segmentId": segment_id(self.video.id, index), "count": 0, "firstAt": first_at,
            "surfaces": []})
        slot["count"] = max(slot["count"], count)
        slot["firstAt"] = min(slot["firstAt"], first_at)
        slot["surfaces"] = sorted({*slot["surfaces"], *(s for s in surfaces if s)})

    def add_found_entities(self, analyses: list[BatchAnalysis]) -> None:
        for analysis in analyses:
            for found in analysis.entities:
                entity = self.resolver.resolve(found.name, found.type, found.aliases, found.nicknames)
                # a name analysis joined to this one (신선임 → 신하리) that an earlier batch or
                # episode made its own entity is folded into it
                for duplicate in self.resolver.duplicates_of(entity, [found.name, *found.aliases], found.nicknames):
                    self.resolver.fold(duplicate, entity)
                self.remember(entity, found.name, *found.aliases)
                if found.description:
                    self.descriptions[entity.id] = found.description
                surfaces = [found.name, *found.aliases, entity.name, *entity.aliases]
                for index in found.segments:
                    segment = self.by_index.get(index)
                    if segment is not None:
                        count, first, said = _occurrences(segment, surfaces)
                        self._mention(entity.id, index, count, first, said)

    def add_speakers(self) -> list[dict[str, str]]:
        """Named speakers are characters mentioned where they speak; returns the SPOKE links."""
        speakers: list[dict[str, str]] = []
        for segment in self.segments:
            for cue in segment.cues:
                if not cue.speaker or not is_person_label(cue.speaker):
                    continue  # a role (남학생, MAN) or a language/place label ([한국어]) is no one
                entity = self.lookup(cue.speaker) or self.resolver.resolve(cue.speaker, "character")
                self.remember(entity, cue.speaker)
                speakers.append({"lineId": line_id(self.video.id, cue.index), "entityId": entity.id})
                self._mention(entity.id, segment.index, 1, cue.start, [cue.speaker])
        return speakers

    def add_name_mentions(self, earlier: list[str], analyses: list[BatchAnalysis]) -> None:
        """Every known person of the series (this episode's, and those of the `earlier` episodes'
        entity ids) is mentioned in each segment whose lines name them unambiguously, also where
        analysis did not yet know the name was a person's (a name said before the batch that
        showed it is one). Where analysis read a name in a segment as someone else (Pete is Peter
        Becker, Joe Stalin is Joey's stage name), that reading stands."""
        read_as: dict[tuple[int, str], set[str]] = {}
        for analysis in analyses:
            for ref in analysis.references:
                target = self.lookup(ref.referent)
                if target is not None:
                    read_as.setdefault((ref.segment, name_key(ref.expression)), set()).add(target.id)
        people: dict[str, SeriesEntity] = {}
        for ident in (*earlier, *self.touched):
            entity = self.resolver.entities.get(self.resolver.canonical_id(ident))
            if entity is not None and entity.type == "character":
                people[entity.id] = entity
        if not people:
            return
        names = PersonNames(list(people.values()))
        for segment in self.segments:
            found: dict[str, tuple[int, float, set[str]]] = {}
            for cue in segment.cues:
                for ident, key in _named_people(cue.text, names):
                    if read_as.get((segment.index, key), {ident}) != {ident}:
                        continue
                    count, first, keys = found.get(ident, (0, cue.start, set()))
                    found[ident] = (count + 1, first, keys | {key})
            for ident, (count, first, keys) in sorted(found.items()):
                person = people[ident]
                self.remember(person)
                said = [n for n in (person.name, *person.aliases) if name_key(n) in keys]
                self._mention(ident, segment.index, count, first, said)

    def links(self, analyses: list[BatchAnalysis]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """References to known entities and typed relations between them."""
        video = self.video
        references: dict[str, dict[str, Any]] = {}
        relations: list[dict[str, Any]] = []
        for analysis in analyses:
            for ref in analysis.references:
                target = self.lookup(ref.referent)
                if target is None or ref.segment not in self.by_index:
                    continue
                self.remember(target)
                digest = hashlib.sha1(f"{ref.segment}|{ref.expression}|{ref.at:.3f}".encode()).hexdigest()[:16]
                ref_id = f"{video.id}:ref:{digest}"
                references[ref_id] = {"id": ref_id, "videoId": video.id, "seriesId": video.series_id,
                                      "ordinal": video.ordinal, "segmentId": segment_id(video.id, ref.segment),
                                      "entityId": target.id, "expression": ref.expression, "at": ref.at,
                                      "confidence": round(ref.confidence, 4), "reason": ref.reason or None}
            for rel in analysis.relations:
                if rel.type == "co_appearance":
                    continue  # recomputed series-wide from mentions (refresh_co_appearance)
                source, target = self.lookup(rel.source), self.lookup(rel.target)
                if source is None or target is None or source.id == target.id:
                    continue
                relations.append({"sourceId": source.id, "targetId": target.id, "type": rel.type,
                                  "strength": rel.strength, "ordinal": video.ordinal, "videoId": video.id})
        return list(references.values()), relations

    def settle(self, speakers: list[dict[str, Any]], references: list[dict[str, Any]],
               relations: list[dict[str, Any]]) -> dict[str, list[str]]:
        """Points everything at the entities folded ones stand for; returns, per kept entity,
        the folded entities that exist in the store from earlier episodes (to merge there)."""
        folded = self.resolver.folded
        if not folded:
            return {}

        def current(entity_id: str) -> str:
            return folded.get(entity_id, entity_id)

        for entity_id in list(self.touched):
            if entity_id in folded:
                keep = self.resolver.entities[folded[entity_id]]
                del self.touched[entity_id]
                self.touched[keep.id] = keep
        mentions = self.mentions
        self.mentions = {}
        for (entity_id, index), slot in sorted(mentions.items()):
            self._mention(current(entity_id), index, slot["count"], slot["firstAt"], slot["surfaces"])
        self.descriptions = {current(k): v for k, v in self.descriptions.items()}
        for row in (*speakers, *references):
            row["entityId"] = current(row["entityId"])
        for row in relations:
            row["sourceId"], row["targetId"] = current(row["sourceId"]), current(row["targetId"])
        relations[:] = [r for r in relations if r["sourceId"] != r["targetId"]]
        stored: dict[str, list[str]] = {}
        for duplicate, kept in sorted(folded.items()):
            if not self.resolver.entities[duplicate].is_new:
                stored.setdefault(kept, []).append(duplicate)
        return stored

    def segment_facts(self, analyses: list[BatchAnalysis]) -> list[dict[str, Any]]:
        return [{"id": segment_id(self.video.id, f.index), "topics": f.topics, "complexity": f.complexity,
                 "importance": f.importance}
                for analysis in analyses for f in analysis.segments if f.index in self.by_index]


class Pipeline:
    """Runs the stages for one video with injected clients."""

    def __init__(self, settings: Settings, store: GraphStore, redis: aioredis.Redis, provider: LLMProvider) -> None:
        self.settings = settings
        self.store = store
        self.redis = redis
        self.provider = provider

    async def run(self, video_id: str, source: dict[str, Any]) -> IngestResult:
        started = time.perf_counter()
        video = await get_video(self.store, video_id)
        if video is None:
            raise VideoNotFound(f"video {video_id} is not registered")
        progress = ProgressReporter(self.store, self.redis, video_id)
        stages = StageClock(progress)

        async with stages.stage("subtitles", 10, announce=True):
            parsed = await self._subtitles(video, source)
        async with stages.stage("segment", 15) as details:
            segments = make_segments(parsed.cues, self.settings.segment_seconds)
            await self._write_segments(video, segments)
            details.update(cues=len(parsed.cues), segments=len(segments))
        async with stages.stage("analyse"):
            resolver = EntityResolver(video.series_id, await series_entities(self.store, video.series_id))
            analyses = await self._analyse(video, segments, progress)
        async with stages.stage("enrich", 60, announce=True):
            await self._enrich(video)
        async with stages.stage("graph", 80) as details:
            entity_count, reference_count = await self._write_analysis(video, segments, analyses, resolver)
            details.update(entities=entity_count, references=reference_count)
        async with stages.stage("embed", 90):
            embedded = await self._embed(video, segments)
        async with stages.stage("algorithms", 95):
            await self._algorithms(video)

        usage = self.provider.usage()
        degraded = usage.degraded or embedded.missing > 0
        problems = [p for p in (_provider_error(self.provider), embedded.problem) if p]
        processed_at = await mark_ready(
            self.store, video_id, processed_at=datetime.now(UTC).isoformat(timespec="seconds"),
            facts=ReadyFacts(degraded=degraded, llm_provider=self.provider.name, llm_calls=usage.calls,
                             llm_input_tokens=usage.input_tokens, llm_output_tokens=usage.output_tokens,
                             llm_cost_usd=usage.estimated_cost_usd, cue_count=len(parsed.cues),
                             segment_count=len(segments), dropped_cues=sum(parsed.dropped.values()),
                             llm_error="; ".join(problems) or None))
        await self.redis.incr(explain_generation_key(video_id))
        await progress.report("done", 100, status="ready", processedAt=processed_at)
        return IngestResult(video_id=video_id, cues=len(parsed.cues), segments=len(segments),
                            dropped=dict(parsed.dropped), repaired=dict(parsed.repaired), entities=entity_count,
                            references=reference_count, provider=self.provider.name, degraded=degraded,
                            seconds=time.perf_counter() - started, stages=stages.seconds)

    # --- stages ------------------------------------------------------------------------------

    async def _subtitles(self, video: VideoRecord, source: dict[str, Any]) -> ParseResult:
        if source.get("kind") == "url":
            fetcher = SafeFetcher(self.settings, allow_hosts=self.settings.fetch_allow_host_list,
                                  min_interval_seconds=self.settings.fetch_min_interval_seconds, redis=self.redis)
            try:
                fetched = await fetcher.fetch(source["url"], max_bytes=self.settings.subtitle_max_bytes)
            finally:
                await fetcher.aclose()
            data, filename = fetched.content, source["url"].rsplit("/", 1)[-1].split("?", 1)[0]
            content_type = fetched.headers.get("content-type")
            # keep the file: a retry or a re-run parses the same bytes without fetching again
            await self.redis.set(subtitle_key(video.id), data, ex=SUBTITLE_TTL)
        else:
            sha = source.get("sha256")
            raw = await self.redis.get(subtitle_version_key(video.id, sha) if sha else subtitle_key(video.id))
            if raw is None and sha:  # kept only as the video's file (a reprocess)
                raw = await self.redis.get(subtitle_key(video.id))
            if raw is None:
                raise UnsupportedSubtitleFormat("the uploaded subtitle file is no longer available; upload it again")
            data = raw if isinstance(raw, bytes) else raw.encode()
            filename, content_type = source.get("filename"), source.get("contentType")
            if sha:
                # the file the graph is built from is this upload's, whichever upload came last
                await set_subtitle_hash(self.store, video.id, sha)
                await self.redis.set(subtitle_key(video.id), data, ex=SUBTITLE_TTL)
        caps = self.settings
        return parse_subtitles(data, filename=filename, content_type=content_type,
                               max_cues=caps.subtitle_max_cues, max_cue_chars=caps.subtitle_max_cue_chars)

    async def _write_segments(self, video: VideoRecord, segments: list[Segment]) -> None:
        seg_rows, line_rows = [], []
        for segment in segments:
            seg_rows.append({"id": segment_id(video.id, segment.index), "videoId": video.id,
                             "seriesId": video.series_id, "ordinal": video.ordinal, "index": segment.index,
                             "start": segment.start, "end": segment.end, "text": segment.text})
            for cue in segment.cues:
                line_rows.append({"id": line_id(video.id, cue.index), "videoId": video.id,
                                  "seriesId": video.series_id, "ordinal": video.ordinal, "index": cue.index,
                                  "segmentId": segment_id(video.id, segment.index), "start": cue.start,
                                  "end": cue.end, "text": cue.text, "speaker": cue.speaker,
                                  "lyric": cue.lyric})
        await write_episode_segments(self.store, video_id=video.id, series_id=video.series_id,
                                     segments=seg_rows, lines=line_rows)

    async def _analyse(self, video: VideoRecord, segments: list[Segment],
                       progress: ProgressReporter) -> list[BatchAnalysis]:
        # the stored type is one that analysis wrote (pydantic checks it again here)
        known = [KnownEntity(name=e.name, type=cast(EntityType, e.type), aliases=e.aliases, mentions=e.mentions,
                             importance=e.importance, last_seen=e.last_seen)
                 for e in await entities_before(self.store, series_id=video.series_id, ordinal=video.ordinal)]
        context = AnalysisContext(series_title=video.series_title or "", language=video.language,
                                  known_entities=known, clock_offset=float(video.ordinal) * 100000)
        inputs = [SegmentInput(index=s.index, start=s.start, end=s.end,
                               lines=[LineInput(start=c.start, end=c.end, text=c.text, speaker=c.speaker, lyric=c.lyric)
                                      for c in s.cues]) for s in segments]
        size = self.settings.analysis_batch_size
        batches = [inputs[i:i + size] for i in range(0, len(inputs), size)]
        results: list[BatchAnalysis] = []
        for number, batch in enumerate(batches, start=1):
            key = _batch_key(video.id, self.provider.name, batch, context)
            cached = await self.redis.get(key)
            if cached is not None:
                analysis = BatchAnalysis.model_validate_json(cached)
            else:
                analysis = await self.provider.analyse(batch, context)
                await self.redis.set(key, analysis.model_dump_json(), ex=ANALYSIS_CACHE_TTL)
            results.append(analysis)
            context = _advance_context(context, analysis, batch)
            await progress.report("analyse", 20 + int(40 * number / max(len(batches), 1)),
                                  batch=number, batches=len(batches))
        return results

    async def _enrich(self, video: VideoRecord) -> None:
        """Wiki knowledge for the series and its entities; a failure never fails ingestion."""
        if not self.settings.enrich_enabled:
            return
        try:
            await enrich_series(self.settings, self.store, series_id=video.series_id,
                                title=video.series_title or video.title or video.series_id,
                                language=video.language, redis=self.redis)
        except Exception:  # enrichment is best effort: record and go on
            log.warning("enrichment failed", extra={"videoId": video.id}, exc_info=True)

    async def _write_analysis(self, video: VideoRecord, segments: list[Segment], analyses: list[BatchAnalysis],
                              resolver: EntityResolver) -> tuple[int, int]:
        """The episode's analysis replaces the previous one in one unit of work; returns how many
        entities and references it holds."""
        graph = EpisodeGraph(video, segments, resolver)
        graph.add_found_entities(analyses)
        speakers = graph.add_speakers()
        earlier = await entities_before(self.store, series_id=video.series_id, ordinal=video.ordinal)
        graph.add_name_mentions([e.id for e in earlier], analyses)
        references, relations = graph.links(analyses)
        stored_duplicates = graph.settle(speakers, references, relations)
        analysis = EpisodeAnalysis(
            entities=[e.row(video.series_id) for e in graph.touched.values()],
            mentions=list(graph.mentions.values()), speakers=speakers, references=references, relations=relations,
            descriptions=[{"entityId": k, "videoId": video.id, "text": v} for k, v in graph.descriptions.items()],
            segment_facts=graph.segment_facts(analyses))
        await rewrite_episode_analysis(self.store, video_id=video.id, series_id=video.series_id, analysis=analysis)
        await fold_stored_duplicates(self.store, stored_duplicates)
        await link_wiki_characters(self.store, video.series_id)
        return len(graph.touched), len(references)

    async def _embed(self, video: VideoRecord, segments: list[Segment]) -> EmbedOutcome:
        """Segment vectors, all of one embedding space per series. A new embedder (another
        provider, model or dimension) clears the series' vectors and embeds all its segments again.
        A batch the embedder cannot embed is left without vectors (never filled from another
        space) and the video is marked degraded."""
        embedder = self.provider.embedder.key
        if await embeddings.segment_embedder(self.store, video.series_id) == embedder:
            todo = [SegmentText(id=segment_id(video.id, s.index), text=s.text) for s in segments]
        else:
            await embeddings.start_embedding_space(self.store, video.series_id, embedder)
            todo = await embeddings.series_segment_texts(self.store, video.series_id)
        outcome = EmbedOutcome(segments=len(todo))
        for start in range(0, len(todo), EMBED_BATCH):
            chunk = todo[start:start + EMBED_BATCH]
            try:
                vectors = await self.provider.embed([s.text for s in chunk])
            except EmbeddingUnavailable as exc:
                log.warning("segments left without embeddings", extra={"videoId": video.id, "segments": len(chunk),
                                                                        "error": exc.message})
                outcome.missing += len(chunk)
                outcome.error = exc.message
                continue
            await embeddings.set_segment_embeddings(self.store, [s.id for s in chunk], vectors)
        return outcome

    async def _algorithms(self, video: VideoRecord) -> None:
        await update_entity_scores(self.settings, self.store, video.series_id)


def not_retryable(exc: ExplainerError) -> bool:
    """A refused URL, a 404 or a bad file stays that way: retrying only delays the answer."""
    if exc.code in FINAL_CODES or isinstance(exc, FetchRefused) and exc.context.get("reason") != "timeout":
        return True
    status = exc.context.get("status")
    return isinstance(exc, ExternalServiceError) and isinstance(status, int) and 400 <= status < 500 \
        and status not in (408, 429)


def _provider_error(provider: LLMProvider) -> str | None:
    """A credential problem (e.g. an invalid Gemini key) is reported once, on the Video."""
    reason = getattr(provider, "disabled_reason", None)
    return f"{reason.code}: {reason.message}" if isinstance(reason, ExplainerError) else None


def segment_id(video_id: str, index: int) -> str:
    return f"{video_id}:seg:{index:05d}"


def line_id(video_id: str, index: int) -> str:
    return f"{video_id}:line:{index:05d}"


def _occurrences(segment: Segment, surfaces: list[str]) -> tuple[int, float, list[str]]:
    """How often any surface form occurs in the segment, the start of the first line with one,
    and the forms that occur."""
    forms = sorted({s for s in surfaces if s and len(s) >= 1}, key=len, reverse=True)
    if not forms:
        return 1, segment.start, []
    # whole words: "Ross" is not in "across"; a Korean name may carry a particle (민우가), never a
    # syllable before it (김민우 is not 민우)
    pattern = re.compile("|".join(rf"(?<![A-Za-z0-9]){re.escape(f)}(?![A-Za-z0-9])" if f.isascii()
                                  else rf"(?<![가-힣]){re.escape(f)}" for f in forms), re.IGNORECASE)
    by_lower = {f.lower(): f for f in forms}
    count, first, said = 0, math.inf, set[str]()
    for cue in segment.cues:
        hits = pattern.findall(cue.text) + ([cue.speaker] if cue.speaker and pattern.fullmatch(cue.speaker) else [])
        if hits:
            count += len(hits)
            first = min(first, cue.start)
            said.update(by_lower.get(hit.lower(), hit) for hit in hits)
    return max(count, 1), (segment.start if first == math.inf else first), sorted(said)


_WORD = re.compile(r"[^\s/]+")


def _named_people(text: str, names: PersonNames) -> list[tuple[str, str]]:
    """The people a line names and the key of the name, one entry per occurrence: whole words
    (a two-word name such as Monica Geller or 김 비서님 counts once), Latin names only when
    capitalised."""
    words = _WORD.findall(text)
    found: list[tuple[str, str]] = []
    position = 0
    while position < len(words):
        word = words[position]
        if position + 1 < len(words) and _may_be_name(word) and _may_be_name(words[position + 1]):
            pair = f"{word} {words[position + 1]}"
            person = names.who(pair, exact_only=True)
            if person is not None:
                found.append((person, name_key(pair)))
                position += 2
                continue
        single = names.who(word) if _may_be_name(word) else None
        if single is not None:
            found.append((single, name_key(word)))
        position += 1
    return found


def _may_be_name(word: str) -> bool:
    letter = next((c for c in word if c.isalpha()), "")
    return bool(letter) and (not letter.isascii() or letter.isupper())


def _advance_context(context: AnalysisContext, analysis: BatchAnalysis, batch: list[SegmentInput]) -> AnalysisContext:
    """The next batch sees this batch's entities, so names stay consistent across batches."""
    known = {k.name: k for k in context.known_entities}
    ends = {s.index: s.end for s in batch}
    for found in analysis.entities:
        last = max((ends.get(i, 0.0) for i in found.segments), default=0.0) + context.clock_offset
        current = known.get(found.name)
        if current is None:
            known[found.name] = KnownEntity(name=found.name, type=found.type, aliases=found.aliases,
                                            mentions=len(found.segments), last_seen=last)
        else:
            known[found.name] = current.model_copy(update={
                "aliases": sorted(set(current.aliases) | set(found.aliases)),
                "mentions": current.mentions + len(found.segments), "last_seen": max(current.last_seen, last)})
    # names not yet shown to be people keep the evidence they have for the next batch
    named = {name_key(n) for e in analysis.entities for n in (e.name, *e.aliases)}
    candidates = {name_key(c.name): c for c in (*context.candidates, *analysis.candidates)}
    return context.model_copy(update={"known_entities": list(known.values()),
                                      "candidates": [c for k, c in sorted(candidates.items()) if k not in named],
                                      "previous_lines": previous_lines_of(batch)})


# --- running it ------------------------------------------------------------------------------

async def run_in_process(settings: Settings, video_id: str, source: dict[str, Any]) -> IngestResult:
    """The pipeline without a worker (CLI `ingest`/`demo`, benchmarks)."""
    store = open_store(settings)
    redis = aioredis.Redis.from_url(settings.effective_redis_url)
    provider = build_provider(settings)
    try:
        return await Pipeline(settings, store, redis, provider).run(video_id, source)
    finally:
        await provider.aclose()
        await store.close()
        await redis.aclose()


async def record_failure(store: GraphStore, redis: aioredis.Redis, video_id: str, code: str, message: str, *,
                          final: bool) -> None:
    log.warning("ingestion failed", extra={"videoId": video_id, "code": code, "final": final, "error": message})
    try:
        video = await get_video(store, video_id)
        progress = ProgressReporter(store, redis, video_id)
        if final:
            await progress.report(video.step if video and video.step else "subtitles",
                                  video.progress if video else 0, status="error", error=message, error_code=code)
        else:
            await progress.report(video.step if video and video.step else "subtitles",
                                  video.progress if video else 0, status="processing",
                                  error=f"retrying after: {message}", error_code=code)
    except ExplainerError:
        log.error("could not record the failure on the video", extra={"videoId": video_id}, exc_info=True)


async def deliver_callback(settings: Settings, store: GraphStore, video_id: str, payload: dict[str, Any]) -> None:
    video = await get_video(store, video_id)
    if video is None or not video.callback_url:
        return
    fetcher = SafeFetcher(settings, allow_hosts=settings.fetch_allow_host_list)
    at = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        answer = await fetcher.post_json(video.callback_url, payload)
    except ExplainerError as exc:  # refused address (a new DNS answer), network error, HTTP >= 300
        log.warning("callback failed", extra={"videoId": video_id, "url": video.callback_url}, exc_info=True)
        delivery = CallbackDelivery("failed", at, error=exc.message, http_status=exc.context.get("status"))
    else:
        ok = 200 <= answer.status < 300
        delivery = CallbackDelivery("delivered" if ok else "failed", at, http_status=answer.status,
                                    error=None if ok else f"the callback answered HTTP {answer.status}")
    finally:
        await fetcher.aclose()
    # recorded on the Video so the caller sees it in its status, not only in a worker log
    await record_callback(store, video_id, delivery)


__all__ = ["IngestResult", "Pipeline", "deliver_callback", "line_id", "make_segments", "not_retryable",
           "record_failure", "segment_id"]
