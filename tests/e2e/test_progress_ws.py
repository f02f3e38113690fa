"""WebSocket `/ws`: progress of a real worker's job, relayed from Redis pub/sub by the app."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient, WebSocketTestSession

from api.app import create_app
from explainer.core.settings import Settings
from seeds.loader import demo_episodes
from tests.e2e.conftest import INGEST, run_worker_burst

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

EP1 = demo_episodes()[0]


def _register(http: TestClient) -> None:
    body = {"platform": "local", "videoId": EP1.video_id, "title": EP1.title, "seriesTitle": EP1.series_title,
            "seriesId": EP1.series_id, "season": 1, "episode": 1, "language": "ko"}
    assert http.post("/api/video/register", json=body, headers=INGEST).status_code == 200


def _until_terminal(ws: WebSocketTestSession, limit: int = 200) -> list[dict[str, Any]]:
    messages = []
    for _ in range(limit):
        message = ws.receive_json()
        messages.append(message)
        if message["type"] in ("complete", "error"):
            break
    return messages


SUBSCRIPTION = "subscription($id: ID!) { videoProgress(videoId: $id) { type videoId status step progress } }"


def _graphql_events(gql_ws: WebSocketTestSession, limit: int = 200) -> list[dict[str, Any]]:
    events = []
    for _ in range(limit):
        message = gql_ws.receive_json()
        if message["type"] == "complete":
            break
        assert message["type"] == "next", message
        events.append(message["payload"]["data"]["videoProgress"])
    return events


def test_progress_is_relayed_until_complete(app_settings: Settings) -> None:
    """One real worker run, watched over `/ws` and over the GraphQL subscription at once."""
    app = create_app(app_settings)
    with TestClient(app) as http, http.websocket_connect("/ws") as ws, \
            http.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as gql_ws:
        _register(http)
        ws.send_json({"type": "subscribe", "videoId": EP1.video_id})
        subscribed = ws.receive_json()
        assert subscribed["type"] == "subscribed" and subscribed["videoId"] == EP1.video_id
        assert subscribed["current"]["status"] == "awaiting_subtitles"
        gql_ws.send_json({"type": "connection_init"})
        assert gql_ws.receive_json()["type"] == "connection_ack"
        gql_ws.send_json({"id": "1", "type": "subscribe",
                          "payload": {"query": SUBSCRIPTION, "variables": {"id": EP1.video_id}}})

        upload = http.post(f"/api/video/{EP1.video_id}/subtitles", headers=INGEST,
                           files={"file": ("e01.srt", EP1.read(), "application/x-subrip")})
        assert upload.status_code == 200, upload.text
        worker = run_worker_burst(app_settings)
        assert worker.returncode == 0, worker.stderr[-2000:]

        messages = _until_terminal(ws)
        kinds = [m["type"] for m in messages]
        assert kinds[-1] == "complete", kinds
        assert set(kinds[:-1]) == {"progress"}
        values = [m["progress"] for m in messages]
        assert values == sorted(values) and len(set(values)) >= 6, values
        assert values[0] <= 10 and values[-1] == 100
        steps = [m["step"] for m in messages]
        assert steps[0] == "subtitles" and steps[-1] == "done" and "analyse" in steps
        assert all(m["videoId"] == EP1.video_id for m in messages)

        # a late subscriber sees the final state at once
        ws.send_json({"type": "subscribe", "videoId": EP1.video_id})
        late = ws.receive_json()
        assert late["current"]["status"] == "ready" and late["current"]["progress"] == 100

        events = _graphql_events(gql_ws)
        assert events[0]["status"] == "awaiting_subtitles"  # the state when it subscribed
        assert [e["progress"] for e in events[1:]] == values and events[-1]["type"] == "complete"

        # over HTTP (multipart subscriptions): a finished video answers its final state and ends
        answer = http.post("/graphql", json={"query": SUBSCRIPTION, "variables": {"id": EP1.video_id}},
                           headers={"Accept": 'multipart/mixed;subscriptionSpec="1.0",application/json'})
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("multipart/mixed")
        assert '"type":"complete"' in answer.text.replace(" ", "") and '"progress":100' in answer.text.replace(" ", "")


def test_bad_messages_get_errors_and_the_socket_survives(app_settings: Settings) -> None:
    app = create_app(app_settings)
    with TestClient(app) as http, http.websocket_connect("/ws") as ws:
        ws.send_text("{not json")
        assert ws.receive_json()["error"]["code"] == "INVALID_REQUEST"
        ws.send_json(["a", "list"])
        assert ws.receive_json()["type"] == "error"
        ws.send_json({"type": "dance"})
        unknown = ws.receive_json()
        assert unknown["type"] == "error" and "unknown message type" in unknown["error"]["message"]
        ws.send_json({"type": "subscribe"})
        assert ws.receive_json()["error"]["code"] == "INVALID_VIDEO_ID"
        ws.send_json({"type": "subscribe", "videoId": "../etc/passwd"})
        assert ws.receive_json()["error"]["code"] == "INVALID_VIDEO_ID"
        ws.send_bytes(b"\xff\xfe")
        assert ws.receive_json()["type"] == "error"
        ws.send_json({"type": "ping"})
        assert ws.receive_json() == {"type": "pong"}
        # still subscribed and relaying after all that
        ws.send_json({"type": "subscribe", "videoId": "not-registered-yet"})
        pending = ws.receive_json()
        assert pending["type"] == "subscribed" and pending["current"] is None
        http.app.state.explainer.sync_redis.publish(
            "progress:not-registered-yet", '{"type": "progress", "videoId": "not-registered-yet", "progress": 10}')
        assert ws.receive_json()["progress"] == 10
        ws.send_json({"type": "unsubscribe", "videoId": "not-registered-yet"})
        assert ws.receive_json()["type"] == "unsubscribed"
