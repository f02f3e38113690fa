"""Mutations: ingestion (`ingest` scope) and curation (`admin` scope)."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.types.entity import Entity
from api.graphql.types.payloads import (
    DeletedCounts,
    DeleteVideoPayload,
    MergeEntitiesPayload,
    MovedCounts,
    ProcessingPayload,
    RegisterVideoInput,
)
from api.graphql.types.video import Video
from explainer.core.errors import NotFound
from explainer.ingest import curation
from explainer.ingest import registration as ingest


async def _processing(info: Info, answer: ingest.Registered | ingest.Submitted) -> ProcessingPayload:
    record = await ingest.require_video(info.context.state.store, answer.video_id)
    status = answer.status if isinstance(answer, ingest.Registered) else "processing"
    return ProcessingPayload(video_id=answer.video_id, status=status, job_id=answer.job_id,
                             video=Video.from_record(record))


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Register an episode (and start processing when subtitleUrl is given). "
                                     "Needs an API key with the ingest scope.")
    async def register_video(self, info: Info, input: RegisterVideoInput) -> ProcessingPayload:
        info.context.require("ingest")
        state = info.context.state
        registration = ingest.make_registration(
            platform=input.platform, video_id=input.video_id, title=input.title, series_title=input.series_title,
            series_id=input.series_id, season=input.season, episode=input.episode, duration=input.duration,
            language=input.language, url=input.url, subtitle_url=input.subtitle_url,
            callback_url=input.callback_url)
        return await _processing(info, await ingest.register(state.settings, state.store, state.jobs,
                                                             registration))

    @strawberry.mutation(description="Process an episode again from the subtitles it was given (ingest scope).")
    async def reprocess_video(self, info: Info, video_id: strawberry.ID) -> ProcessingPayload:
        info.context.require("ingest")
        state = info.context.state
        return await _processing(info, await ingest.reprocess(state.settings, state.store, state.redis,
                                                              state.jobs, str(video_id)))

    @strawberry.mutation(description="Delete an episode with its segments, lines, references and questions; "
                                     "entities no longer mentioned anywhere go too (admin scope).")
    async def delete_video(self, info: Info, video_id: strawberry.ID) -> DeleteVideoPayload:
        info.context.require("admin")
        state = info.context.state
        result = await curation.delete_video(state.settings, state.store, state.redis, state.jobs,
                                             str(video_id))
        return DeleteVideoPayload(video_id=result["videoId"], series_id=result["seriesId"],
                                  deleted=DeletedCounts(**result["deleted"]))

    @strawberry.mutation(description="Fold duplicate entities into one, keeping every mention and relation "
                                     "(admin scope).")
    async def merge_entities(self, info: Info, keep_id: strawberry.ID,
                             duplicate_ids: list[strawberry.ID]) -> MergeEntitiesPayload:
        info.context.require("admin")
        state = info.context.state
        result = await curation.merge_duplicate_entities(state.settings, state.store, str(keep_id),
                                                         [str(d) for d in duplicate_ids])
        row = await info.context.loaders.entity.load(result.keep_id)
        if row is None:
            raise NotFound(f"no entity with id {result.keep_id}")
        moved = {key: result.moved.get(name, 0) for key, name in (
            ("mentions", "mentions"), ("speakers", "speakers"), ("references", "references"),
            ("relations_out", "relationsOut"), ("relations_in", "relationsIn"), ("descriptions", "descriptions"),
            ("sources", "sources"))}
        return MergeEntitiesPayload(entity=Entity.from_row(row), merged_ids=result.merged_ids,
                                    moved=MovedCounts(**moved))
