from __future__ import annotations

import json
from collections.abc import AsyncGenerator

import strawberry

from api.graphql.context import Info
from api.graphql.types.progress import ProgressEvent
from explainer.core.keys import progress_channel
from explainer.ingest import registration as ingest


@strawberry.type
class Subscription:
    @strawberry.subscription(description="The video's current state at once, then each progress message the "
                                         "pipeline publishes, ending with `complete` or `error`.")
    async def video_progress(self, info: Info, video_id: strawberry.ID) -> AsyncGenerator[ProgressEvent, None]:
        state = info.context.state
        vid = ingest.validate_video_id(str(video_id))
        pubsub = state.redis.pubsub(ignore_subscribe_messages=True)
        # subscribe before reading the state: an update in between arrives twice, never not at all
        await pubsub.subscribe(progress_channel(vid))
        try:
            now = await ingest.status(state.store, state.redis, vid)
            error = {"code": now.error_code, "message": now.error} if now.error else None
            event = ProgressEvent.from_message({"videoId": vid, "status": now.status, "step": now.step,
                                                "progress": now.progress, "error": error})
            yield event
            while not event.final:
                message = await pubsub.get_message(timeout=1.0)
                if message is None or message.get("type") != "message":
                    continue
                data = message["data"]
                event = ProgressEvent.from_message(json.loads(data.decode() if isinstance(data, bytes) else data))
                yield event
        finally:
            await pubsub.aclose()
