"""Series and Video nodes: registration, status, progress."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.stores import GraphStore


@dataclass(frozen=True, slots=True)
class CallbackDelivery:
    """The last delivery of a video's callback (its `callbackUrl`)."""

    status: str  # delivered | failed
    at: str
    error: str | None = None
    http_status: int | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CallbackDelivery | None:
        if not row.get("callbackStatus"):
            return None
        status = row.get("callbackHttpStatus")
        return cls(status=row["callbackStatus"], at=row["callbackAt"], error=row.get("callbackError"),
                   http_status=int(status) if status is not None else None)


@dataclass(frozen=True, slots=True)
class VideoRecord:
    id: str
    status: str
    progress: int
    step: str | None
    error: str | None
    error_code: str | None
    title: str | None
    platform: str | None
    season: int | None
    episode: int | None
    ordinal: int
    duration: float | None
    language: str
    series_id: str
    series_title: str | None
    registered_at: str | None
    processed_at: str | None
    subtitle_url: str | None
    callback_url: str | None
    degraded: bool
    llm: dict[str, Any]
    callback: CallbackDelivery | None = None  # read by `get_video` only
    subtitle_sha256: str | None = None  # the file the graph is built from; read by `get_video` only
    # the embedder of the series' segment vectors (`embeddings.segment_embedder`): explain embeds its
    # query only with it, and reads it with the video rather than in a round trip of its own
    segment_embedder: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> VideoRecord:
        return cls(
            id=row["id"], status=row["status"] or "registered", progress=int(row["progress"] or 0),
            step=row["step"], error=row["error"], error_code=row["errorCode"], title=row["title"],
            platform=row["platform"], season=row["season"], episode=row["episode"],
            ordinal=int(row["ordinal"] or 0), duration=row["duration"], language=row["language"] or "ko",
            series_id=row["seriesId"], series_title=row["seriesTitle"], registered_at=row["registeredAt"],
            processed_at=row["processedAt"], subtitle_url=row["subtitleUrl"], callback_url=row["callbackUrl"],
            degraded=bool(row["degraded"]),
            llm={"provider": row["llmProvider"], "calls": row["llmCalls"] or 0,
                 "inputTokens": row["llmInputTokens"] or 0, "outputTokens": row["llmOutputTokens"] or 0,
                 "estimatedCostUsd": row["llmCostUsd"] or 0.0, "error": row.get("llmError")},
            callback=CallbackDelivery.from_row(row), subtitle_sha256=row.get("subtitleSha256"),
            segment_embedder=row.get("segmentEmbedder") or None,
        )


def episode_ordinal(season: int | None, episode: int | None) -> int:
    """Episodes are ordered by (season, episode); one integer keeps spoiler filters simple."""
    return (season or 1) * 1000 + (episode or 0)


async def merge_series(store: GraphStore, *, series_id: str, title: str, platform: str, language: str) -> None:
    await store.write("merge_series", id=series_id, title=title, platform=platform, language=language)


async def register_series(store: GraphStore, *, series_id: str, title: str, explicit_title: str | None,
                          platform: str, language: str) -> None:
    """Creates the series with `title`; only an explicit title renames an existing one."""
    await store.write("register_series", id=series_id, title=title, explicitTitle=explicit_title,
                      platform=platform, language=language)


async def set_subtitle_hash(store: GraphStore, video_id: str, sha256: str) -> None:
    await store.write("set_video_subtitle_hash", id=video_id, sha256=sha256)


async def register_video(store: GraphStore, *, video_id: str, series_id: str, status: str, registered_at: str,
                         platform: str, title: str, season: int | None, episode: int | None,
                         duration: float | None, language: str, url: str | None, subtitle_url: str | None,
                         callback_url: str | None) -> str:
    """Creates or refreshes the Video; returns its status (an existing video keeps its own)."""
    rows = await store.write(
        "merge_video", id=video_id, seriesId=series_id, status=status, registeredAt=registered_at,
        platform=platform, platformVideoId=video_id, title=title, season=season, episode=episode,
        duration=duration, language=language, url=url, subtitleUrl=subtitle_url, callbackUrl=callback_url)
    await store.write("set_video_ordinal", id=video_id, ordinal=episode_ordinal(season, episode))
    return str(rows[0]["status"])


async def get_video(store: GraphStore, video_id: str) -> VideoRecord | None:
    rows = await store.read("get_video", id=video_id)
    return VideoRecord.from_row(rows[0]) if rows else None


