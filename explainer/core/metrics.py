"""Prometheus metrics. Metric objects live in the default registry (that is how the client
library is meant to be used); they hold counters, not connections."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter("explainer_http_requests_total", "HTTP requests", ["method", "route", "status"])
HTTP_LATENCY = Histogram(
    "explainer_http_request_seconds", "HTTP request latency", ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
EXPLAIN_CACHE = Counter("explainer_explain_cache_total", "Explain cache lookups", ["result"])
LLM_CALLS = Counter("explainer_llm_calls_total", "LLM calls", ["provider", "kind", "outcome"])
LLM_TOKENS = Counter("explainer_llm_tokens_total", "LLM tokens", ["provider", "kind", "direction"])
JOBS = Counter("explainer_jobs_total", "Pipeline jobs by queue and final state", ["queue", "state"])
QUEUE_DEPTH = Gauge("explainer_queue_jobs", "Jobs per queue and state", ["queue", "state"])
GRAPH_QUERY_LATENCY = Histogram(
    "explainer_graph_query_seconds", "Graph store query latency", ["backend", "mode"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0),
)
