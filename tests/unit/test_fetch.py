"""The safe fetcher against a real local HTTP server (and a MockTransport for public hosts).

Refusal tests run with private addresses NOT allowed; the fixture server is reached only
through `allow_hosts=[server.netloc]`, so anything it redirects to is vetted like any URL.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from explainer.core.errors import ExternalServiceError, FetchRefused
from explainer.core.fetch import SafeFetcher, is_public_address, parse_retry_after
from explainer.core.settings import Settings
from tests.support.http_fixture_server import (
    FixtureServer,
    Route,
    json_route,
    redirect_route,
    serve_fixtures,
    text_route,
)


def make_settings(*, fetch_timeout_seconds: float = 2.0, fetch_allow_private: bool = False) -> Settings:
    return Settings(_env_file=None, fetch_timeout_seconds=fetch_timeout_seconds,  # type: ignore[call-arg]
                    fetch_allow_private=fetch_allow_private, fetch_max_bytes=64 * 1024)


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with serve_fixtures() as running:
        running.add("/page", text_route("<p>안녕하세요</p>"))
        running.add("/data.json", json_route({"제목": "별빛 세탁소", "episodes": 16}))
        running.add("/euc-kr", Route(body="한글 자막".encode("euc-kr"), content_type="text/plain; charset=euc-kr"))
        yield running


@pytest.fixture
async def fetcher(server: FixtureServer) -> AsyncIterator[SafeFetcher]:
    safe = SafeFetcher(make_settings(), allow_hosts=[server.netloc], min_interval_seconds=0)
    yield safe
    await safe.aclose()


@pytest.fixture
async def strict() -> AsyncIterator[SafeFetcher]:
    """Defaults: nothing private allowed."""
    safe = SafeFetcher(make_settings(), min_interval_seconds=0)
    yield safe
    await safe.aclose()


def refusal_reason(exc: pytest.ExceptionInfo[FetchRefused]) -> str:
    return str(exc.value.context["reason"])


# --- fetching ---------------------------------------------------------------------------------

async def test_fetches_from_allowed_host_with_user_agent_and_accept(fetcher: SafeFetcher,
                                                                    server: FixtureServer) -> None:
    result = await fetcher.fetch(server.url("/page"), accept="text/html")
    assert result.status == 200
    assert result.text() == "<p>안녕하세요</p>"
    assert result.content_type == "text/html"
    assert result.encoding == "utf-8"
    assert result.final_url == server.url("/page")
    [request] = server.requests_to("/page")
    assert request.headers["user-agent"].startswith("subtitle-explainer/")
    assert request.headers["accept"] == "text/html"
    assert request.headers["host"] == server.netloc


async def test_json_and_declared_charset(fetcher: SafeFetcher, server: FixtureServer) -> None:
    data = await fetcher.fetch(server.url("/data.json"))
    assert data.json() == {"제목": "별빛 세탁소", "episodes": 16}
    legacy = await fetcher.fetch(server.url("/euc-kr"))
    assert legacy.text() == "한글 자막"


async def test_follows_redirects_on_the_same_allowed_host(fetcher: SafeFetcher, server: FixtureServer) -> None:
    server.add("/old", redirect_route("/middle", status=301))
    server.add("/middle", redirect_route(server.url("/page"), status=307))
    result = await fetcher.fetch(server.url("/old"))
    assert result.text() == "<p>안녕하세요</p>"
    assert result.url == server.url("/old")
    assert result.final_url == server.url("/page")
    assert result.redirects == (server.url("/middle"), server.url("/page"))


async def test_garbage_redirect_location_is_an_error(fetcher: SafeFetcher, server: FixtureServer) -> None:
    server.add("/bad", redirect_route("http://[::1"))
    with pytest.raises(ExternalServiceError):  # httpx itself rejects the Location header
        await fetcher.fetch(server.url("/bad"))
    assert [r.path for r in server.requests] == ["/bad"]


async def test_too_many_redirects(fetcher: SafeFetcher, server: FixtureServer) -> None:
    server.add("/loop", redirect_route("/loop"))
    with pytest.raises(FetchRefused) as exc:
        await fetcher.fetch(server.url("/loop"))
    assert refusal_reason(exc) == "too_many_redirects"
    assert len(server.requests_to("/loop")) == 6  # the first request + 5 redirects followed


# --- address refusals (private addresses not allowed) -----------------------------------------

@pytest.mark.parametrize("url", [
    "http://127.0.0.1/",
    "http://127.0.0.1:8080/admin",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/",  # IPv4-mapped 169.254.169.254
    "http://[fe80::1]/",
    "http://0.0.0.0/",
    "http://2130706433/",  # decimal 127.0.0.1
    "http://0x7f.1/",  # hex/short form of 127.0.0.1
    "http://127.1/",
    "http://10.1.2.3/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",  # carrier-grade NAT
    "http://224.0.0.1/",  # multicast
    "http://localhost/",
])
async def test_refuses_non_public_addresses(strict: SafeFetcher, url: str) -> None:
    with pytest.raises(FetchRefused) as exc:
        await strict.fetch(url)
    assert refusal_reason(exc) == "private_address"


@pytest.mark.parametrize(("url", "reason"), [
    ("file:///etc/passwd", "scheme"),
    ("ftp://example.com/file.srt", "scheme"),
    ("gopher://example.com/", "scheme"),
    ("data:text/plain,hello", "scheme"),
    ("http://0177.0.0.1/", "invalid_url"),  # octal form: not even a valid URL host
    ("http:///nohost", "invalid_url"),
    ("http://user:secret@example.com/", "userinfo"),
])
async def test_refuses_schemes_and_malformed_urls(strict: SafeFetcher, url: str, reason: str) -> None:
    with pytest.raises(FetchRefused) as exc:
        await strict.fetch(url)
    assert refusal_reason(exc) == reason


async def test_fixture_server_itself_is_refused_without_allowance(strict: SafeFetcher,
                                                                  server: FixtureServer) -> None:
    with pytest.raises(FetchRefused) as exc:
        await strict.fetch(server.url("/page"))
    assert refusal_reason(exc) == "private_address"
    assert server.requests == []  # refused before connecting


@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{other}/secret",
    "http://169.254.169.254/latest/meta-data/iam/",
    "http://[::1]:{port}/page",  # same server, other spelling: not on the allow-list
    "http://localhost:{port}/page",
    "file:///etc/passwd",
])
async def test_redirect_from_allowed_host_is_vetted_again(fetcher: SafeFetcher, server: FixtureServer,
                                                          target: str) -> None:
    server.add("/jump", redirect_route(target.format(other=server.port + 1, port=server.port)))
    with pytest.raises(FetchRefused) as exc:
        await fetcher.fetch(server.url("/jump"))
    assert refusal_reason(exc) in {"private_address", "scheme"}
    assert [r.path for r in server.requests] == ["/jump"]


async def test_allow_private_from_settings(server: FixtureServer) -> None:
    async with SafeFetcher(make_settings(fetch_allow_private=True), min_interval_seconds=0) as open_fetcher:
        result = await open_fetcher.fetch(server.url("/page"))
        assert result.status == 200
        # metadata endpoints stay refused even in this mode
        for metadata in ("http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/"):
            with pytest.raises(FetchRefused) as exc:
                await open_fetcher.fetch(metadata)
            assert refusal_reason(exc) == "private_address"


async def test_constructor_overrides_settings(server: FixtureServer) -> None:
    async with SafeFetcher(make_settings(fetch_allow_private=True), allow_private=False,
                           min_interval_seconds=0) as closed:
        with pytest.raises(FetchRefused):
            await closed.fetch(server.url("/page"))


# --- DNS: every answer vetted, connection pinned to the vetted address ------------------------

async def test_hostname_resolving_to_private_address_is_refused(strict: SafeFetcher) -> None:
    async def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "127.0.0.1"]  # one bad answer is enough

    strict._resolver = resolver
    with pytest.raises(FetchRefused) as exc:
        await strict.fetch("http://rebind.example/")
    assert exc.value.context["address"] == "127.0.0.1"


async def test_connects_to_the_vetted_address_with_original_host_header(server: FixtureServer) -> None:
    calls: list[str] = []

    async def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"]

    async with SafeFetcher(make_settings(), allow_hosts=[f"wiki.fixture.test:{server.port}"],
                           resolver=resolver, min_interval_seconds=0) as pinned:
        result = await pinned.fetch(f"http://wiki.fixture.test:{server.port}/page")
    assert result.final_url == f"http://wiki.fixture.test:{server.port}/page"
    assert calls == ["wiki.fixture.test"]  # resolved once, by us; the transport got an IP
    [request] = server.requests_to("/page")
    assert request.headers["host"] == f"wiki.fixture.test:{server.port}"


async def test_public_host_request_carries_ip_host_header_and_sni() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok")

    async def resolver(host: str, port: int) -> list[str]:
        return ["2606:2800:220:1:248:1893:25c8:1946", "93.184.216.34"]

    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with SafeFetcher(make_settings(), client=client, resolver=resolver, min_interval_seconds=0) as safe:
        result = await safe.fetch("https://ko.wikipedia.example/wiki/%EB%B3%84")
    assert result.text() == "ok"
    [request] = seen
    assert request.url.host == "93.184.216.34"  # pinned, IPv4 preferred
    assert request.url.raw_path == b"/wiki/%EB%B3%84"
    assert request.headers["host"] == "ko.wikipedia.example"
    assert request.extensions["sni_hostname"] == "ko.wikipedia.example"
    assert not client.is_closed  # an injected client belongs to the caller
    await client.aclose()


@pytest.mark.parametrize(("address", "public"), [
    ("8.8.8.8", True), ("2001:4860:4860::8888", True), ("127.0.0.1", False), ("::1", False),
    ("::ffff:10.0.0.1", False), ("64:ff9b::7f00:1", False), ("2002:7f00:1::", False),
    ("fc00::1", False), ("ff02::1", False), ("::", False), ("192.0.2.1", False), ("240.0.0.1", False),
])
def test_is_public_address(address: str, public: bool) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is public


# --- size and time limits ---------------------------------------------------------------------

async def test_body_over_limit_is_refused_while_streaming(fetcher: SafeFetcher, server: FixtureServer) -> None:
    server.add("/huge", Route(body=b"x" * 1_000_000, send_length=False, content_type="text/plain"))
    with pytest.raises(FetchRefused) as exc:
        await fetcher.fetch(server.url("/huge"), max_bytes=10_000)
    assert refusal_reason(exc) == "too_large"


async def test_settings_max_bytes_is_the_default(fetcher: SafeFetcher, server: FixtureServer) -> None:
    server.add("/big", Route(body=b"y" * (64 * 1024 + 1), send_length=False, content_type="text/plain"))
    with pytest.raises(FetchRefused) as exc:
        await fetcher.fetch(server.url("/big"))
    assert refusal_reason(exc) == "too_large"
    ok = await fetcher.fetch(server.url("/big"), max_bytes=100_000)
    assert len(ok.content) == 64 * 1024 + 1


async def test_declared_content_length_over_limit_is_refused_up_front(fetcher: SafeFetcher,
                                                                     server: FixtureServer) -> None:
    server.add("/liar", Route(body=b"tiny", declared_length=50_000_000, drip_seconds=0.5))
    started = time.monotonic()
    with pytest.raises(FetchRefused) as exc:
        await fetcher.fetch(server.url("/liar"))
    assert refusal_reason(exc) == "too_large"
    assert "Content-Length" in exc.value.message
    assert time.monotonic() - started < 1.0  # did not wait for the dripping body


async def test_slow_drip_body_hits_the_wall_clock_deadline(server: FixtureServer) -> None:
    # each byte arrives well within any per-read timeout; only a total deadline stops this
    server.add("/drip", Route(body=b"z" * 200, drip_seconds=0.05, content_type="text/plain"))
    async with SafeFetcher(make_settings(fetch_timeout_seconds=0.5), allow_hosts=[server.netloc],
                           min_interval_seconds=0) as safe:
        started = time.monotonic()
        with pytest.raises(FetchRefused) as exc:
            await safe.fetch(server.url("/drip"))
        elapsed = time.monotonic() - started
    assert refusal_reason(exc) == "timeout"
    assert 0.4 < elapsed < 1.5


# --- HTTP errors ------------------------------------------------------------------------------

@pytest.mark.parametrize(("status", "headers", "retry_after"), [
    (404, {}, None),
    (429, {"Retry-After": "7"}, 7.0),
    (503, {"Retry-After": "120"}, 120.0),
    (500, {}, None),
])
async def test_http_errors_keep_status(fetcher: SafeFetcher, server: FixtureServer, status: int,
                                       headers: dict[str, str], retry_after: float | None) -> None:
    server.add("/error", text_route("error", status=status, headers=headers))
    with pytest.raises(ExternalServiceError) as exc:
        await fetcher.fetch(server.url("/error"))
    assert not isinstance(exc.value, FetchRefused)
    assert exc.value.code == "EXTERNAL_SERVICE_ERROR"
    assert exc.value.context["status"] == status
    assert exc.value.context["retry_after"] == retry_after


async def test_connection_refused_is_an_external_service_error() -> None:
    free_port = unused_port()
    async with SafeFetcher(make_settings(), allow_hosts=[f"127.0.0.1:{free_port}"],
                           min_interval_seconds=0) as safe:
        with pytest.raises(ExternalServiceError) as exc:
            await safe.fetch(f"http://127.0.0.1:{free_port}/")
    assert exc.value.context["reason"] == "network"


def test_parse_retry_after() -> None:
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past


# --- rate limit -------------------------------------------------------------------------------

async def test_per_host_rate_limit_spaces_requests(server: FixtureServer) -> None:
    async with SafeFetcher(make_settings(fetch_allow_private=True), min_interval_seconds=0.2) as safe:
        started = time.monotonic()
        await asyncio.gather(*(safe.fetch(server.url("/page")) for _ in range(3)))
        same_host = time.monotonic() - started
        # another host (same server, other name) has its own slot
        await safe.fetch(f"http://localhost:{server.port}/page")
    times = [r.at for r in server.requests_to("/page")]
    assert same_host >= 0.38
    assert times[1] - times[0] >= 0.15 and times[2] - times[1] >= 0.15
    assert times[3] - times[2] < 0.15


async def test_aclose_closes_owned_client() -> None:
    safe = SafeFetcher(make_settings())
    await safe.aclose()
    with pytest.raises(RuntimeError):
        await safe._client.get("http://127.0.0.1:9/")


def unused_port() -> int:
    """A port that was free a moment ago; nothing listens on it afterwards."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
