from __future__ import annotations

from typing import Any

import strawberry

from api.graphql.context import Info
from graph.repositories import explorer


@strawberry.type
class StatusCount:
    status: str
    count: int


@strawberry.type
class DayCount:
    day: str
    count: int


@strawberry.type(description="A selection viewers asked about, with how often.")
class AskedLine:
    video_id: str
    text: str
    count: int
    at: float | None
    segment_id: str | None
    helpful: int | None = strawberry.field(default=None, description="Answers found helpful (with asOf).")
    rated: int | None = strawberry.field(default=None, description="Answers given feedback (with asOf).")

    @strawberry.field(description="Share of the rated answers found helpful.")
    def helpful_share(self) -> float | None:
        return self.helpful / self.rated if self.helpful is not None and self.rated else None


@strawberry.type(description="Questions about one episode and how many answers were found helpful.")
class EpisodeQuestions:
    video_id: str
    ordinal: int
    questions: int
    helpful: int
    not_helpful: int

    @strawberry.field(description="Share of the rated answers found helpful.")
    def helpful_share(self) -> float | None:
        rated = self.helpful + self.not_helpful
        return self.helpful / rated if rated else None


@strawberry.type(description="Figures for dashboards.")
class Stats:
    videos_by_status: list[StatusCount]
    questions: int
    cache_hit_rate: float | None = strawberry.field(description="Share of questions answered from the cache.")
    degraded_answers: int
    average_response_ms: float | None
    questions_per_day: list[DayCount]
    most_asked_lines: list[AskedLine]
    _series_id: strawberry.Private[str | None] = None
    _bound: strawberry.Private[explorer.AsOfBound | None] = None

    @strawberry.field(description="Questions per episode in viewing order (with seriesId; up to asOf when given).")
    async def episodes(self, info: Info) -> list[EpisodeQuestions]:
        if self._series_id is None or self._bound is None:
            return []
        rows = await explorer.questions_per_episode(info.context.state.store, series_id=self._series_id,
                                                    bound=self._bound)
        return [EpisodeQuestions(video_id=r["videoId"], ordinal=int(r["ordinal"] or 0), questions=int(r["questions"]),
                                 helpful=int(r["helpful"] or 0), not_helpful=int(r["notHelpful"] or 0)) for r in rows]

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, series_id: str | None = None,
                  bound: explorer.AsOfBound | None = None) -> Stats:
        return cls(_series_id=series_id, _bound=bound,
            videos_by_status=[StatusCount(**r) for r in data["videosByStatus"]], questions=data["questions"],
            cache_hit_rate=data["cacheHitRate"], degraded_answers=data["degradedAnswers"],
            average_response_ms=data["averageResponseMs"],
            questions_per_day=[DayCount(**r) for r in data["questionsPerDay"]],
            most_asked_lines=[AskedLine(video_id=r["videoId"], text=r["text"] or "", count=int(r["count"]),
                                        at=r.get("at"), segment_id=r.get("segmentId"), helpful=r.get("helpful"),
                                        rated=r.get("rated"))
                              for r in data["mostAskedLines"]])
