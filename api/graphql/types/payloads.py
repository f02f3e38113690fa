"""Inputs and results of the mutations."""

from __future__ import annotations

import strawberry

from api.graphql.types.entity import Entity
from api.graphql.types.video import Video


@strawberry.input
class RegisterVideoInput:
    platform: str
    video_id: str
    title: str
    series_title: str | None = None
    series_id: str | None = None
    season: int | None = None
    episode: int | None = None
    duration: float | None = None
    language: str | None = None
    url: str | None = None
    subtitle_url: str | None = None
    callback_url: str | None = None


@strawberry.type
class ProcessingPayload:
    video_id: str
    status: str
    job_id: str | None
    video: Video | None


@strawberry.type(description="How many nodes of each kind the deletion removed.")
class DeletedCounts:
    videos: int
    segments: int
    lines: int
    references: int
    questions: int
    entities: int
    series: int


@strawberry.type
class DeleteVideoPayload:
    video_id: str
    series_id: str
    deleted: DeletedCounts


@strawberry.type(description="How many relationships moved from the duplicates to the kept entity.")
class MovedCounts:
    mentions: int
    speakers: int
    references: int
    relations_out: int
    relations_in: int
    descriptions: int
    sources: int


@strawberry.type
class MergeEntitiesPayload:
    entity: Entity
    merged_ids: list[str]
    moved: MovedCounts