async def set_progress(store: GraphStore, video_id: str, *, status: str, progress: int, step: str | None,
                       error: str | None = None, error_code: str | None = None) -> None:
    await store.write("set_video_progress", id=video_id, status=status, progress=progress, step=step,
                      error=error, errorCode=error_code)


async def record_callback(store: GraphStore, video_id: str, delivery: CallbackDelivery) -> None:
    await store.write("set_video_callback", id=video_id, status=delivery.status, at=delivery.at,
                      error=delivery.error, httpStatus=delivery.http_status)


@dataclass(frozen=True, slots=True)
class ReadyFacts:
    """What a finished ingestion records on its Video."""

    degraded: bool
    llm_provider: str
    llm_calls: int
    llm_input_tokens: int
    llm_output_tokens: int
    llm_cost_usd: float
    cue_count: int
    segment_count: int
    dropped_cues: int
    llm_error: str | None


async def mark_ready(store: GraphStore, video_id: str, *, processed_at: str, facts: ReadyFacts) -> str | None:
    """status=ready with the ingestion's facts; returns processedAt (None: no such video)."""
    rows = await store.write(
        "set_video_ready", id=video_id, processedAt=processed_at, degraded=facts.degraded,
        llmProvider=facts.llm_provider, llmCalls=facts.llm_calls, llmInputTokens=facts.llm_input_tokens,
        llmOutputTokens=facts.llm_output_tokens, llmCostUsd=facts.llm_cost_usd, cueCount=facts.cue_count,
        segmentCount=facts.segment_count, droppedCues=facts.dropped_cues, llmError=facts.llm_error)
    return str(rows[0]["processedAt"]) if rows else None


async def delete_series_if_empty(store: GraphStore, series_id: str) -> int:
    """1 when the series had no video left and was deleted, else 0."""
    rows = await store.write("delete_series_if_empty", seriesId=series_id)
    return int(rows[0]["deleted"]) if rows else 0


# --- batch and page reads (GraphQL loaders and connections) ------------------------------------

async def videos_by_ids(store: GraphStore, ids: list[str]) -> dict[str, VideoRecord]:
    return {row["id"]: VideoRecord.from_row(row) for row in await store.read("videos_by_ids", ids=ids)}


async def list_videos(store: GraphStore, *, series_id: str | None, status: str | None, offset: int,
                      limit: int) -> list[VideoRecord]:
    rows = await store.read("list_videos", seriesId=series_id, status=status, offset=offset, limit=limit)
    return [VideoRecord.from_row(row) for row in rows]


async def count_videos(store: GraphStore, *, series_id: str | None, status: str | None) -> int:
    rows = await store.read("count_videos", seriesId=series_id, status=status)
    return int(rows[0]["total"]) if rows else 0


async def list_series(store: GraphStore, *, offset: int, limit: int) -> list[dict[str, Any]]:
    return await store.read("list_series", offset=offset, limit=limit)


async def count_series(store: GraphStore) -> int:
    rows = await store.read("count_series")
    return int(rows[0]["total"]) if rows else 0


async def series_by_ids(store: GraphStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in await store.read("series_by_ids", ids=ids)}


async def delete_video_graph(store: GraphStore, video_id: str, series_id: str) -> dict[str, int]:
    """Removes the video and everything derived from it; returns how many nodes of each kind went.
    Entities are not touched here: see `delete_unmentioned_entities` (the caller runs it after)."""
    deleted: dict[str, int] = {}
    for kind, statement in (("questions", "delete_video_questions"), ("references", "delete_video_references"),
                            ("lines", "delete_video_lines"), ("segments", "delete_video_segments"),
                            ("videos", "delete_video")):
        rows = await store.write(statement, videoId=video_id)
        deleted[kind] = int(rows[0]["deleted"]) if rows else 0
    await store.write("clear_episode_links", seriesId=series_id)
    await store.write("link_episodes", seriesId=series_id)
    return deleted


async def videos_of_series(store: GraphStore, series_ids: list[str]) -> dict[str, list[VideoRecord]]:
    grouped: dict[str, list[VideoRecord]] = {i: [] for i in series_ids}
    for row in await store.read("videos_of_series", seriesIds=series_ids):
        grouped.setdefault(row["seriesId"], []).append(VideoRecord.from_row(row))
    return grouped
