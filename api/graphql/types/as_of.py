from __future__ import annotations

import math

import strawberry

from api.graphql.context import Info
from explainer.core.errors import InvalidRequest, VideoNotFound
from graph.repositories.explorer import AsOfBound
from graph.repositories.segments import END

# no position given: every episode, to its end
UNBOUNDED = AsOfBound(ordinal=2**31 - 1, until=END, complete=2**31 - 1)


@strawberry.type(description="The position a bounded answer holds for.")
class AsOfPosition:
    video_id: str
    ordinal: int
    season: int | None
    episode: int | None
    until: float = strawberry.field(description="Seconds of the episode seen (its duration when it was watched "
                                                "to its end).")
    whole_episode: bool


@strawberry.input(description="A viewer's position: every earlier episode, and this episode up to `timestamp` "
                              "seconds (to its end without one). Bounded fields show nothing after it, by the "
                              "same filter as explain.")
class AsOf:
    video_id: strawberry.ID
    timestamp: float | None = None

    async def bound(self, info: Info, series_id: str) -> tuple[AsOfBound, AsOfPosition]:
        video = await info.context.loaders.video.load(str(self.video_id))
        if video is None:
            raise VideoNotFound(f"no video {self.video_id!r}")
        if video.series_id != series_id:
            raise InvalidRequest(f"asOf video {self.video_id!r} is not an episode of series {series_id!r}")
        if self.timestamp is not None and not (math.isfinite(self.timestamp) and self.timestamp >= 0):
            raise InvalidRequest("asOf.timestamp must be a number of seconds >= 0")
        duration = video.duration if video.duration is not None else END
        whole = self.timestamp is None or self.timestamp >= duration
        until = duration if whole or self.timestamp is None else self.timestamp
        bound = AsOfBound(ordinal=video.ordinal, until=until, complete=video.ordinal + 1 if whole else video.ordinal)
        return bound, AsOfPosition(video_id=video.id, ordinal=video.ordinal, season=video.season,
                                   episode=video.episode, until=until, whole_episode=whole)

