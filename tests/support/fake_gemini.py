"""A local HTTP server that speaks the part of the Gemini REST API (`v1beta`) the product uses.

The real `google-genai` SDK is pointed at it with `HttpOptions(base_url=server.url)`, so tests
exercise the SDK's own request building, error mapping and response parsing. Paths the SDK
calls (Gemini Developer API mode):

- `POST /v1beta/models/{model}:generateContent`
- `POST /v1beta/models/{model}:batchEmbedContents` (the SDK sends every `embed_content` here,
  one `requests[]` entry per content)

Every request is recorded (method, path, headers, JSON body). Answers come from a script — a
queue of `Reply` objects, optionally bound to one operation — and, when the script has nothing
for a request, from default responders: a configurable analysis or explanation answer for
`generateContent` (chosen by the response schema the request carries) and deterministic unit
vectors of the requested `outputDimensionality` for `batchEmbedContents`.

Use it as a context manager; `stop()` releases hanging replies, closes open connections and
joins every handler thread, so nothing outlives the test.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import re
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_PATH = re.compile(r"^/(?P<version>v1\w*)/models/(?P<model>[^:/]+):(?P<operation>\w+)$")


@dataclass
class Reply:
    """One scripted answer. `body` is sent as JSON unless it is a str (sent verbatim)."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a hang past the client's timeout)


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: str
    headers: dict[str, str]  # lower-cased names
    body: Any

    @property
    def model(self) -> str:
        match = _PATH.match(self.path)
        return match["model"] if match else ""

    @property
    def operation(self) -> str:
        match = _PATH.match(self.path)
        return match["operation"] if match else ""


# --- reply builders --------------------------------------------------------------------------

def generate_reply(answer: Any, *, prompt_tokens: int = 120, output_tokens: int = 30,
                   thoughts_tokens: int = 0, finish_reason: str = "STOP") -> Reply:
    """A `generateContent` answer whose text is `answer` (JSON-encoded unless already a str)."""
    text = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
    usage: dict[str, int] = {
        "promptTokenCount": prompt_tokens,
        "candidatesTokenCount": output_tokens,
        "totalTokenCount": prompt_tokens + output_tokens + thoughts_tokens,
    }
    if thoughts_tokens:
        usage["thoughtsTokenCount"] = thoughts_tokens
    return Reply(body={
        "candidates": [{
            "content": {"role": "model", "parts": [{"text": text}]},
            "finishReason": finish_reason,
            "index": 0,
        }],
        "usageMetadata": usage,
        "modelVersion": "fake-gemini",
    })


def error_reply(status: int, grpc_status: str, message: str, *, details: list[dict[str, Any]] | None = None,
                headers: dict[str, str] | None = None) -> Reply:
    """An error in Google's JSON error format (`{"error": {code, message, status, details}}`)."""
    error: dict[str, Any] = {"code": status, "message": message, "status": grpc_status}
    if details:
        error["details"] = details
    return Reply(status=status, body={"error": error}, headers=dict(headers or {}))


def rate_limited(*, retry_after: str | None = None, retry_delay: str | None = None) -> Reply:
    """429 RESOURCE_EXHAUSTED, with a `Retry-After` header and/or a google.rpc.RetryInfo detail."""
    details = [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": retry_delay}] \
        if retry_delay else None
    headers = {"Retry-After": retry_after} if retry_after else None
    return error_reply(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).",
                       details=details, headers=headers)


def unavailable() -> Reply:
    return error_reply(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")


def internal_error() -> Reply:
    return error_reply(500, "INTERNAL", "An internal error has occurred.")


def invalid_api_key() -> Reply:
    return error_reply(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", details=[{
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "API_KEY_INVALID",
        "domain": "googleapis.com",
        "metadata": {"service": "generativelanguage.googleapis.com"},
    }])


