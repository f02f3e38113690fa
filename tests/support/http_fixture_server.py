"""A local HTTP server (127.0.0.1, random port) serving fixture files and programmable routes.

Used by the fetcher and wiki tests: real sockets, real HTTP/1.0 framing, so the fetcher's
streaming, size and time limits meet the same bytes they would meet on the network.

Routes:
- exact routes by path (optionally with the query string) → a `Route` or a callable;
- prefix routes (longest prefix wins) → a callable `(RecordedRequest) -> Route`;
- `mount_wiki_fixtures()` maps a fixture tree to the URL shapes of namu.wiki and Wikipedia.

A `Route` can redirect, fail, declare a huge Content-Length, stream a big body without a
length, or drip its body slowly. `stop()` (or leaving the `with` block) shuts the server down,
wakes dripping handlers, closes open connections and joins every handler thread.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest


@dataclass(frozen=True)
class RecordedRequest:
    path: str  # decoded path, no query
    query: dict[str, str]
    raw_path: str  # as sent, with query
    headers: dict[str, str]  # lower-case names
    at: float  # time.monotonic()
    method: str = "GET"
    body: bytes = b""


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True  # False: close-delimited body (no Content-Length)
    declared_length: int | None = None  # a Content-Length that need not match the body
    drip_seconds: float | None = None  # send the body `drip_bytes` at a time, sleeping between
    drip_bytes: int = 1


Responder = Route | Callable[[RecordedRequest], Route]


def text_route(text: str, *, status: int = 200, content_type: str = "text/html; charset=utf-8",
               headers: dict[str, str] | None = None) -> Route:
    return Route(status=status, body=text.encode("utf-8"), content_type=content_type, headers=headers or {})


def json_route(data: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> Route:
    body = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return text_route(body, status=status, content_type="application/json; charset=utf-8", headers=headers)


def redirect_route(location: str, *, status: int = 302) -> Route:
    return Route(status=status, content_type=None, headers={"Location": location})


NOT_FOUND = text_route("<html><body><h1>404 Not Found</h1></body></html>", status=404)


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins handler threads
    block_on_close = True
    fixture: FixtureServer


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 5  # a client that never sends its request does not pin a thread for long

    def setup(self) -> None:
        super().setup()
        self.server.fixture._opened(self.request)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.server.fixture._closed(self.request)

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._handle("POST", self.rfile.read(length) if length else b"")

    def do_GET(self) -> None:
        self._handle("GET", b"")

    def _handle(self, method: str, body: bytes) -> None:
        split = urlsplit(self.path)
        request = RecordedRequest(
            path=unquote(split.path),
            query={k: v[0] for k, v in parse_qs(split.query, keep_blank_values=True).items()},
            raw_path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            at=time.monotonic(),
            method=method,
            body=body,
        )
        fixture = self.server.fixture
        fixture._record(request)
        # the client may hang up mid-body (size or time limit): expected in these tests
        with contextlib.suppress(BrokenPipeError, ConnectionResetError, TimeoutError):
            self._send(fixture._route_for(request))

    def _send(self, route: Route) -> None:
        self.send_response(route.status)
        if route.content_type:
            self.send_header("Content-Type", route.content_type)
        if route.declared_length is not None:
            self.send_header("Content-Length", str(route.declared_length))
        elif route.send_length:
            self.send_header("Content-Length", str(len(route.body)))
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        stopping = self.server.fixture._stopping
        if route.drip_seconds is None:
            for start in range(0, len(route.body), 65536):
                self.wfile.write(route.body[start:start + 65536])
            return
        for start in range(0, len(route.body), route.drip_bytes):
            if stopping.is_set():
                return
            self.wfile.write(route.body[start:start + route.drip_bytes])
            self.wfile.flush()
            stopping.wait(route.drip_seconds)


class FixtureServer:
    host = "127.0.0.1"

    def __init__(self) -> None:
        self._routes: dict[str, Responder] = {}
        self._prefixes: dict[str, Callable[[RecordedRequest], Route]] = {}
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._server = _Server((self.host, 0), _Handler)
        self._server.fixture = self
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> FixtureServer:
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01},
                                        name="wiki-fixture-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        with self._lock:
            open_connections = list(self._connections)
        for conn in open_connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._server.server_close()  # joins the handler threads
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses --------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def netloc(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"http://{self.netloc}"

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    # -- routes -----------------------------------------------------------------------------

    def add(self, path: str, responder: Responder) -> None:
        """Exact route; `path` is matched decoded, with its query string when it has one."""
        self._routes[unquote(path)] = responder

    def add_prefix(self, prefix: str, responder: Callable[[RecordedRequest], Route]) -> None:
        self._prefixes[prefix] = responder

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path]

    # -- internals (handler threads) --------------------------------------------------------

    def _route_for(self, request: RecordedRequest) -> Route:
        split = urlsplit(request.raw_path)
        for key in (unquote(request.raw_path), unquote(split.path)):
            responder = self._routes.get(key)
            if responder is not None:
                return responder(request) if callable(responder) else responder
        for prefix in sorted(self._prefixes, key=len, reverse=True):
            if request.path.startswith(prefix):
                return self._prefixes[prefix](request)
        return NOT_FOUND

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _opened(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.add(conn)

    def _closed(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.discard(conn)


@contextlib.contextmanager
def serve_fixtures() -> Iterator[FixtureServer]:
    with FixtureServer() as server:
        yield server


@pytest.fixture
def fixture_server() -> Iterator[FixtureServer]:
    """A running `FixtureServer`, stopped after the test. Import it into a test module or a
    conftest (`from tests.support.http_fixture_server import fixture_server`)."""
    with serve_fixtures() as server:
        yield server


# --- wiki fixture trees ----------------------------------------------------------------------

def fixture_name(title: str) -> str:
    """File stem for a page title: the URL-quoted title (spaces as %20)."""
    return quote(title, safe="")


def mount_wiki_fixtures(server: FixtureServer, root: Path) -> None:
    """Serve a fixture tree at the URL shapes the wiki clients call:

    - `{root}/namuwiki/{quoted title}.html`     → `/namuwiki/w/{title}`
    - `{root}/wikipedia/{lang}/summary/{quoted title}.json` → `/wikipedia/{lang}/api/rest_v1/page/summary/{title}`
    - `{root}/wikipedia/{lang}/parse/{quoted title}.json`   → `/wikipedia/{lang}/w/api.php?action=parse&page={title}`

    Point the settings at them with `namuwiki_base_url=server.url("/namuwiki")` and
    `wikipedia_base_url=server.url("/wikipedia/{lang}")`. Titles are matched with spaces and
    underscores treated alike, as on Wikipedia. Missing pages answer like the real services
    (namu.wiki: an HTML 404; REST: a JSON 404; Action API: HTTP 200 with `error.code=missingtitle`).
    """

    def find(folder: Path, title: str, suffix: str) -> Path | None:
        for candidate in (title, title.replace("_", " ")):
            path = folder / f"{fixture_name(candidate)}{suffix}"
            if path.is_file():
                return path
        return None

    def namuwiki(request: RecordedRequest) -> Route:
        title = request.path.removeprefix("/namuwiki/w/")
        path = find(root / "namuwiki", title, ".html")
        if path is None:
            return text_route("<html><body><p>해당 문서를 찾을 수 없습니다.</p></body></html>", status=404)
        return Route(body=path.read_bytes())

    def wikipedia(request: RecordedRequest) -> Route:
        rest = request.path.removeprefix("/wikipedia/")
        lang, _, tail = rest.partition("/")
        if tail.startswith("api/rest_v1/page/summary/"):
            title = tail.removeprefix("api/rest_v1/page/summary/")
            path = find(root / "wikipedia" / lang / "summary", title, ".json")
            if path is None:
                return json_route({"type": "https://mediawiki.org/wiki/HyperSwitch/errors/not_found",
                                   "title": "Not found.", "method": "get",
                                   "detail": "Page or revision not found.", "uri": request.path}, status=404)
            return Route(body=path.read_bytes(), content_type="application/json; charset=utf-8")
        if tail == "w/api.php" and request.query.get("action") == "parse":
            path = find(root / "wikipedia" / lang / "parse", request.query.get("page", ""), ".json")
            if path is None:
                return json_route({"error": {"code": "missingtitle",
                                             "info": "The page you specified doesn't exist."},
                                   "servedby": "mw-api-ext.fixture"})
            return Route(body=path.read_bytes(), content_type="application/json; charset=utf-8")
        return NOT_FOUND

    server.add_prefix("/namuwiki/w/", namuwiki)
    server.add_prefix("/wikipedia/", wikipedia)
