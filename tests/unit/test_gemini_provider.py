"""GeminiProvider driven through the real google-genai SDK against a local fake Gemini server."""

from __future__ import annotations

import asyncio
import json
import logging
import math
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from google import genai
from google.genai import types
from prometheus_client import REGISTRY

from explainer.core.errors import EmbeddingUnavailable, GeminiError
from explainer.core.settings import Settings
from explainer.llm.base import (
    AnalysisContext,
    BatchAnalysis,
    ExplainContext,
    ExplanationDraft,
    KnownEntity,
    LineInput,
    LLMUsage,
    SegmentFacts,
    SegmentInput,
)
from explainer.llm.budget import RequestBudget
from explainer.llm.gemini import GeminiProvider, estimate_cost_usd
from tests.support.fake_gemini import (
    FakeGemini,
    Reply,
    bad_request,
    fake_vector,
    generate_reply,
    hang,
    internal_error,
    invalid_api_key,
    permission_denied,
    rate_limited,
    unauthenticated,
    unavailable,
)

DIM = 16

ANALYSIS = {
    "segments": [
        {"index": 0, "topics": ["재회"], "complexity": 4, "importance": 7},
        {"index": 1, "topics": ["비밀"], "complexity": 6, "importance": 8},
        {"index": 99, "topics": ["outside the batch"], "complexity": 1, "importance": 1},
    ],
    "entities": [
        {"name": "김민수", "type": "character", "aliases": ["민수 선배"], "description": "", "segments": [0, 1, 7]},
        {"name": "부산", "type": "location", "aliases": [], "description": "", "segments": [1]},
    ],
    "references": [
        {"segment": 1, "expression": "그 사람", "at": 41.0, "referent": "김민수", "confidence": 0.9},
        {"segment": 42, "expression": "거기", "at": 999.0, "referent": "부산", "confidence": 0.5},
    ],
    "relations": [{"source": "김민수", "target": "이지현", "type": "colleague", "strength": 0.6}],
}


class StubFallback:
    """A stand-in fallback provider that records what it was asked."""

    name = "stub"

    def __init__(self, dim: int = DIM) -> None:
        self.dim = dim
        self.calls: list[tuple[str, int]] = []

    async def analyse(self, batch: list[SegmentInput], context: AnalysisContext) -> BatchAnalysis:
        self.calls.append(("analyse", len(batch)))
        return BatchAnalysis(segments=[SegmentFacts(index=s.index) for s in batch])

    async def embed(self, texts: list[str]) -> list[list[float]]:
        self.calls.append(("embed", len(texts)))
        return [[1.0] + [0.0] * (self.dim - 1) for _ in texts]

    async def explain(self, context: ExplainContext) -> ExplanationDraft:
        raise AssertionError("explain never falls back inside the provider")

    def usage(self) -> LLMUsage:
        return LLMUsage()

    async def aclose(self) -> None:
        pass


def make_settings(server: FakeGemini | None, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "llm_provider": "gemini",
        "gemini_api_key": "test-key",
        "gemini_base_url": server.url if server else None,
        "gemini_model": "gemini-2.5-flash",
        "gemini_explain_model": "gemini-2.5-flash-lite",
        "gemini_embedding_model": "gemini-embedding-001",
        "gemini_timeout_seconds": 0.5,
        "gemini_max_retries": 2,
        "gemini_concurrency": 4,
        "gemini_requests_per_minute": 10_000,
        "analysis_batch_size": 10,
        "embedding_dim": DIM,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


def metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, {"provider": "gemini", **labels}) or 0.0


def calls_metric(kind: str, outcome: str) -> float:
    return metric("explainer_llm_calls_total", kind=kind, outcome=outcome)


class MetricDelta:
    """Counter values relative to the moment it was created (the registry is process-wide)."""

    def __init__(self) -> None:
        self._start = {(k, o): calls_metric(k, o) for k in ("analyse", "embed", "explain")
                       for o in ("ok", "invalid_answer", "rate_limited", "server_error", "timeout",
                                 "auth_error", "client_error", "fallback", "unavailable")}

    def __call__(self, kind: str, outcome: str) -> float:
        return calls_metric(kind, outcome) - self._start[(kind, outcome)]


