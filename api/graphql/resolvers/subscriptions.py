from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from api.graphql.context import Info
from api.graphql.errors import expected_error
from api.graphql.types.progress import ProgressEvent
from explainer.core.errors import ExplainerError
from explainer.ingest import registration as ingest


@strawberry.type
class Subscription:
    @strawberry.subscription(description="The video's current state at once, then each progress message the "
                                         "pipeline publishes, ending with `complete` or `error`.")
    async def video_progress(self, info: Info, video_id: strawberry.ID) -> AsyncGenerator[ProgressEvent, None]:
        state = info.context.state
        vid = ingest.validate_video_id(str(video_id))
        # the process's one pub/sub connection, bounded per client (api/progress.py); subscribed
        # before the state is read: an update in between arrives twice, never not at all
        try:
            subscription = await state.progress_hub().subscribe(info.context.client, vid)
        except ExplainerError as exc:  # over the client's bound
            raise expected_error(exc) from exc
        try:
            try:
                now = await ingest.status(state.store, state.redis, vid)
            except ExplainerError as exc:
                raise expected_error(exc) from exc
            error = {"code": now.error_code, "message": now.error} if now.error else None
            event = ProgressEvent.from_message({"videoId": vid, "status": now.status, "step": now.step,
                                                "progress": now.progress, "error": error})
            yield event
            if event.final:
                return
            async for message in subscription.messages():
                event = ProgressEvent.from_message(message)
                yield event
                if event.final:
                    return
        finally:
            await subscription.close()
