"""The one safe HTTP fetcher for everything the service downloads (subtitle URLs, wiki pages).

Rules, in the order a request meets them:
- http/https only, no credentials in the URL;
- the host is resolved once per hop and every resolved address must be public (not loopback,
  private, link-local, multicast, reserved, unspecified, shared, IPv4-mapped/NAT64/6to4 wrappers
  of those); `allow_private` (settings or constructor) lifts this, `allow_hosts` lifts it for
  exact `host[:port]` entries only (so a redirect from an allowed host to another private
  address is still refused). Cloud metadata addresses stay refused even with `allow_private`;
- the connection goes to the address that was vetted: the request URL carries the vetted IP,
  the `Host` header and TLS SNI/certificate check carry the original name, so a second DNS
  answer (rebinding) is never consulted;
- redirects are followed by hand (at most 5), each hop vetted again;
- one wall-clock budget (`fetch_timeout_seconds`) covers DNS, connect, headers and the whole
  body, so a server dripping one byte a second is cut off; waiting for the per-host rate limit
  is not counted. With a Redis client (`redis=`) that limit is shared by every fetcher on the
  same Redis (all jobs and workers), else it is this fetcher's own;
- the body is refused as soon as it exceeds `max_bytes` (or up front when Content-Length says so);
- HTTP errors raise `ExternalServiceError` with `status` (and `retry_after` for 429/503).
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import ipaddress
import json
import socket
import ssl
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import httpx
import redis.asyncio as aioredis
from charset_normalizer import from_bytes

from explainer.core.errors import ExternalServiceError, FetchRefused
from explainer.core.settings import Settings

DEFAULT_USER_AGENT = (
    "subtitle-explainer/0.1 (Subtitle Context Explainer: explains TV subtitle lines; "
    "polite bot, 1 request/s per host)"
)
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ALLOWED_SCHEMES = frozenset({"http", "https"})

# Addresses refused even when private addresses are allowed: instance metadata services hand
# out cloud credentials, and nothing this product fetches lives there.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]


# --- results -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FetchResult:
    url: str
    final_url: str
    status: int
    headers: httpx.Headers
    content: bytes
    redirects: tuple[str, ...] = ()
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def content_type(self) -> str:
        """Media type without parameters, lower-case (`text/html`), or '' when absent."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def encoding(self) -> str | None:
        """The charset the server declared, if any."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None

    def text(self) -> str:
        """Decode with the declared charset, else UTF-8, else a detected encoding."""
        declared = self.encoding
        if declared:
            try:
                return self.content.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        try:
            return self.content.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        best = from_bytes(self.content).best()
        return str(best) if best is not None else self.content.decode("latin-1")

    def json(self) -> Any:
        return json.loads(self.text())


# --- address policy ----------------------------------------------------------------------------

def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _is_metadata(ip: IPAddress) -> bool:
    inner = _embedded_ipv4(ip) if isinstance(ip, ipaddress.IPv6Address) else None
    return ip in METADATA_ADDRESSES or inner in METADATA_ADDRESSES


def is_public_address(ip: IPAddress) -> bool:
    """True for globally routable unicast addresses only."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None and not is_public_address(inner):
            return False
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified or not ip.is_global
    )


def _host_key(host: str, port: int | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"{shown}:{port}" if port is not None else shown


def _parse_allow_entry(entry: str) -> str:
    """`host:port`, `[::1]:8080` or `host` (any port) → the key `_vetted_address` looks up."""
    parts = urlsplit(f"//{entry.strip()}")
    if not parts.hostname:
        raise ValueError(f"allow_hosts entry {entry!r} has no host")
    bracketed = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    host = httpx.URL(f"http://{bracketed}/").raw_host.decode("ascii")
    return _host_key(host, parts.port)


@functools.cache
def _default_ssl_context() -> ssl.SSLContext:
    """Built once per process (loading the CA bundle costs ~30 ms), shared by every fetcher."""
    return httpx.create_ssl_context()


async def _system_resolver(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


# --- rate limit --------------------------------------------------------------------------------

# One reservation per request, atomic in Redis: read the host's next free slot (Redis' own clock,
# so every process and machine agrees), take max(now, slot) and move the slot one interval on.
# Returns the wait as a string (a Lua number would be truncated to an integer reply).
_RESERVE_SLOT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local interval = tonumber(ARGV[1])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], string.format('%.6f', slot + interval),
           'PX', math.ceil((slot + interval - now) * 1000) + 1000)
