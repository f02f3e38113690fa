"""`/metrics`: Prometheus text with HTTP, graph, and job-queue figures."""

from __future__ import annotations

import re

import httpx
import pytest

from seeds.loader import demo_episodes
from tests.e2e.conftest import INGEST
from tests.e2e.graphql_support import gql

pytestmark = [pytest.mark.e2e]

EP1 = demo_episodes()[0]


def _value(text: str, name: str, **labels: str) -> float | None:
    for line in text.splitlines():
        if not line.startswith(name + "{"):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.rsplit(" ", 1)[0]))  # a route may hold braces
        if all(found.get(k) == v for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return None


async def test_metrics_count_requests_graph_queries_and_jobs(client: httpx.AsyncClient) -> None:
    body = {"platform": "local", "videoId": EP1.video_id, "title": EP1.title, "seriesId": EP1.series_id,
            "season": 1, "episode": 1}
    assert (await client.post("/api/video/register", json=body, headers=INGEST)).status_code == 200
    upload = await client.post(f"/api/video/{EP1.video_id}/subtitles", headers=INGEST,
                               files={"file": ("e01.srt", EP1.read(), "application/x-subrip")})
    assert upload.status_code == 200
    await gql(client, "{ videos { totalCount } }")

    response = await client.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert _value(text, "explainer_queue_jobs", queue="ingest", state="queued") == 1.0
    assert _value(text, "explainer_queue_jobs", queue="ingest", state="failed") == 0.0
    assert _value(text, "explainer_queue_jobs", queue="enrich", state="started") == 0.0
    assert (_value(text, "explainer_http_requests_total", method="POST", route="/graphql", status="200") or 0) >= 1
    assert (_value(text, "explainer_http_requests_total", method="POST", route="/api/video/register",
                   status="200") or 0) >= 1
    assert (_value(text, "explainer_http_request_seconds_count", method="POST", route="/graphql") or 0) >= 1
    assert (_value(text, "explainer_graph_query_seconds_count", backend="falkordb", mode="read") or 0) >= 1
    for family in ("explainer_llm_calls_total", "explainer_llm_tokens_total", "explainer_explain_cache_total"):
        assert f"# TYPE {family} counter" in text, family


async def test_every_answer_carries_its_request_id_and_is_counted_by_route(client: httpx.AsyncClient) -> None:
    given = await client.get(f"/api/video/{EP1.video_id}/status", headers={"X-Request-ID": "trace-42"})
    assert given.status_code == 404 and given.headers["x-request-id"] == "trace-42"
    made = await client.get("/health")
    assert re.fullmatch(r"[0-9a-f]{16}", made.headers["x-request-id"])
    refused = await client.post("/api/explain", content=b"{", headers={"Content-Type": "application/json"})
    assert refused.status_code == 400 and len(refused.headers.get_list("x-request-id")) == 1
    text = (await client.get("/metrics")).text
    assert _value(text, "explainer_http_requests_total", method="GET", route="/api/video/{video_id}/status",
                  status="404") is not None
    assert (_value(text, "explainer_http_requests_total", method="POST", route="/api/explain", status="400") or 0) >= 1
    assert (await client.get("/no/such/page")).status_code == 404
    text = (await client.get("/metrics")).text
    assert _value(text, "explainer_http_requests_total", method="GET", route="unmatched", status="404") is not None
