"""The built-in web player: `GET /` (the series and their ready episodes), `GET /watch/{videoId}`
(the episode, its transcript and the explanation panel), the built front-end under `/static/`,
and `GET /api/video/{videoId}/cues` (the transcript the player shows).

The pages are static files built from `web/` (see web/build.mjs) and shipped in the package; they
read their data from the REST and GraphQL APIs. Nothing is loaded from another origin.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from api.deps import StateDep
from explainer.core.errors import VideoNotFound
from explainer.ingest.registration import validate_video_id
from graph.repositories import player
from graph.repositories.videos import get_video

router = APIRouter(tags=["web player"])

# the pages' own CSP: scripts and styles from this origin only; media may come from the episode's URL
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "media-src 'self' https: http: blob:; connect-src 'self' ws: wss:; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'; form-action 'none'")
MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
               ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml"}
STATIC_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\.(?:js|css|svg)$")
MEDIA_FILE = re.compile(r"^https?://[^\s]+\.(?:mp4|webm|m4v|ogv|ogg|mov)(?:[?#]\S*)?$", re.IGNORECASE)


@cache
def _built(name: str) -> bytes | None:
    """A file of the built front-end (api/web_dist), read once."""
    path = resources.files("api").joinpath("web_dist", name)
    return path.read_bytes() if path.is_file() else None


def _page(name: str) -> Response:
    body = _built(name)
    if body is None:  # a checkout without the built front-end: say how to build it
        return Response("The web player is not built: run `npm ci && npm run build`.", status_code=503,
                        media_type="text/plain")
    return Response(body, media_type=MEDIA_TYPES[".html"], headers={
        "Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer", "Cache-Control": "no-cache"})


@router.get("/", include_in_schema=False)
async def home() -> Response:
    return _page("index.html")


@router.get("/watch/{video_id}", include_in_schema=False)
async def watch(video_id: str) -> Response:
    validate_video_id(video_id)
    return _page("watch.html")


@router.get("/explore/{series_id}", include_in_schema=False)
async def explore(series_id: str) -> Response:
    """The series explorer (web/src/explorer): it reads the series from the GraphQL API itself."""
    del series_id  # the page takes it from its own URL
    return _page("explore.html")


@router.get("/static/{name}", include_in_schema=False)
async def static_file(name: str) -> Response:
    body = _built(name) if STATIC_NAME.match(name) else None
    if body is None:
        return Response("not found", status_code=404, media_type="text/plain")
    suffix = name[name.rfind("."):]
    return Response(body, media_type=MEDIA_TYPES[suffix],
                    headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"})


class CamelModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class Cue(CamelModel):
    index: int
    start: float
    end: float
    text: str
    speaker: str | None = None


class EpisodeCues(CamelModel):
    video_id: str
    series_id: str
    series_title: str | None
    title: str | None
    season: int | None
    episode: int | None
    duration: float | None
    language: str
    status: str
    media_url: str | None
    cues: list[Cue]


class CuesResponse(CamelModel):
    success: Literal[True] = True
    data: EpisodeCues


@router.get("/api/video/{video_id}/cues", tags=["videos"], response_model=CuesResponse, response_model_by_alias=True)
async def video_cues(video_id: str, state: StateDep) -> CuesResponse:
    """The episode's subtitle lines in order, for the web player's transcript (the viewer plays
    the whole episode, so its own lines are not a spoiler), and its media URL when it has one."""
    validate_video_id(video_id)
    video = await get_video(state.store, video_id)
    if video is None:
        raise VideoNotFound(f"no video {video_id!r}")
    url = await player.media_url(state.store, video_id)
    rows = await player.episode_cues(state.store, video_id)
    return CuesResponse(data=EpisodeCues(
        video_id=video.id, series_id=video.series_id, series_title=video.series_title, title=video.title,
        season=video.season, episode=video.episode, duration=video.duration, language=video.language,
        status=video.status, media_url=url if url and MEDIA_FILE.match(url) else None,
        cues=[Cue(index=int(r["index"]), start=float(r["start"]), end=float(r["end"]), text=str(r["text"]),
                  speaker=r.get("speaker")) for r in rows]))
