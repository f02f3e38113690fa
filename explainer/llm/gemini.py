"""The Gemini provider: google-genai's async API with JSON response schemas, bounded concurrency,
a per-minute request budget, retries (tenacity) and one fallback policy.

Retry policy (every operation, `_retrying`):
- 429, 408, 500, 502, 503, 504, timeouts and network errors are retried up to
  `gemini_max_retries` times with exponential backoff and jitter; a server-given delay
  (`Retry-After` header or google.rpc.RetryInfo `retryDelay`) is honoured instead, and a delay
  longer than `max_backoff` (an exhausted daily quota) fails at once rather than stall the job.
- An answer that is not valid JSON or misses required fields is asked again once, then fails.
- Other 4xx are not retried. An invalid key (400 API_KEY_INVALID, 401, 403) disables the
  provider: it is reported once (log + GeminiError) and later calls never reach the server.

Fallback policy (what an operation does once its retries are spent, `FALLBACK_POLICY`, applied
in `_give_up` only):
- `analyse` answers from the injected fallback provider and marks usage degraded;
- `explain` raises GeminiError: the explain service composes the graph-only answer (the offline
  provider's composer) and marks that one answer degraded;
- `embed` raises EmbeddingUnavailable and marks usage degraded. It never substitutes vectors of
  another embedder: one vector index holds one embedding space.

Metrics: LLM_CALLS{provider="gemini", kind=analyse|embed|explain, outcome} counts every request
sent (outcome ok, invalid_answer, rate_limited, server_error, timeout, network_error,
client_error, auth_error), every operation answered by the fallback (outcome fallback) and every
embedding given up (outcome unavailable); LLM_TOKENS counts input/output tokens from the answers'
usage metadata.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import math
from collections.abc import Awaitable, Callable
from typing import Any, Literal, TypeVar

import httpx
from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import BaseModel, ValidationError
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)
from tenacity.wait import wait_base

from explainer.core.errors import EmbeddingUnavailable, GeminiError
from explainer.core.metrics import LLM_CALLS, LLM_TOKENS
from explainer.core.settings import Settings
from explainer.llm import prompts
from explainer.llm.base import (
    AnalysisContext,
    BatchAnalysis,
    EmbedderInfo,
    ExplainContext,
    ExplanationDraft,
    LLMProvider,
    LLMUsage,
    SegmentFacts,
    SegmentInput,
)
from explainer.llm.budget import RequestBudget

log = logging.getLogger(__name__)

PROVIDER_NAME = "gemini"

# batchEmbedContents refuses more: "at most 100 requests can be in one batch".
EMBED_BATCH_LIMIT = 100

# Pinned because structured output (responseSchema, systemInstruction) is documented on v1beta;
# google-genai 3.x defaults to v1 for the Developer API.
API_VERSION = "v1beta"

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
AUTH_STATUSES = frozenset({401, 403})
AUTH_REASONS = frozenset({"API_KEY_INVALID", "API_KEY_EXPIRED", "API_KEY_SERVICE_BLOCKED"})
INVALID_ANSWER_RETRIES = 1

Kind = Literal["analyse", "embed", "explain"]
# What each operation does once Gemini failed it for good (see the module docstring).
FALLBACK_POLICY: dict[Kind, Literal["fallback", "raise", "unavailable"]] = {
    "analyse": "fallback",
    "explain": "raise",
    "embed": "unavailable",
}

# USD per 1M tokens (input, output): Gemini Developer API paid tier, text, prompts up to 200k
# tokens, from ai.google.dev/gemini-api/docs/pricing (2025). Thinking tokens bill as output.
# Looked up by longest prefix (so dated preview names match); unknown models are not costed.
PRICES_PER_MILLION_TOKENS: dict[str, tuple[float, float]] = {
    "gemini-2.5-pro": (1.25, 10.00),
    "gemini-2.5-flash-lite": (0.10, 0.40),
    "gemini-2.5-flash": (0.30, 2.50),
    "gemini-2.0-flash-lite": (0.075, 0.30),
    "gemini-2.0-flash": (0.10, 0.40),
    "gemini-embedding-001": (0.15, 0.0),
    "text-embedding-004": (0.0, 0.0),
}


def estimate_cost_usd(model: str, input_tokens: int, output_tokens: int) -> float:
    name = model.removeprefix("models/")
    matches = [prefix for prefix in PRICES_PER_MILLION_TOKENS if name.startswith(prefix)]
    if not matches:
        return 0.0
    input_price, output_price = PRICES_PER_MILLION_TOKENS[max(matches, key=len)]
    return (input_tokens * input_price + output_tokens * output_price) / 1_000_000


def estimate_tokens(text: str) -> int:
    """Rough token count for answers without usage metadata (embeddings): ~4 UTF-8 bytes a
    token, which gives ~0.75 token per Hangul syllable and ~0.25 per Latin letter."""
    return max(1, math.ceil(len(text.encode("utf-8")) / 4))


# --- error classification --------------------------------------------------------------------

@functools.cache
def _transport_errors() -> tuple[type[BaseException], ...]:
    """Network error types of the HTTP stacks the SDK may use (httpx, its fork httpx2, aiohttp)."""
    found: list[type[BaseException]] = [httpx.TransportError]
    try:
        import httpx2

        found.append(httpx2.TransportError)
    except ImportError:
        pass
    try:
        import aiohttp

        found.append(aiohttp.ClientError)
    except ImportError:
        pass
    return tuple(found)


def _is_timeout(exc: BaseException) -> bool:
    return isinstance(exc, TimeoutError) or (
        isinstance(exc, _transport_errors()) and "Timeout" in type(exc).__name__)


def _error_details(exc: genai_errors.APIError) -> list[dict[str, Any]]:
    body = exc.details if isinstance(exc.details, dict) else {}
    error = body.get("error", body)
    details = error.get("details") if isinstance(error, dict) else None
    return [d for d in details if isinstance(d, dict)] if isinstance(details, list) else []


def _parse_seconds(value: object) -> float | None:
    """`"3"`, `"1.5"` (Retry-After) or `"37s"` (RetryInfo.retryDelay) → seconds."""
    if not isinstance(value, str):
        return None
    try:
        seconds = float(value.strip().removesuffix("s"))
    except ValueError:
        return None  # an HTTP-date Retry-After: Google does not send those
    return seconds if seconds >= 0 else None


def _retry_after(exc: genai_errors.APIError) -> float | None:
    headers = getattr(getattr(exc, "response", None), "headers", None)
    if headers is not None and (header := _parse_seconds(headers.get("retry-after"))) is not None:
        return header
    for detail in _error_details(exc):
        if str(detail.get("@type", "")).endswith("google.rpc.RetryInfo"):
            return _parse_seconds(detail.get("retryDelay"))
    return None


def to_gemini_error(exc: BaseException) -> GeminiError:
    """One GeminiError for anything a call can raise: SDK API errors, timeouts, network errors.

    `context` carries `reason` (ErrorInfo reason, gRPC status, TIMEOUT, NETWORK, CLIENT) and
    `auth=True` for credential problems.
    """
    if isinstance(exc, GeminiError):
        return exc
    if isinstance(exc, genai_errors.APIError):
        reasons = [str(d["reason"]) for d in _error_details(exc) if d.get("reason")]
        reason = reasons[0] if reasons else str(exc.status or exc.code)
        auth = exc.code in AUTH_STATUSES or bool(AUTH_REASONS.intersection(reasons))
        return GeminiError(
            f"Gemini API error {exc.code} {reason}: {exc.message}",
            retryable=exc.code in RETRYABLE_STATUSES, status=exc.code,
            retry_after=_retry_after(exc), reason=reason, auth=auth,
        )
    if _is_timeout(exc):
        return GeminiError("Gemini request timed out", retryable=True, reason="TIMEOUT")
    if isinstance(exc, _transport_errors()):
        return GeminiError(f"Gemini network error: {exc!r}", retryable=True, reason="NETWORK")
    return GeminiError(f"Gemini call failed: {exc!r}", retryable=False, reason="CLIENT")


def _outcome(error: GeminiError) -> str:
    """The `outcome` label of LLM_CALLS for a failed request."""
    if error.context.get("auth"):
        return "auth_error"
    if error.status == 429:
        return "rate_limited"
    if error.status is not None and error.status >= 500:
        return "server_error"
    reason = error.context.get("reason")
    if reason == "TIMEOUT":
        return "timeout"
    if reason == "NETWORK":
        return "network_error"
    return "client_error"


# --- retry policy ----------------------------------------------------------------------------

def is_retryable(exc: BaseException, max_backoff: float) -> bool:
    """Transient failures (429, 408, 5xx, timeouts, transport errors) whose server-given delay, if
    any, is within `max_backoff`. Never 400/401/403 or a disabled provider."""
    if not isinstance(exc, GeminiError) or not exc.retryable or exc.context.get("auth"):
        return False
    return exc.retry_after is None or exc.retry_after <= max_backoff


class wait_retry_after(wait_base):  # noqa: N801 - named like tenacity's own strategies
    """The server's `Retry-After`/`retryDelay` when the failure carries one, else `otherwise`."""

    def __init__(self, otherwise: wait_base) -> None:
        self.otherwise = otherwise

    def __call__(self, retry_state: RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        if isinstance(exc, GeminiError) and exc.retry_after is not None:
            return exc.retry_after
        return self.otherwise(retry_state)


# --- answer parsing --------------------------------------------------------------------------

class _InvalidAnswer(Exception):
    """The server answered, but not with what the response schema asks for."""


M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")
T = TypeVar("T")


def _parse_generated(response: types.GenerateContentResponse, model: type[M]) -> M:
    text = response.text
    if not text:
        reason = response.candidates[0].finish_reason if response.candidates else None
        feedback = response.prompt_feedback.block_reason if response.prompt_feedback else None
        raise _InvalidAnswer(f"no text (finish reason {reason}, block reason {feedback})")
    try:
        return model.model_validate_json(text)
    except ValidationError as exc:
        raise _InvalidAnswer(f"{exc.error_count()} validation errors: {exc.errors()[:3]}") from exc


def _generation_tokens(response: types.GenerateContentResponse) -> tuple[int, int]:
    meta = response.usage_metadata
    if meta is None:
        return 0, 0
    output = (meta.candidates_token_count or 0) + (meta.thoughts_token_count or 0)
    return meta.prompt_token_count or 0, output


def _restrict_to_batch(analysis: BatchAnalysis, batch: list[SegmentInput]) -> BatchAnalysis:
    """Drop facts about segments outside the batch; give every segment of the batch its facts."""
    indexes = [segment.index for segment in batch]
    known = set(indexes)
    facts: dict[int, SegmentFacts] = {}
    for fact in analysis.segments:
        if fact.index in known:
            facts.setdefault(fact.index, fact)
    entities = [e.model_copy(update={"segments": [i for i in dict.fromkeys(e.segments) if i in known]})
                for e in analysis.entities]
    return BatchAnalysis(
        segments=[facts.get(i) or SegmentFacts(index=i) for i in indexes],
        entities=entities,
        references=[r for r in analysis.references if r.segment in known],
        relations=analysis.relations,
    )


def _normalised(values: list[float]) -> list[float]:
    # Gemini embeddings truncated below 3072 dimensions are not unit length (Matryoshka).
    norm = math.sqrt(sum(v * v for v in values))
    return [v / norm for v in values] if norm else list(values)


# --- the provider ----------------------------------------------------------------------------

class GeminiProvider:
    """`LLMProvider` backed by the Gemini API. Build one per event loop (per job / per app)."""

    name = PROVIDER_NAME

    def __init__(self, settings: Settings, *, client: genai.Client | None = None,
                 fallback: LLMProvider | None = None, backoff_base: float = 1.0,
                 max_backoff: float = 60.0, budget: RequestBudget | None = None) -> None:
        self._settings = settings
        self._fallback = fallback
        self._backoff_base = backoff_base
        self._max_backoff = max_backoff
        self._timeout = settings.gemini_timeout_seconds
        self._semaphore = asyncio.Semaphore(settings.gemini_concurrency)
        self._budget = budget or RequestBudget(settings.gemini_requests_per_minute)
        self._usage = LLMUsage()
        self._disabled: GeminiError | None = None
        self._owns_client = client is None
        self._client: genai.Client | None = client
        if client is None:
            key = settings.gemini_api_key.get_secret_value() if settings.gemini_api_key else ""
            if key:
                self._client = genai.Client(api_key=key, vertexai=False, http_options=self._http_options())
            else:
                self._disable(GeminiError("GEMINI_API_KEY is not set", reason="NO_API_KEY", auth=True))

    def _http_options(self) -> types.HttpOptions:
        return types.HttpOptions(
            base_url=self._settings.gemini_base_url or None,
            api_version=API_VERSION,
            timeout=int(self._timeout * 1000),  # milliseconds
        )

    @property
    def disabled_reason(self) -> GeminiError | None:
        """The credential error that disabled this provider, if any."""
        return self._disabled

    def usage(self) -> LLMUsage:
        return self._usage.model_copy()

    async def aclose(self) -> None:
        if self._owns_client and self._client is not None:
            await self._client.aio.aclose()
            self._client.close()
        self._client = None

    # --- operations ---------------------------------------------------------------------------

    async def analyse(self, batch: list[SegmentInput], context: AnalysisContext) -> BatchAnalysis:
        if not batch:
            return BatchAnalysis()
        if len(batch) > self._settings.analysis_batch_size:
            raise ValueError(f"analyse got {len(batch)} segments; the pipeline batches by "
                             f"analysis_batch_size={self._settings.analysis_batch_size}")
        model = self._settings.gemini_model
        contents = prompts.analysis_contents(batch, context)
        config = self._json_config(prompts.analysis_system_instruction(context), prompts.AnalysisAnswer,
                                   temperature=0.2)
        try:
            answer = await self._request(
                "analyse", model,
                lambda client: client.aio.models.generate_content(model=model, contents=contents, config=config),
                _generation_tokens, lambda r: _parse_generated(r, prompts.AnalysisAnswer),
            )
        except GeminiError as exc:
            return await self._give_up("analyse", exc).analyse(batch, context)
        return _restrict_to_batch(answer.to_batch_analysis(), batch)

    async def explain(self, context: ExplainContext) -> ExplanationDraft:
        model = self._settings.gemini_explain_model
        contents = prompts.explanation_contents(context)
        config = self._json_config(prompts.explanation_system_instruction(context), prompts.ExplanationAnswer,
                                   temperature=0.4)
        try:
            return await self._request(
                "explain", model,
                lambda client: client.aio.models.generate_content(model=model, contents=contents, config=config),
                _generation_tokens, lambda r: _parse_generated(r, prompts.ExplanationAnswer).to_draft(),
            )
        except GeminiError as exc:
            return await self._give_up("explain", exc).explain(context)

    @property
    def embedder(self) -> EmbedderInfo:
        return EmbedderInfo(provider=self.name, model=self._settings.gemini_embedding_model,
                            dimension=self._settings.embedding_dim)

    async def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        chunks = [texts[i:i + EMBED_BATCH_LIMIT] for i in range(0, len(texts), EMBED_BATCH_LIMIT)]
        results = await asyncio.gather(*(self._embed_chunk(chunk) for chunk in chunks))
        failure = next((r for r in results if isinstance(r, GeminiError)), None)
        if failure is not None:
            self._give_up("embed", failure)  # raises EmbeddingUnavailable: all or nothing
        return [vector for chunk in results if not isinstance(chunk, GeminiError) for vector in chunk]

    async def _embed_chunk(self, chunk: list[str]) -> list[list[float]] | GeminiError:
        model = self._settings.gemini_embedding_model
        dim = self._settings.embedding_dim
        config = types.EmbedContentConfig(output_dimensionality=dim)
        contents: list[types.Content] = [types.Content(parts=[types.Part(text=text)]) for text in chunk]

        def tokens(response: types.EmbedContentResponse) -> tuple[int, int]:
            meta = response.usage_metadata
            if meta is not None and meta.prompt_token_count:
                return meta.prompt_token_count, 0
            return sum(estimate_tokens(text) for text in chunk), 0

        def parse(response: types.EmbedContentResponse) -> list[list[float]]:
            vectors = [list(e.values or []) for e in response.embeddings or []]
            if len(vectors) != len(chunk) or any(len(v) != dim for v in vectors):
                raise _InvalidAnswer(f"expected {len(chunk)} vectors of {dim} floats, got "
                                     f"{[len(v) for v in vectors][:5]}... ({len(vectors)} vectors)")
            return [_normalised(v) for v in vectors]

        try:
            return await self._request(
                "embed", model,
                lambda client: client.aio.models.embed_content(model=model, contents=contents, config=config),
                tokens, parse,
            )
        except GeminiError as exc:
            return exc

    # --- machinery ----------------------------------------------------------------------------

    @staticmethod
    def _json_config(system: types.Content, schema: type[BaseModel], *,
                     temperature: float) -> types.GenerateContentConfig:
        # The SDK turns the pydantic model into the API's OpenAPI-subset Schema itself ($defs
        # inlined, Optional -> nullable, Literal -> enum) and rejects additionalProperties,
        # which none of our response models use.
        return types.GenerateContentConfig(
            system_instruction=system,
            response_mime_type="application/json",
            response_schema=schema,
            temperature=temperature,
            automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True),
        )

    async def _request(self, kind: Kind, model: str, send: Callable[[genai.Client], Awaitable[R]],
                       tokens: Callable[[R], tuple[int, int]], parse: Callable[[R], T]) -> T:
        """Send with retries; returns the parsed answer or raises GeminiError.

        Two tenacity controllers: the inner one retries one request on transient errors, the
        outer one asks again (once) when a request was answered with an invalid answer."""

        async def attempt() -> T:
            response: R = await self._retrying(kind)(self._send_counted, kind, send)
            self._record_tokens(kind, model, *tokens(response))
            try:
                result = parse(response)
            except _InvalidAnswer:
                self._count(kind, "invalid_answer")
                raise
            self._count(kind, "ok")
            return result

        asking = AsyncRetrying(
            retry=retry_if_exception_type(_InvalidAnswer), stop=stop_after_attempt(1 + INVALID_ANSWER_RETRIES),
            before_sleep=lambda state: log.warning("gemini %s: invalid answer (%s), asking again", kind,
                                                   state.outcome.exception() if state.outcome else None),
            reraise=True,
        )
        try:
            return await asking(attempt)
        except _InvalidAnswer as exc:
            raise GeminiError(f"Gemini returned an invalid {kind} answer: {exc}",
                              retryable=False, reason="INVALID_ANSWER") from exc

    def _retrying(self, kind: Kind) -> AsyncRetrying:
        """The retry controller of one request: `is_retryable` decides, the server's delay or
        exponential backoff with jitter waits, `gemini_max_retries` bounds."""
        max_retries = self._settings.gemini_max_retries

        def log_retry(state: RetryCallState) -> None:
            error = state.outcome.exception() if state.outcome else None
            log.info("gemini %s: %s; retry %d/%d in %.2fs", kind, getattr(error, "message", error),
                     state.attempt_number, max_retries, state.upcoming_sleep)

        return AsyncRetrying(
            retry=retry_if_exception(lambda exc: is_retryable(exc, self._max_backoff)),
            wait=wait_retry_after(wait_exponential_jitter(initial=self._backoff_base, max=self._max_backoff,
                                                          jitter=self._backoff_base)),
            stop=stop_after_attempt(1 + max_retries),
            before_sleep=log_retry,
            reraise=True,
        )

    async def _send_counted(self, kind: Kind, send: Callable[[genai.Client], Awaitable[R]]) -> R:
        """One request; any failure comes out as a counted GeminiError (auth errors disable)."""
        client = self._usable_client()
        try:
            return await self._send_once(send, client)
        except Exception as exc:  # everything the SDK or the transport raises
            error = to_gemini_error(exc)
        self._count(kind, _outcome(error))
        if error.context.get("auth"):
            self._disable(error)
        raise error

    def _usable_client(self) -> genai.Client:
        if self._disabled is not None:
            raise self._disabled
        if self._client is None:
            raise GeminiError("the Gemini provider is closed", reason="CLOSED")
        return self._client

    async def _send_once(self, send: Callable[[genai.Client], Awaitable[R]], client: genai.Client) -> R:
        async with self._semaphore:
            await self._budget.acquire()
            self._usage.calls += 1
            # the SDK's own timeout (HttpOptions) is per read; this bounds the whole request
            async with asyncio.timeout(self._timeout):
                return await send(client)

    def _disable(self, error: GeminiError) -> None:
        if self._disabled is None:
            self._disabled = error
            log.error("Gemini disabled, using %s from now on: %s",
                      self._fallback.name if self._fallback else "no fallback", error.message)

    def _give_up(self, kind: Kind, error: GeminiError) -> LLMProvider:
        """The one fallback policy (`FALLBACK_POLICY`): the provider to answer `kind` after
        `error`, or the error to raise."""
        policy = FALLBACK_POLICY[kind]
        if policy == "unavailable":
            self._usage.degraded = True
            self._count(kind, "unavailable")
            raise EmbeddingUnavailable(
                f"{self.embedder.key} could not embed a batch: {error.message}", retryable=error.retryable,
                status=error.status, retry_after=error.retry_after, embedder=self.embedder.key,
                **{k: v for k, v in error.context.items() if k != "embedder"},
            ) from error
        if policy == "raise" or self._fallback is None:
            raise error
        if error is not self._disabled:  # the disabling error was already reported
            log.warning("gemini %s failed (%s); answering with %s", kind, error.message, self._fallback.name)
        self._usage.degraded = True
        self._count(kind, "fallback")
        return self._fallback

    def _count(self, kind: Kind, outcome: str) -> None:
        LLM_CALLS.labels(provider=PROVIDER_NAME, kind=kind, outcome=outcome).inc()

    def _record_tokens(self, kind: Kind, model: str, input_tokens: int, output_tokens: int) -> None:
        self._usage.input_tokens += input_tokens
        self._usage.output_tokens += output_tokens
        self._usage.estimated_cost_usd += estimate_cost_usd(model, input_tokens, output_tokens)
        LLM_TOKENS.labels(provider=PROVIDER_NAME, kind=kind, direction="input").inc(input_tokens)
        LLM_TOKENS.labels(provider=PROVIDER_NAME, kind=kind, direction="output").inc(output_tokens)
