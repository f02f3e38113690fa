"""WebSocket `/ws`: live ingestion progress relayed from Redis pub/sub, so any API process
relays what any worker publishes.

Client → server: `{"type": "subscribe", "videoId": …}`, `{"type": "unsubscribe", "videoId": …}`,
`{"type": "ping"}`. Server → client: `subscribed` (with the current state, so a late subscriber
sees something at once), then `progress` / `complete` / `error` as the worker publishes them.
A bad message gets an `error` message; the socket stays open.

Every socket's subscriptions share the process's one pub/sub connection (api/progress.py), and a
client holds at most WS_MAX_SOCKETS_PER_CLIENT sockets (more are closed with 1013, "try again
later") and WS_MAX_SUBSCRIPTIONS_PER_CLIENT subscriptions.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

import redis
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from api.cors import websocket_origin_allowed
from api.deps import AppState
from api.errors import STORE_UNAVAILABLE, public_message
from api.progress import MAX_SUBSCRIPTIONS_PER_SOCKET, Subscription, TooManySockets, connection_client
from api.schemas import StatusData
from explainer.core.errors import ExplainerError, VideoNotFound
from explainer.ingest.registration import status, validate_video_id

log = logging.getLogger(__name__)
router = APIRouter(tags=["progress"])
MAX_MESSAGE_BYTES = 4096


def _error(code: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"code": code, "message": message}}


class _Session:
    """One socket: the videos it follows, each relayed by a task of its own from the hub."""

    def __init__(self, websocket: WebSocket, state: AppState, client: str) -> None:
        self.websocket = websocket
        self.state = state
        self.client = client
        self.videos: dict[str, tuple[Subscription, asyncio.Task[None]]] = {}
        self.send_lock = asyncio.Lock()

    async def send(self, message: dict[str, Any]) -> None:
        async with self.send_lock:
            await self.websocket.send_text(json.dumps(message, ensure_ascii=False))

    async def handle(self, raw: str) -> None:
        if len(raw.encode()) > MAX_MESSAGE_BYTES:
            await self.send(_error("PAYLOAD_TOO_LARGE", f"messages are limited to {MAX_MESSAGE_BYTES} bytes"))
            return
        try:
            message = json.loads(raw)
        except ValueError:
            await self.send(_error("INVALID_REQUEST", "messages must be JSON objects"))
            return
        if not isinstance(message, dict):
            await self.send(_error("INVALID_REQUEST", "messages must be JSON objects"))
            return
        kind = message.get("type")
        if kind == "ping":
            await self.send({"type": "pong"})
            return
        if kind not in ("subscribe", "unsubscribe"):
            await self.send(_error("INVALID_REQUEST", f"unknown message type {kind!r}; "
                                                      "use subscribe, unsubscribe or ping"))
            return
        video_id = message.get("videoId")
        if not isinstance(video_id, str):
            await self.send(_error("INVALID_VIDEO_ID", "videoId (a string) is required"))
            return
        try:
            validate_video_id(video_id)
            if kind == "subscribe":
                await self.subscribe(video_id)
            else:
                await self.unsubscribe(video_id)
        except ExplainerError as exc:
            await self.send(_error(exc.code, public_message(exc)))
        except (redis.RedisError, OSError) as exc:  # the store is down: the socket stays, the detail is logged
            log.warning("progress subscription failed: %s", exc)
            await self.send(_error("GRAPH_UNAVAILABLE", STORE_UNAVAILABLE))

    async def subscribe(self, video_id: str) -> None:
        if video_id not in self.videos and len(self.videos) >= MAX_SUBSCRIPTIONS_PER_SOCKET:
            await self.send(_error("INVALID_REQUEST",
                                   f"at most {MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per socket"))
            return
        # subscribe first, then read the state: an update in between is sent twice, never lost
        subscription = None
        if video_id not in self.videos:
            subscription = await self.state.progress_hub().subscribe(self.client, video_id)
        try:
            current: dict[str, Any] | None = StatusData.of(
                await status(self.state.store, self.state.redis, video_id)).model_dump(by_alias=True)
        except VideoNotFound:
            current = None  # not registered yet: its progress arrives once it is
        except BaseException:
            if subscription is not None:
                await subscription.close()
            raise
        await self.send({"type": "subscribed", "videoId": video_id, "current": current})
        if subscription is not None:  # what arrived meanwhile waits in its queue
            relay = asyncio.create_task(self.relay(subscription))
            relay.add_done_callback(_log_relay_end)
            self.videos[video_id] = (subscription, relay)

    async def unsubscribe(self, video_id: str) -> None:
        if video_id in self.videos:
            await self._stop(video_id)
        await self.send({"type": "unsubscribed", "videoId": video_id})

    async def relay(self, subscription: Subscription) -> None:
        async for message in subscription.messages():
            await self.send(message)

    async def _stop(self, video_id: str) -> None:
        subscription, relay = self.videos.pop(video_id)
        relay.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await relay
        await subscription.close()

    async def close(self) -> None:
        for video_id in list(self.videos):
            await self._stop(video_id)


def _log_relay_end(task: asyncio.Task[None]) -> None:
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None and not isinstance(exc, (WebSocketDisconnect, RuntimeError)):
        log.error("progress relay stopped", exc_info=exc)


@router.websocket("/ws")
async def progress_socket(websocket: WebSocket) -> None:
    state: AppState = websocket.app.state.explainer
    if not websocket_origin_allowed(websocket):
        await websocket.close(code=1008, reason="origin not allowed")
        return
    hub, client = state.progress_hub(), connection_client(websocket, state.settings)
    try:
        hub.open_socket(client)
    except TooManySockets as exc:
        await websocket.close(code=1013, reason=str(exc))  # 1013: try again later
        return
    try:
        await websocket.accept()
        session = _Session(websocket, state, client)
        try:
            while True:
                frame = await websocket.receive()
                if frame["type"] == "websocket.disconnect":
                    break
                text = frame.get("text")
                if text is None:
                    text = (frame.get("bytes") or b"").decode("utf-8", "replace")
                await session.handle(text)
        except WebSocketDisconnect:
            pass
        finally:
            await session.close()
    finally:
        hub.close_socket(client)
