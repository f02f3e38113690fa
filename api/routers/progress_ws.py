"""WebSocket `/ws`: live ingestion progress relayed from Redis pub/sub, so any API process
relays what any worker publishes.

Client → server: `{"type": "subscribe", "videoId": …}`, `{"type": "unsubscribe", "videoId": …}`,
`{"type": "ping"}`. Server → client: `subscribed` (with the current state, so a late subscriber
sees something at once), then `progress` / `complete` / `error` as the worker publishes them.
A bad message gets an `error` message; the socket stays open.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from redis.asyncio.client import PubSub

from api.cors import websocket_origin_allowed
from api.deps import AppState
from api.schemas import StatusData
from explainer.core.errors import ExplainerError, VideoNotFound
from explainer.core.keys import progress_channel
from explainer.ingest.registration import status, validate_video_id

log = logging.getLogger(__name__)
router = APIRouter(tags=["progress"])
MAX_SUBSCRIPTIONS = 20
MAX_MESSAGE_BYTES = 4096


def _error(code: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"code": code, "message": message}}


class _Session:
    """One socket: its pub/sub connection and the videos it follows."""

    def __init__(self, websocket: WebSocket, state: AppState) -> None:
        self.websocket = websocket
        self.state = state
        self.pubsub: PubSub = state.redis.pubsub(ignore_subscribe_messages=True)
        self.videos: set[str] = set()
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
            await self.send(_error(exc.code, exc.message))

    async def subscribe(self, video_id: str) -> None:
        if video_id not in self.videos and len(self.videos) >= MAX_SUBSCRIPTIONS:
            await self.send(_error("INVALID_REQUEST", f"at most {MAX_SUBSCRIPTIONS} subscriptions per socket"))
            return
        # subscribe first, then read the state: an update in between is sent twice, never lost
        await self.pubsub.subscribe(progress_channel(video_id))
        self.videos.add(video_id)
        try:
            current: dict[str, Any] | None = StatusData.of(
                await status(self.state.store, self.state.redis, video_id)).model_dump(by_alias=True)
        except VideoNotFound:
            current = None  # not registered yet: its progress arrives once it is
        await self.send({"type": "subscribed", "videoId": video_id, "current": current})

    async def unsubscribe(self, video_id: str) -> None:
        if video_id in self.videos:
            await self.pubsub.unsubscribe(progress_channel(video_id))
            self.videos.discard(video_id)
        await self.send({"type": "unsubscribed", "videoId": video_id})

    async def relay(self) -> None:
        while True:
            if not self.pubsub.subscribed:
                await asyncio.sleep(0.05)
                continue
            message = await self.pubsub.get_message(timeout=1.0)
            if message is None or message.get("type") != "message":
                continue
            data = message["data"]
            text = data.decode() if isinstance(data, bytes) else str(data)
            try:
                await self.send(json.loads(text))
            except ValueError:
                log.warning("dropped a progress message that is not JSON", extra={"channel": message["channel"]})

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.pubsub.aclose()


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
    await websocket.accept()
    session = _Session(websocket, state)
    relay = asyncio.create_task(session.relay())
    relay.add_done_callback(_log_relay_end)
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
        relay.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await relay
        await session.close()