@pytest.fixture
def server() -> Iterator[FakeGemini]:
    with FakeGemini() as fake:
        yield fake
    leftovers = [t.name for t in threading.enumerate() if "process_request_thread" in t.name or t.name == "fake-gemini"]
    assert leftovers == [], "the fake server left threads behind"


@pytest.fixture
def fallback() -> StubFallback:
    return StubFallback()


@pytest.fixture
async def provider(server: FakeGemini, fallback: StubFallback) -> AsyncIterator[GeminiProvider]:
    gemini = GeminiProvider(make_settings(server), fallback=fallback, backoff_base=0.001)
    yield gemini
    await gemini.aclose()


def batch_of(n: int = 2) -> list[SegmentInput]:
    return [
        SegmentInput(index=i, start=30.0 * i, end=30.0 * (i + 1), lines=[
            LineInput(start=30.0 * i + 1, end=30.0 * i + 3, text="민수 선배, 오랜만이에요.", speaker="지현"),
            LineInput(start=30.0 * i + 11, end=30.0 * i + 13, text="그때 그 사람이었어."),
        ])
        for i in range(n)
    ]


CONTEXT = AnalysisContext(series_title="우리들의 여름", language="ko", known_entities=[
    KnownEntity(name="이지현", type="character", aliases=["지현 씨"], importance=0.8),
])

EXPLAIN = ExplainContext(selected_text="그때 그 사람이었어", language="en", series_title="우리들의 여름",
                         episode_label="E02", timestamp=41.0, recent_lines=["민수 선배, 오랜만이에요."],
                         entities=[{"name": "김민수", "type": "character"}])


def walk_keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from walk_keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk_keys(item)


# --- analyse ---------------------------------------------------------------------------------

