from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import Connection, decode_cursor, page_size
from api.graphql.types.entity import Entity
from api.graphql.types.line import Line
from api.graphql.types.question import Question
from api.graphql.types.reference import Reference
from api.graphql.types.segment import Segment
from api.graphql.types.series import Series
from graph.repositories.segments import END, START, MomentKey, RangeKey
from graph.repositories.stats import PageKey
from graph.repositories.videos import VideoRecord

From = Annotated[float | None, strawberry.argument(name="from", description="Seconds (inclusive).")]
To = Annotated[float | None, strawberry.argument(description="Seconds (exclusive).")]


@strawberry.type
class VideoError:
    code: str | None
    message: str


@strawberry.type(description="What processing this episode cost in LLM calls and tokens.")
class LlmUsage:
    provider: str | None
    calls: int
    input_tokens: int
    output_tokens: int
    estimated_cost_usd: float


@strawberry.type(description="An episode.")
class Video:
    id: strawberry.ID
    series_id: str
    title: str | None
    platform: str | None
    season: int | None
    episode: int | None
    ordinal: int
    duration: float | None
    language: str
    status: str
    progress: int
    step: str | None
    error: VideoError | None
    registered_at: str | None
    processed_at: str | None
    degraded: bool
    llm_usage: LlmUsage

    @classmethod
    def from_record(cls, record: VideoRecord) -> Video:
        llm = record.llm
        return cls(
            id=strawberry.ID(record.id), series_id=record.series_id, title=record.title, platform=record.platform,
            season=record.season, episode=record.episode, ordinal=record.ordinal, duration=record.duration,
            language=record.language, status=record.status, progress=record.progress, step=record.step,
            error=VideoError(code=record.error_code, message=record.error) if record.error else None,
            registered_at=record.registered_at, processed_at=record.processed_at, degraded=record.degraded,
            llm_usage=LlmUsage(provider=llm.get("provider"), calls=int(llm.get("calls") or 0),
                               input_tokens=int(llm.get("inputTokens") or 0),
                               output_tokens=int(llm.get("outputTokens") or 0),
                               estimated_cost_usd=float(llm.get("estimatedCostUsd") or 0.0)))

    def _range(self, lo: float | None, hi: float | None, first: int) -> RangeKey:
        return RangeKey(str(self.id), START if lo is None else lo, END if hi is None else hi, page_size(first))

    @strawberry.field
    async def series(self, info: Info) -> Series | None:
        row = await info.context.loaders.series.load(self.series_id)
        return Series.from_row(row) if row else None

    @strawberry.field(description="Segments overlapping [from, to), in order.")
    async def segments(self, info: Info, from_: From = None, to: To = None, first: int = 100) -> list[Segment]:
        rows = await info.context.loaders.segments.load(self._range(from_, to, first))
        return [Segment.from_row(r) for r in rows]

    @strawberry.field(description="The segment playing at `time` (seconds).")
    async def segment_at(self, info: Info, time: float) -> Segment | None:
        row = await info.context.loaders.segment_at.load(MomentKey(str(self.id), time))
        return Segment.from_row(row) if row else None

    @strawberry.field(description="Subtitle lines starting in [from, to), in order.")
    async def lines(self, info: Info, from_: From = None, to: To = None, first: int = 100) -> list[Line]:
        rows = await info.context.loaders.lines.load(self._range(from_, to, first))
        return [Line.from_row(r) for r in rows]

    @strawberry.field(description="Entities mentioned in this episode, most mentioned first.")
    async def entities(self, info: Info, type: str | None = None, first: int = 20) -> list[Entity]:
        rows = await info.context.loaders.video_entities.load(str(self.id))
        matching = [r for r in rows if type is None or r["type"] == type]
        return [Entity.from_row(r) for r in matching[:page_size(first)]]

    @strawberry.field(description="Resolved references made in [from, to).")
    async def references(self, info: Info, from_: From = None, to: To = None,
                         first: int = 100) -> list[Reference]:
        rows = await info.context.loaders.references.load(self._range(from_, to, first))
        return [Reference.from_row(r) for r in rows]

    @strawberry.field(description="Questions viewers asked about this episode, newest first.")
    async def questions(self, info: Info, first: int = 20, after: str | None = None) -> Connection[Question]:
        offset, size = decode_cursor(after), page_size(first)
        rows, total = await info.context.loaders.questions.load(PageKey(str(self.id), offset, size + 1))

        async def count() -> int:
            return total

        return Connection[Question].build([Question.from_row(r) for r in rows], offset=offset, first=size,
                                          count=count)
