"""Progress sockets under abuse: they share one pub/sub connection per API process (so they
never starve the request pool), and a client's sockets and subscriptions are bounded."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
import redis
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from api.app import create_app
from explainer.core.settings import Settings
from tests.e2e.conftest import INGEST

pytestmark = [pytest.mark.e2e]

SUBSCRIPTION = "subscription($id: ID!) { videoProgress(videoId: $id) { type videoId status } }"


def _clients(settings: Settings) -> int:
    connection = redis.Redis.from_url(settings.effective_redis_url)
    try:
        return len(connection.client_list())
    finally:
        connection.close()


def test_subscribers_do_not_draw_on_the_request_pool(app_settings: Settings) -> None:
    """With a request pool of 4, 24 subscribed sockets (2 of them GraphQL, 5 subscriptions each)
    used to hold 34 pool connections; explain, status and /health then answered 503."""
    settings = app_settings.model_copy(update={"api_redis_max_connections": 4, "api_redis_pool_timeout_seconds": 0.3,
                                               "ws_max_sockets_per_client": 32})
    with TestClient(create_app(settings)) as http, contextlib.ExitStack() as sockets:
        before = _clients(settings)
        for i in range(22):
            ws = sockets.enter_context(http.websocket_connect("/ws"))
            ws.send_json({"type": "subscribe", "videoId": f"bounds-{i}"})
            assert ws.receive_json()["type"] == "subscribed"
        for s in range(2):
            for n in range(5):  # a GraphQL subscription is for a registered video
                assert http.post("/api/video/register", headers=INGEST, json={
                    "platform": "local", "videoId": f"bounds-g{s}-{n}", "title": "Bounds", "seriesTitle": "Bounds",
                    "episode": 1 + 5 * s + n}).status_code == 200
            gql = sockets.enter_context(http.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]))
            gql.send_json({"type": "connection_init"})
            assert gql.receive_json()["type"] == "connection_ack"
            for n in range(5):
                gql.send_json({"id": str(n), "type": "subscribe",
                               "payload": {"query": SUBSCRIPTION, "variables": {"id": f"bounds-g{s}-{n}"}}})
                first = gql.receive_json()
                assert first["type"] == "next" and (first["payload"]["data"] or {}).get("videoProgress"), first
        # every subscriber shares one pub/sub connection of the process
        assert _clients(settings) - before <= 3
        status = http.get("/api/video/bounds-0/status")
        assert status.status_code == 404 and status.json()["error"]["code"] == "VIDEO_NOT_FOUND", status.text
        assert http.get("/health").status_code == 200
        explain = http.post("/api/explain", json={"videoId": "bounds-0", "selectedText": "그 사람", "timestamp": 1})
        assert explain.status_code == 404, explain.text


def _closed_code(http: TestClient, path: str, **kwargs: Any) -> int | None:
    try:
        with http.websocket_connect(path, **kwargs) as ws:
            ws.send_json({"type": "ping"})
            ws.receive_json()
    except WebSocketDisconnect as closed:
        return closed.code
    return None


def test_a_client_holds_a_bounded_number_of_sockets_and_subscriptions(app_settings: Settings) -> None:
    settings = app_settings.model_copy(update={"ws_max_sockets_per_client": 3, "ws_max_subscriptions_per_client": 4})
    with TestClient(create_app(settings)) as http:
        with contextlib.ExitStack() as sockets:
            held = [sockets.enter_context(http.websocket_connect("/ws")) for _ in range(2)]
            held.append(sockets.enter_context(http.websocket_connect("/graphql",
                                                                     subprotocols=["graphql-transport-ws"])))
            # a fourth socket, on either door, is closed at once: 1013, try again later
            assert _closed_code(http, "/ws") == 1013
            assert _closed_code(http, "/graphql", subprotocols=["graphql-transport-ws"]) == 1013
            answers = []
            for i in range(5):
                held[i % 2].send_json({"type": "subscribe", "videoId": f"bounds-{i}"})
                answers.append(held[i % 2].receive_json())
            assert [a["type"] for a in answers] == ["subscribed"] * 4 + ["error"]
            assert answers[-1]["error"]["code"] == "RATE_LIMIT_EXCEEDED"
            gql = held[2]
            gql.send_json({"type": "connection_init"})
            assert gql.receive_json()["type"] == "connection_ack"
            gql.send_json({"id": "1", "type": "subscribe",
                           "payload": {"query": SUBSCRIPTION, "variables": {"id": "bounds-g"}}})
            refused = gql.receive_json()
            assert "RATE_LIMIT_EXCEEDED" in str(refused), refused
            # unsubscribing gives a subscription back
            held[0].send_json({"type": "unsubscribe", "videoId": "bounds-0"})
            assert held[0].receive_json()["type"] == "unsubscribed"
            held[0].send_json({"type": "subscribe", "videoId": "bounds-9"})
            assert held[0].receive_json()["type"] == "subscribed"
        # closed sockets give their slots back
        assert _closed_code(http, "/ws") is None
