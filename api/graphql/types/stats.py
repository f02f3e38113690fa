from __future__ import annotations

from typing import Any

import strawberry


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


@strawberry.type(description="Figures for dashboards.")
class Stats:
    videos_by_status: list[StatusCount]
    questions: int
    cache_hit_rate: float | None = strawberry.field(description="Share of questions answered from the cache.")
    degraded_answers: int
    average_response_ms: float | None
    questions_per_day: list[DayCount]
    most_asked_lines: list[AskedLine]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stats:
        return cls(
            videos_by_status=[StatusCount(**r) for r in data["videosByStatus"]], questions=data["questions"],
            cache_hit_rate=data["cacheHitRate"], degraded_answers=data["degradedAnswers"],
            average_response_ms=data["averageResponseMs"],
            questions_per_day=[DayCount(**r) for r in data["questionsPerDay"]],
            most_asked_lines=[AskedLine(video_id=r["videoId"], text=r["text"] or "", count=int(r["count"]),
                                        at=r.get("at"), segment_id=r.get("segmentId"))
                              for r in data["mostAskedLines"]])