def unauthenticated() -> Reply:
    return error_reply(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")


def permission_denied() -> Reply:
    return error_reply(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers.")


def bad_request(message: str = "Invalid JSON payload received.") -> Reply:
    return error_reply(400, "INVALID_ARGUMENT", message)


def hang(seconds: float) -> Reply:
    """Answers (too late) after `seconds`; the client should have timed out by then."""
    late = generate_reply(DEFAULT_EXPLANATION)
    late.delay = seconds
    return late


def fake_vector(text: str, dim: int) -> list[float]:
    """A deterministic unit vector for `text` (not meaningful, just stable and distinct)."""
    seed = hashlib.sha256(text.encode("utf-8")).digest()
    raw = [((seed[i % len(seed)] + 31 * i) % 97) / 97.0 - 0.5 for i in range(dim)]
    norm = math.sqrt(sum(x * x for x in raw)) or 1.0
    return [x / norm for x in raw]


DEFAULT_ANALYSIS: dict[str, Any] = {"segments": [], "entities": [], "references": [], "relations": []}
DEFAULT_EXPLANATION: dict[str, Any] = {"text": "fake explanation", "resolutions": [], "references": [], "sources": []}


# --- oracle mode -----------------------------------------------------------------------------

@dataclass(frozen=True)
class OracleLine:
    """A line whose person mentions are known: (expression, referent name) in order."""

    text: str
    mentions: tuple[tuple[str, str], ...]
    speaker: str | None = None
    # the line's start in its episode: lines said again ("What?", "I know.") differ by their time
    at: float | None = None


_PROMPT_SEGMENT = re.compile(r"^\[segment (?P<index>\d+)\]")
_PROMPT_LINE = re.compile(r"^\s+(?P<at>\d+(?:\.\d+)?) (?P<rest>.*)$")


def oracle_analysis(texts: Iterator[str], labels: list[OracleLine]) -> dict[str, Any]:
    """A perfect analysis of the batch in the prompt: every labelled line found in it gives its
    people as entities and each mention as a reference at the line's time (confidence 0.95)."""
    by_text: dict[str, OracleLine] = {}
    by_time: dict[tuple[str, float], OracleLine] = {}
    for label in labels:
        by_text.setdefault(" ".join(label.text.split()), label)
        if label.at is not None:
            by_time.setdefault((" ".join(label.text.split()), round(label.at, 1)), label)
    segments: list[int] = []
    entities: dict[str, set[int]] = {}
    references: list[dict[str, Any]] = []
    segment = -1
    for line in "\n".join(texts).splitlines():
        if match := _PROMPT_SEGMENT.match(line):
            segment = int(match["index"])
            segments.append(segment)
            continue
        match = _PROMPT_LINE.match(line)
        if match is None or segment < 0:
            continue
        rest, at = match["rest"], round(float(match["at"]), 1)
        texts = [" ".join(rest.split())]
        if ": " in rest:
            texts.append(" ".join(rest.split(": ", 1)[1].split()))
        label = next((by_time[(t, at)] for t in texts if (t, at) in by_time), None) or \
            next((by_text[t] for t in texts if t in by_text), None)
        if label is None:
            continue
        if label.speaker:
            entities.setdefault(label.speaker, set()).add(segment)
        for expression, referent in label.mentions:
            entities.setdefault(referent, set()).add(segment)
            references.append({"segment": segment, "expression": expression, "at": float(match["at"]),
                               "referent": referent, "confidence": 0.95})
    return {"segments": [{"index": i, "topics": [], "complexity": 3, "importance": 3} for i in segments],
            "entities": [{"name": name, "type": "character", "aliases": [], "description": "",
                          "segments": sorted(found)} for name, found in entities.items()],
            "references": references, "relations": []}


# --- the server ------------------------------------------------------------------------------

class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins handler threads
    block_on_close = True
    fake: FakeGemini


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive like Google's frontends; every reply has a length
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.fake._connection_opened(self.request)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.fake._connection_closed(self.request)

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def do_POST(self) -> None:
        self._handle()

    def do_GET(self) -> None:
        self._handle()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except json.JSONDecodeError:
            body = raw.decode("utf-8", "replace")
        path, _, query = self.path.partition("?")
        request = RecordedRequest(
            method=self.command, path=path, query=query,
            headers={k.lower(): v for k, v in self.headers.items()}, body=body,
        )
        fake = self.server.fake
        reply = fake._reply_for(request)
        try:
            if reply.delay and fake._stopping.wait(reply.delay):
                self.close_connection = True
                return
            self._send(reply)
        finally:
            fake._request_done()

    def _send(self, reply: Reply) -> None:
        payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body, ensure_ascii=False)
        data = payload.encode("utf-8")
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            self.close_connection = True


class FakeGemini:
    """Start with `with FakeGemini() as server:`; point the SDK at `server.url`."""

    def __init__(self) -> None:
        self.analysis_answer: dict[str, Any] = dict(DEFAULT_ANALYSIS)
        self.explanation_answer: dict[str, Any] = dict(DEFAULT_EXPLANATION)
        self.prompt_tokens = 120
        self.output_tokens = 30
        # oracle mode: analysis answered from known labels (see `OracleLine`), not `analysis_answer`
        self.oracle: list[OracleLine] | None = None
        # explain requests answered by this instead of `explanation_answer` (bench/replay.py: an
        # answer file per prompt, or the real model)
        self.explanation_reply: Callable[[RecordedRequest], Reply] | None = None
        # an embedding batch holding a text with this substring answers 503, every attempt
        self.fail_embeds_containing: str | None = None
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._script: list[tuple[str | None, Reply]] = []
        self._connections: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._in_flight = 0
        self.max_in_flight = 0  # most requests being answered at the same time
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # lifecycle

    def start(self) -> FakeGemini:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fake-gemini", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:  # wake handler threads blocked on keep-alive reads
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._server.server_close()  # joins the handler threads
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None

    def __enter__(self) -> FakeGemini:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # scripting and inspection

    def script(self, *replies: Reply, operation: str | None = None) -> None:
        """Queue replies, served in order to requests of `operation` (any operation if None)."""
        with self._lock:
            self._script.extend((operation, reply) for reply in replies)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._script)

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def requests_for(self, operation: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.operation == operation]

    def iter_texts(self, request: RecordedRequest) -> Iterator[str]:
        """The text parts a request sent (generate: contents; embed: one per requests[] entry)."""
        body = request.body or {}
        for item in body.get("contents", []):
            for part in item.get("parts", []):
                yield part.get("text", "")
        for item in body.get("requests", []):
            for part in item.get("content", {}).get("parts", []):
                yield part.get("text", "")

    # internals called by the handler threads

    def _connection_opened(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.add(conn)

    def _connection_closed(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.discard(conn)

    def _reply_for(self, request: RecordedRequest) -> Reply:
        with self._lock:
            self._requests.append(request)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            for i, (operation, reply) in enumerate(self._script):
                if operation is None or operation == request.operation:
                    del self._script[i]
                    return reply
        return self._default_reply(request)

    def _request_done(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _default_reply(self, request: RecordedRequest) -> Reply:
        if request.operation == "generateContent":
            schema = ((request.body or {}).get("generationConfig") or {}).get("responseSchema") or {}
            explain = "text" in schema.get("properties", {})
            if explain and self.explanation_reply is not None:
                return self.explanation_reply(request)
            answer = self.explanation_answer if explain else self.analysis_answer
            if self.oracle is not None and answer is self.analysis_answer:
                answer = oracle_analysis(self.iter_texts(request), self.oracle)
            return generate_reply(answer, prompt_tokens=self.prompt_tokens, output_tokens=self.output_tokens)
        if request.operation == "batchEmbedContents":
            marker = self.fail_embeds_containing
            if marker is not None and any(marker in text for text in self.iter_texts(request)):
                return unavailable()
            embeddings = []
            for item in (request.body or {}).get("requests", []):
                text = " ".join(p.get("text", "") for p in item.get("content", {}).get("parts", []))
                embeddings.append({"values": fake_vector(text, int(item.get("outputDimensionality") or 3072))})
            return Reply(body={"embeddings": embeddings})
        return error_reply(404, "NOT_FOUND", f"fake Gemini does not serve {request.method} {request.path}")