async def test_analyse_sends_a_structured_request_and_validates_the_answer(
        server: FakeGemini, provider: GeminiProvider) -> None:
    server.analysis_answer = ANALYSIS
    metrics = MetricDelta()
    tokens_before = metric("explainer_llm_tokens_total", kind="analyse", direction="input")

    result = await provider.analyse(batch_of(2), CONTEXT)

    [request] = server.requests
    assert request.method == "POST"
    assert request.path == "/v1beta/models/gemini-2.5-flash:generateContent"
    assert request.headers["x-goog-api-key"] == "test-key"
    config = request.body["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    schema = config["responseSchema"]
    assert schema["type"] == "OBJECT"
    assert set(schema["required"]) == {"segments", "entities", "references", "relations"}
    assert schema["properties"]["entities"]["items"]["properties"]["type"]["enum"] == [
        "character", "location", "event", "concept", "object"]
    assert not {"$defs", "$ref", "additionalProperties"} & set(walk_keys(schema))
    system = request.body["systemInstruction"]["parts"][0]["text"]
    assert "그 사람" in system and "씨" in system and "우리들의 여름" in system
    prompt = "".join(server.iter_texts(request))
    assert "[segment 0]" in prompt and "[segment 1]" in prompt
    assert "지현: 민수 선배, 오랜만이에요." in prompt
    assert "이지현 [character] (aliases: 지현 씨)" in prompt

    assert [s.index for s in result.segments] == [0, 1]  # index 99 is not in the batch
    assert result.entities[0].segments == [0, 1]
    assert [r.expression for r in result.references] == ["그 사람"]
    assert result.relations[0].type == "colleague"

    usage = provider.usage()
    assert (usage.calls, usage.input_tokens, usage.output_tokens, usage.degraded) == (1, 120, 30, False)
    assert usage.estimated_cost_usd == pytest.approx(estimate_cost_usd("gemini-2.5-flash", 120, 30))
    assert metrics("analyse", "ok") == 1
    assert metric("explainer_llm_tokens_total", kind="analyse", direction="input") - tokens_before == 120


async def test_missing_segment_facts_are_filled_in(server: FakeGemini, provider: GeminiProvider) -> None:
    server.analysis_answer = {"segments": [], "entities": [], "references": [], "relations": []}
    result = await provider.analyse(batch_of(3), CONTEXT)
    assert [(s.index, s.complexity) for s in result.segments] == [(0, 3), (1, 3), (2, 3)]


async def test_invalid_json_is_asked_again_once(server: FakeGemini, provider: GeminiProvider,
                                                fallback: StubFallback) -> None:
    server.script(generate_reply("{not json"), generate_reply(ANALYSIS))
    metrics = MetricDelta()

    result = await provider.analyse(batch_of(2), CONTEXT)

    assert len(server.requests) == 2
    assert result.references[0].referent == "김민수"
    assert metrics("analyse", "invalid_answer") == 1 and metrics("analyse", "ok") == 1
    assert fallback.calls == [] and provider.usage().degraded is False


async def test_invalid_answer_twice_fails_the_batch_to_the_fallback(
        server: FakeGemini, provider: GeminiProvider, fallback: StubFallback) -> None:
    server.script(generate_reply("{not json"), generate_reply({"segments": []}))  # 2nd misses fields
    metrics = MetricDelta()

    result = await provider.analyse(batch_of(2), CONTEXT)

    assert len(server.requests) == 2
    assert fallback.calls == [("analyse", 2)]
    assert [s.index for s in result.segments] == [0, 1]
    assert provider.usage().degraded is True
    assert metrics("analyse", "invalid_answer") == 2 and metrics("analyse", "fallback") == 1


async def test_transient_errors_are_retried_with_backoff(server: FakeGemini, provider: GeminiProvider) -> None:
    server.script(rate_limited(), unavailable(), generate_reply(ANALYSIS))
    metrics = MetricDelta()

    result = await provider.analyse(batch_of(2), CONTEXT)

    assert len(server.requests) == 3
    assert len(result.entities) == 2
    assert metrics("analyse", "rate_limited") == 1
    assert metrics("analyse", "server_error") == 1
    assert metrics("analyse", "ok") == 1
    assert provider.usage().calls == 3 and provider.usage().degraded is False


@pytest.mark.parametrize("reply", [rate_limited(retry_after="0.3"), rate_limited(retry_delay="0.3s")],
                         ids=["retry-after-header", "retry-info-detail"])
async def test_server_given_retry_delay_is_honoured(server: FakeGemini, provider: GeminiProvider,
                                                    reply: Reply) -> None:
    server.script(reply)
    started = time.monotonic()
    await provider.analyse(batch_of(1), CONTEXT)
    assert time.monotonic() - started >= 0.3  # backoff_base alone would wait ~1 ms
    assert len(server.requests) == 2


async def test_a_server_delay_beyond_max_backoff_fails_at_once(server: FakeGemini,
                                                              fallback: StubFallback) -> None:
    gemini = GeminiProvider(make_settings(server), fallback=fallback, backoff_base=0.001, max_backoff=5.0)
    server.script(rate_limited(retry_delay="3600s"))
    try:
        await gemini.analyse(batch_of(1), CONTEXT)
    finally:
        await gemini.aclose()
    assert len(server.requests) == 1
    assert fallback.calls == [("analyse", 1)]


async def test_after_max_retries_analyse_falls_back(server: FakeGemini, provider: GeminiProvider,
                                                    fallback: StubFallback) -> None:
    server.script(unavailable(), internal_error(), unavailable(), generate_reply(ANALYSIS))
    metrics = MetricDelta()

    await provider.analyse(batch_of(2), CONTEXT)

    assert len(server.requests) == 3  # 1 + gemini_max_retries
    assert server.pending == 1
    assert fallback.calls == [("analyse", 2)]
    assert provider.usage().degraded is True
    assert metrics("analyse", "server_error") == 3 and metrics("analyse", "fallback") == 1


async def test_a_hang_past_the_timeout_is_retried(server: FakeGemini, provider: GeminiProvider) -> None:
    server.script(hang(5.0))
    metrics = MetricDelta()
    started = time.monotonic()

    result = await provider.analyse(batch_of(1), CONTEXT)

    assert time.monotonic() - started < 2.0  # gemini_timeout_seconds=0.5, not the 5 s hang
    assert len(server.requests) == 2
    assert result.segments[0].index == 0
    assert metrics("analyse", "timeout") == 1 and metrics("analyse", "ok") == 1


async def test_bad_request_is_not_retried(server: FakeGemini, provider: GeminiProvider,
                                          fallback: StubFallback) -> None:
    server.script(bad_request())
    metrics = MetricDelta()

    await provider.analyse(batch_of(1), CONTEXT)
    assert len(server.requests) == 1
    assert fallback.calls == [("analyse", 1)]
    assert metrics("analyse", "client_error") == 1
    assert provider.disabled_reason is None  # only credential errors disable the provider

    await provider.analyse(batch_of(1), CONTEXT)
    assert len(server.requests) == 2


@pytest.mark.parametrize("reply, status", [(invalid_api_key(), 400), (unauthenticated(), 401),
                                           (permission_denied(), 403)],
                         ids=["API_KEY_INVALID", "401", "403"])
async def test_invalid_key_is_reported_once_and_never_retried(
        server: FakeGemini, provider: GeminiProvider, fallback: StubFallback, reply: Reply, status: int,
        caplog: pytest.LogCaptureFixture) -> None:
    server.script(reply)
    metrics = MetricDelta()
    caplog.set_level(logging.WARNING, logger="explainer.llm.gemini")

    first = await provider.analyse(batch_of(2), CONTEXT)
    second = await provider.analyse(batch_of(1), CONTEXT)
    with pytest.raises(EmbeddingUnavailable) as unavailable_embedding:
        await provider.embed(["a", "b"])
    with pytest.raises(GeminiError) as raised:
        await provider.explain(EXPLAIN)

    assert len(server.requests) == 1
    assert [s.index for s in first.segments] == [0, 1] and len(second.segments) == 1
    assert unavailable_embedding.value.__cause__ is provider.disabled_reason
    assert fallback.calls == [("analyse", 2), ("analyse", 1)]  # never vectors of another embedder
    error = raised.value
    assert error is provider.disabled_reason
    assert error.status == status and error.retryable is False and error.context["auth"] is True
    if status == 400:
        assert error.context["reason"] == "API_KEY_INVALID"
    assert metrics("analyse", "auth_error") == 1
    assert metrics("analyse", "fallback") == 2 and metrics("embed", "fallback") == 0
    assert calls_metric("embed", "unavailable") >= 1
    assert provider.usage().degraded is True and provider.usage().calls == 1
    reports = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(reports) == 1 and reports[0].levelno == logging.ERROR
    assert "disabled" in reports[0].getMessage()


async def test_without_a_key_everything_goes_to_the_fallback(server: FakeGemini,
                                                             fallback: StubFallback) -> None:
    gemini = GeminiProvider(make_settings(server, gemini_api_key=None), fallback=fallback)
    try:
        await gemini.analyse(batch_of(1), CONTEXT)
        with pytest.raises(EmbeddingUnavailable):
            await gemini.embed(["x"])
        with pytest.raises(GeminiError):
            await gemini.explain(EXPLAIN)
    finally:
        await gemini.aclose()
    assert server.requests == []
    assert gemini.disabled_reason is not None and gemini.disabled_reason.context["reason"] == "NO_API_KEY"


async def test_without_a_fallback_analyse_raises(server: FakeGemini) -> None:
    gemini = GeminiProvider(make_settings(server, gemini_max_retries=0), backoff_base=0.001)
    server.script(unavailable())
    try:
        with pytest.raises(GeminiError) as raised:
            await gemini.analyse(batch_of(1), CONTEXT)
    finally:
        await gemini.aclose()
    assert raised.value.retryable is True and raised.value.status == 503


async def test_oversized_batch_is_a_caller_error(provider: GeminiProvider) -> None:
    with pytest.raises(ValueError, match="analysis_batch_size"):
        await provider.analyse(batch_of(11), CONTEXT)


# --- explain ---------------------------------------------------------------------------------

async def test_explain_asks_in_the_line_language(server: FakeGemini, provider: GeminiProvider) -> None:
    server.explanation_answer = {"text": "\"That person\" is Kim Min-su.", "resolutions": [],
                                 "references": [{"episode": 1, "timestamp": 12.5, "description": "first met"}],
                                 "sources": []}
    server.script(generate_reply(server.explanation_answer, thoughts_tokens=10))

    draft = await provider.explain(EXPLAIN)

    assert draft.text.startswith('"That person"') and draft.references[0].episode == 1
    [request] = server.requests
    assert request.path == "/v1beta/models/gemini-2.5-flash-lite:generateContent"
    assert request.body["generationConfig"]["responseSchema"]["required"] == [
        "text", "resolutions", "references", "sources"]
    system = request.body["systemInstruction"]["parts"][0]["text"]
    assert "short sentences in English" in system
    facts = "".join(server.iter_texts(request))
    assert "그때 그 사람이었어" in facts and "김민수" in facts
    assert provider.usage().output_tokens == 40  # thinking tokens bill as output


async def test_explain_raises_after_retries(server: FakeGemini, provider: GeminiProvider) -> None:
    server.script(unavailable(), unavailable(), unavailable())
    with pytest.raises(GeminiError) as raised:
        await provider.explain(EXPLAIN)
    assert raised.value.retryable is True and raised.value.status == 503
    assert len(server.requests) == 3
    assert provider.disabled_reason is None


async def test_explain_invalid_answer_twice_raises(server: FakeGemini, provider: GeminiProvider) -> None:
    server.script(generate_reply({"references": []}), generate_reply("not json"))
    with pytest.raises(GeminiError) as raised:
        await provider.explain(EXPLAIN)
    assert raised.value.context["reason"] == "INVALID_ANSWER" and raised.value.retryable is False
    assert len(server.requests) == 2


# --- embed -----------------------------------------------------------------------------------

async def test_embed_sends_batches_of_at_most_100(server: FakeGemini, provider: GeminiProvider) -> None:
    texts = [f"자막 {i}" for i in range(250)]

    vectors = await provider.embed(texts)

    requests = server.requests_for("batchEmbedContents")
    assert len(server.requests) == len(requests) == 3
    assert sorted(len(r.body["requests"]) for r in requests) == [50, 100, 100]
    for request in requests:
        assert request.path == "/v1beta/models/gemini-embedding-001:batchEmbedContents"
        assert {item["outputDimensionality"] for item in request.body["requests"]} == {DIM}
        assert {item["model"] for item in request.body["requests"]} == {"models/gemini-embedding-001"}
    assert len(vectors) == 250 and all(len(v) == DIM for v in vectors)
    assert vectors[137] == pytest.approx(fake_vector(texts[137], DIM))  # order kept
    assert all(math.isclose(math.fsum(x * x for x in v), 1.0) for v in vectors)
    assert provider.usage().calls == 3 and provider.usage().input_tokens > 0


async def test_embed_with_wrong_dimension_is_unavailable(server: FakeGemini, provider: GeminiProvider,
                                                         fallback: StubFallback) -> None:
    wrong = Reply(body={"embeddings": [{"values": [0.5, 0.5, 0.5]}]})
    server.script(wrong, wrong, operation="batchEmbedContents")

    with pytest.raises(EmbeddingUnavailable) as raised:
        await provider.embed(["하나"])

    assert len(server.requests) == 2  # an invalid answer is asked again once
    assert fallback.calls == []  # never vectors of another embedder
    assert raised.value.context["embedder"] == "gemini:gemini-embedding-001:16"
    assert raised.value.context["reason"] == "INVALID_ANSWER"
    assert provider.usage().degraded is True


async def test_one_failing_chunk_makes_the_whole_call_unavailable(
        server: FakeGemini, provider: GeminiProvider, fallback: StubFallback) -> None:
    server.script(bad_request(), operation="batchEmbedContents")
    metrics = MetricDelta()

    with pytest.raises(EmbeddingUnavailable) as raised:
        await provider.embed([f"t{i}" for i in range(150)])

    assert len(server.requests) == 2  # 400 is not retried; the other chunk succeeded
    assert fallback.calls == []  # no mix of two embedding spaces, not even in one answer
    assert raised.value.status == 400 and raised.value.retryable is False
    assert metrics("embed", "client_error") == 1 and metrics("embed", "ok") == 1


async def test_embed_is_retried_before_it_is_unavailable(server: FakeGemini, provider: GeminiProvider) -> None:
    server.script(unavailable(), rate_limited(), operation="batchEmbedContents")

    vectors = await provider.embed(["하나"])

    assert len(server.requests) == 3
    assert vectors[0] == pytest.approx(fake_vector("하나", DIM))
    assert provider.usage().degraded is False


# --- pacing ----------------------------------------------------------------------------------

async def test_concurrency_is_bounded(server: FakeGemini, fallback: StubFallback) -> None:
    gemini = GeminiProvider(make_settings(server, gemini_concurrency=2), fallback=fallback)
    slow = generate_reply({"text": "slow", "resolutions": [], "references": [], "sources": []})
    slow.delay = 0.1
    server.script(*[slow] * 6)
    try:
        drafts = await asyncio.gather(*(gemini.explain(EXPLAIN) for _ in range(6)))
    finally:
        await gemini.aclose()
    assert [d.text for d in drafts] == ["slow"] * 6
    assert server.max_in_flight == 2


async def test_request_budget_paces_instead_of_failing(server: FakeGemini, fallback: StubFallback) -> None:
    gemini = GeminiProvider(make_settings(server), fallback=fallback, budget=RequestBudget(2, window=0.4))
    started = time.monotonic()
    try:
        for _ in range(3):
            await gemini.explain(EXPLAIN)
    finally:
        await gemini.aclose()
    assert time.monotonic() - started >= 0.35
    assert len(server.requests) == 3


# --- client ----------------------------------------------------------------------------------

async def test_an_injected_client_is_used_and_left_open(server: FakeGemini) -> None:
    client = genai.Client(api_key="injected-key", http_options=types.HttpOptions(
        base_url=server.url, api_version="v1beta", timeout=2000))
    gemini = GeminiProvider(make_settings(None, gemini_api_key=None), client=client)
    await gemini.explain(EXPLAIN)
    await gemini.aclose()

    response = await client.aio.models.generate_content(model="gemini-2.5-flash", contents="still open?")
    await client.aio.aclose()
    client.close()
    assert response.text
    assert [r.headers["x-goog-api-key"] for r in server.requests] == ["injected-key", "injected-key"]


async def test_usage_is_a_copy(provider: GeminiProvider) -> None:
    usage = provider.usage()
    usage.calls = 99
    assert provider.usage().calls == 0


def test_cost_table_uses_the_longest_prefix() -> None:
    assert estimate_cost_usd("gemini-2.5-flash", 1_000_000, 1_000_000) == pytest.approx(2.80)
    assert estimate_cost_usd("models/gemini-2.5-flash-lite-preview-06-17", 1_000_000, 0) == pytest.approx(0.10)
    assert estimate_cost_usd("some-future-model", 1_000_000, 1_000_000) == 0.0


def test_fake_server_replies_are_valid_json() -> None:
    # guards the test double itself: the SDK must be able to parse what it sends
    assert json.loads(json.dumps(generate_reply(ANALYSIS).body))["candidates"][0]["content"]["parts"]