return string.format('%.6f', slot - now)
"""
HOST_SLOT_PREFIX = "fetch:host-slot:"


class HostRateLimiter:
    """Minimum interval between request starts to the same host.

    With a Redis client the slots live in Redis, so every job, worker process and machine that
    shares the Redis shares one interval per host; without one they are this object's own (for
    one event loop). Each caller reserves the next free slot before sleeping, so concurrent
    callers queue up in order without a lock.
    """

    def __init__(self, min_interval_seconds: float, redis: aioredis.Redis | None = None) -> None:
        self.min_interval = max(0.0, min_interval_seconds)
        self._redis = redis
        self._next_slot: dict[str, float] = {}

    async def wait(self, host: str) -> None:
        if self.min_interval <= 0:
            return
        delay = await self._reserve(host)
        if delay > 0:
            await asyncio.sleep(delay)

    async def _reserve(self, host: str) -> float:
        """Seconds until the slot reserved for this request."""
        if self._redis is not None:
            answer = await self._redis.eval(_RESERVE_SLOT, 1, HOST_SLOT_PREFIX + host, f"{self.min_interval:.6f}")
            return float(answer.decode() if isinstance(answer, bytes) else answer)
        now = time.monotonic()
        slot = max(now, self._next_slot.get(host, now))
        self._next_slot[host] = slot + self.min_interval
        return slot - now


# --- the fetcher -------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Redirect:
    location: str
    status: int


def _refused(reason: str, message: str, url: str, **context: Any) -> FetchRefused:
    return FetchRefused(message, reason=reason, url=url, **context)


def parse_retry_after(value: str | None) -> float | None:
    """`Retry-After` as seconds (delta-seconds or an HTTP date), None when absent/invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class SafeFetcher:
    """GET-only fetcher with SSRF, size, time and rate limits. Open inside the job/request that
    uses it (it owns an `httpx.AsyncClient` unless one is injected) and `aclose()` it after.
    Pass the job's Redis client as `redis` so the per-host interval holds across jobs."""

    def __init__(
        self,
        settings: Settings,
        *,
        client: httpx.AsyncClient | None = None,
        allow_private: bool | None = None,
        allow_hosts: Iterable[str] = (),
        user_agent: str = DEFAULT_USER_AGENT,
        min_interval_seconds: float = 1.0,
        timeout_seconds: float | None = None,
        max_bytes: int | None = None,
        resolver: Resolver | None = None,
        redis: aioredis.Redis | None = None,
    ) -> None:
        self.allow_private = settings.fetch_allow_private if allow_private is None else allow_private
        self.allow_hosts = frozenset(_parse_allow_entry(h) for h in allow_hosts)
        self.user_agent = user_agent
        self.timeout_seconds = settings.fetch_timeout_seconds if timeout_seconds is None else timeout_seconds
        self.max_bytes = settings.fetch_max_bytes if max_bytes is None else max_bytes
        self.rate_limiter = HostRateLimiter(min_interval_seconds, redis)
        self._resolver: Resolver = resolver or _system_resolver
        self._owns_client = client is None
        # trust_env=False: an environment proxy would resolve names itself and defeat the checks.
        self._client = client or httpx.AsyncClient(follow_redirects=False, trust_env=False,
                                                   verify=_default_ssl_context())

    async def __aenter__(self) -> SafeFetcher:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def check_destination(self, url: str) -> None:
        """Raises FetchRefused (scheme, credentials, private or metadata address) or
        ExternalServiceError (the name does not resolve) for a URL this fetcher would not reach,
        without connecting: for URLs given now and fetched later (webhook callbacks)."""
        await self._vetted_address(self._checked_url(url, original=url), original=url)

    async def post_json(self, url: str, payload: object, *, max_bytes: int = 64 * 1024) -> FetchResult:
        """POST a JSON document (webhook callbacks) under the same address rules. A redirect is
        not followed: the body would have to be sent again to a place nobody vetted."""
        return await self.fetch(url, max_bytes=max_bytes, method="POST",
                                body=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                                follow_redirects=False)

    async def fetch(self, url: str, *, accept: str | None = None, max_bytes: int | None = None,
                    method: str = "GET", body: bytes | None = None, follow_redirects: bool = True) -> FetchResult:
        limit = self.max_bytes if max_bytes is None else max_bytes
        budget = self.timeout_seconds
        current = self._checked_url(url, original=url)
        redirects: list[str] = []
        for _hop in range(MAX_REDIRECTS + 1):
            await self.rate_limiter.wait(_host_key(current.raw_host.decode("ascii"), current.port))
            started = time.monotonic()
            try:
                async with asyncio.timeout(budget):
                    outcome = await self._hop(current, accept=accept, limit=limit, budget=budget, original=url,
                                              method=method, body=body)
            except (TimeoutError, httpx.TimeoutException) as exc:
                raise _refused("timeout", f"fetch exceeded {self.timeout_seconds:g} s", url,
                               hop_url=str(current)) from exc
            budget -= time.monotonic() - started
            if isinstance(outcome, FetchResult):
                return replace(outcome, redirects=tuple(redirects))
            if not follow_redirects:
                raise ExternalServiceError(f"{method} to {url} was redirected; not followed", reason="http_status",
                                           status=outcome.status, url=url)
            current = self._checked_url(outcome.location, original=url, base=current)
            redirects.append(str(current))
            if budget <= 0:
                raise _refused("timeout", f"fetch exceeded {self.timeout_seconds:g} s", url)
        raise _refused("too_many_redirects", f"more than {MAX_REDIRECTS} redirects", url,
                       redirects=redirects)

    # -- one hop ------------------------------------------------------------------------------

    def _checked_url(self, raw: str, *, original: str, base: httpx.URL | None = None) -> httpx.URL:
        try:
            url = base.join(raw) if base is not None else httpx.URL(raw)
        except (httpx.InvalidURL, ValueError, TypeError) as exc:
            raise _refused("invalid_url", f"invalid URL: {exc}", original, hop_url=raw) from exc
        if url.scheme not in ALLOWED_SCHEMES:
            raise _refused("scheme", f"scheme {url.scheme!r} is not allowed", original, hop_url=raw)
        if not url.raw_host:
            raise _refused("invalid_url", "URL has no host", original, hop_url=raw)
        if url.userinfo:
            raise _refused("userinfo", "credentials in URLs are not allowed", original, hop_url=raw)
        return url

    async def _vetted_address(self, url: httpx.URL, *, original: str) -> str:
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            candidates = [ipaddress.ip_address(host)]
        except ValueError:
            try:
                answers = await self._resolver(host, port)
            except (OSError, UnicodeError) as exc:
                raise ExternalServiceError(f"cannot resolve {host}: {exc}", reason="dns", url=original) from exc
            candidates = []
            for answer in answers:
                # scope ids (fe80::1%eth0) only occur on link-local addresses, refused below anyway
                try:
                    candidates.append(ipaddress.ip_address(answer.split("%", 1)[0]))
                except ValueError:
                    continue
        if not candidates:
            raise ExternalServiceError(f"{host} has no address", reason="dns", url=original)
        listed = _host_key(host, port) in self.allow_hosts or host in self.allow_hosts
        if not listed:
            for ip in candidates:
                if _is_metadata(ip) or (not self.allow_private and not is_public_address(ip)):
                    raise _refused("private_address", f"{host} resolves to non-public address {ip}",
                                   original, hop_url=str(url), address=str(ip))
        # All answers passed; pin to one (IPv4 first: IPv6 routes are often missing in containers).
        pinned = sorted(candidates, key=lambda ip: ip.version)[0]
        return str(pinned)

    async def _hop(
        self, url: httpx.URL, *, accept: str | None, limit: int, budget: float, original: str,
        method: str = "GET", body: bytes | None = None,
    ) -> FetchResult | _Redirect:
        address = await self._vetted_address(url, original=original)
        host = url.raw_host.decode("ascii")
        host_header = _host_key(host, url.port)
        headers = {"Host": host_header, "User-Agent": self.user_agent, "Accept": accept or "*/*"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        request = self._client.build_request(
            method, url.copy_with(host=address), headers=headers, content=body,
            timeout=httpx.Timeout(max(budget, 0.001)),
            extensions={"sni_hostname": host},
        )
        try:
            response = await self._client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException:
            raise
        except httpx.HTTPError as exc:
            raise ExternalServiceError(f"request to {host_header} failed: {exc!r}", reason="network",
                                       url=original) from exc
        try:
            status = response.status_code
            if status in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise ExternalServiceError(f"redirect {status} without Location", reason="http_status",
                                               status=status, url=original)
                return _Redirect(location=location, status=status)
            if status >= 400:
                retry_after = parse_retry_after(response.headers.get("retry-after"))
                raise ExternalServiceError(
                    f"{host_header} answered HTTP {status}", reason="http_status", status=status,
                    retry_after=retry_after, url=original, hop_url=str(url),
                )
            declared = response.headers.get("content-length", "")
            if declared.strip().isdigit() and int(declared) > limit:
                raise _refused("too_large", f"Content-Length {declared} exceeds {limit} bytes", original,
                               limit=limit)
            received = bytearray()
            try:
                async for chunk in response.aiter_bytes():
                    received += chunk
                    if len(received) > limit:
                        raise _refused("too_large", f"body exceeds {limit} bytes", original, limit=limit)
            except httpx.TimeoutException:
                raise
            except httpx.HTTPError as exc:
                raise ExternalServiceError(f"reading from {host_header} failed: {exc!r}", reason="network",
                                           url=original) from exc
            return FetchResult(url=original, final_url=str(url), status=status,
                               headers=response.headers, content=bytes(received))
        finally:
            await response.aclose()
