"""Settings from environment variables (and an optional `.env`).

Nothing is read at import time: call `get_settings()` (cached) or build `Settings()` yourself.
"""

from __future__ import annotations

import ipaddress
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Scope = Literal["ingest", "admin"]
VALID_SCOPES: frozenset[str] = frozenset({"ingest", "admin"})

EMBEDDED_REDIS_PORT = 6390
# Redis connections the API processes of one host share out when API_REDIS_MAX_CONNECTIONS is 0:
# about one per concurrent request at 1,000 connections (Redis allows 10,000 clients by default)
API_REDIS_CONNECTIONS = 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"

    # graph store
    graph_backend: Literal["falkordb", "neo4j"] = "falkordb"
    graph_name: str = "explainer"
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("neo4j")
    neo4j_database: str = "neo4j"
    graph_timeout_seconds: float = Field(default=2.0, gt=0)
    graph_query_timeout_seconds: float = Field(default=30.0, gt=0)
    # connections to the graph store per process (each API worker, each job has its own pool);
    # a request queues up to graph_pool_wait_seconds for one, then gets 503 OVERLOADED
    graph_pool_size: int = Field(default=32, ge=1)
    graph_pool_wait_seconds: float = Field(default=1.0, gt=0)

    # redis (queue, cache, rate limits, progress); None means the embedded server
    redis_url: str | None = None
    data_dir: Path = Path(".data")
    embedded_port: int = EMBEDDED_REDIS_PORT

    # api
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_keys: str = ""
    # API processes behind one socket (`explainer api`, `explainer up`, compose); 0: the CPU
    # count. Each process has its own pools (GRAPH_POOL_SIZE, API_REDIS_MAX_CONNECTIONS).
    api_workers: int = Field(default=0, ge=0, le=64)
    cors_origins: str = "chrome-extension://*,http://localhost:3000"
    # request bodies are refused with 413 beyond these sizes, counted before anything is parsed
    # (the subtitle upload has its own cap, subtitle_max_bytes)
    api_max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    graphql_max_body_bytes: int = Field(default=128 * 1024, ge=1024)
    # WebSocket frames above this are refused by the server before they are buffered
    ws_max_frame_bytes: int = Field(default=16 * 1024, ge=1024)
    # progress sockets (/ws and the GraphQL WebSocket) and subscriptions one client may hold per
    # API process; every subscriber shares one pub/sub connection, outside the request pool
    ws_max_sockets_per_client: int = Field(default=8, ge=1)
    ws_max_subscriptions_per_client: int = Field(default=40, ge=1)
    # a request head (request line and headers) must arrive this soon after the connection opened
    # or its previous response; a request body this soon after its head (slow clients are closed)
    api_header_timeout_seconds: float = Field(default=10.0, gt=0)
    api_body_timeout_seconds: float = Field(default=60.0, gt=0)
    # proxies (IPs or CIDRs) whose X-Forwarded-For names the client; empty: the peer is the client
    trusted_proxies: str = ""
    # the API's Redis pool per process (0: 1,024 shared out over the API processes, at least 64):
    # every request in flight holds a connection for each of its round trips (the rate limit, the
    # cache), and tasks queueing for a scarce one cost more CPU than the connections; a call
    # waits api_redis_pool_timeout_seconds for a free one, then gets 503 OVERLOADED
    api_redis_max_connections: int = Field(default=0, ge=0)
    api_redis_pool_timeout_seconds: float = Field(default=2.0, gt=0)
    # viewers (the extension, no operator key): a client token from POST /api/clients lets them
    # register the episodes they watch and upload the captions their player loaded, within quotas
    # (fixed windows in Redis, 429 + Retry-After past them); "off" refuses tokens and new clients
    viewer_registration: bool = True
    viewer_clients_per_hour: int = Field(default=5, ge=1)  # new client tokens per address
    viewer_videos_per_hour: int = Field(default=10, ge=1)  # videos a client registers that were new
    viewer_upload_bytes_per_day: int = Field(default=20 * 1024 * 1024, ge=1024)  # subtitle bytes a client sends
    # graphql limits: violations are refused at validation, before any graph query
    graphql_max_depth: int = Field(default=10, ge=2, le=50)
    graphql_max_aliases: int = Field(default=30, ge=1)
    graphql_max_fields: int = Field(default=300, ge=10)
    graphql_max_tokens: int = Field(default=3000, ge=100)

    # llm
    llm_provider: Literal["auto", "gemini", "offline"] = "auto"
    gemini_api_key: SecretStr | None = None
    gemini_base_url: str | None = None
    gemini_model: str = "gemini-2.5-flash"
    gemini_explain_model: str = "gemini-2.5-flash"
    gemini_embedding_model: str = "gemini-embedding-001"
    gemini_timeout_seconds: float = Field(default=30.0, gt=0)
    gemini_max_retries: int = Field(default=3, ge=0)
    gemini_concurrency: int = Field(default=4, ge=1)
    gemini_requests_per_minute: int = Field(default=60, ge=1)
    analysis_batch_size: int = Field(default=10, ge=1, le=50)
    embedding_dim: int = Field(default=768, ge=8, le=4096)

    # pipeline
    segment_seconds: float = Field(default=30.0, gt=0)
    subtitle_max_bytes: int = 5 * 1024 * 1024
    # a file of more cues is refused (413) before its cues are cleaned; a cue longer than
    # subtitle_max_cue_chars is cut there at a word (a broken file can run into one cue of megabytes)
    subtitle_max_cues: int = Field(default=20_000, ge=100)
    subtitle_max_cue_chars: int = Field(default=1_000, ge=100)
    job_retries: int = Field(default=3, ge=0)
    job_retry_base_seconds: int = Field(default=5, ge=0)
    job_timeout_seconds: int = 1800
    # a delete waits this long for the video's running job to stop at its next write, then answers
    # 409 VIDEO_PROCESSING (the job still stops; the delete goes through when asked again)
    delete_wait_seconds: float = Field(default=10.0, ge=0)
    # a worker heartbeats at least every worker_ttl - 15 s when idle and every
    # worker_heartbeat_seconds during a job; /health counts it dead once its heartbeat is older
    # than worker_ttl_seconds (or at once when its pid is gone on this host)
    worker_ttl_seconds: int = Field(default=30, ge=20)
    worker_heartbeat_seconds: int = Field(default=10, ge=1)

    # outbound http
    fetch_allow_private: bool = False
    # host[:port] entries allowed even on private/loopback addresses (e.g. an internal subtitle store)
    fetch_allow_hosts: str = ""
    fetch_timeout_seconds: float = 15.0
    # politeness: the least time between two requests to one host
    fetch_min_interval_seconds: float = Field(default=1.0, ge=0)
    fetch_max_bytes: int = 5 * 1024 * 1024
    namuwiki_base_url: str = "https://namu.wiki"
    wikipedia_base_url: str = "https://{lang}.wikipedia.org"
    wiki_ttl_seconds: int = 7 * 24 * 3600
    wiki_refresh_interval_seconds: int = Field(default=3600, ge=10)
    # after an attempt that found nothing, wait this long before trying the wikis again
    wiki_retry_seconds: int = Field(default=3600, ge=0)
    enrich_enabled: bool = True

    # explain
    explain_cache_ttl_seconds: int = 3600
    rate_limit_per_minute: int = Field(default=30, ge=1)
    # cache misses computed at once per API process; beyond, a miss waits up to
    # GRAPH_POOL_WAIT_SECONDS, then gets 503 OVERLOADED (hits are never held back)
    explain_max_concurrent_misses: int = Field(default=16, ge=1)
    spoiler_grace_seconds: float = 5.0

    @field_validator("trusted_proxies")
    @classmethod
    def _check_trusted_proxies(cls, value: str) -> str:
        for entry in (p.strip() for p in value.split(",")):
            if entry:
                ipaddress.ip_network(entry, strict=False)  # a ValueError names the bad entry
        return value

    @field_validator("api_keys")
    @classmethod
    def _check_api_keys(cls, value: str) -> str:
        parse_api_keys(value)
        return value

    @model_validator(mode="after")
    def _check_backend(self) -> Settings:
        if self.graph_backend == "neo4j" and not self.neo4j_uri:
            raise ValueError("GRAPH_BACKEND=neo4j needs NEO4J_URI")
        if self.environment == "production" and self.neo4j_password.get_secret_value() == "neo4j":
            raise ValueError("NEO4J_PASSWORD must be changed from the default in production")
        return self

    @property
    def api_key_scopes(self) -> dict[str, frozenset[str]]:
        return parse_api_keys(self.api_keys)

    @property
    def fetch_allow_host_list(self) -> list[str]:
        return [h.strip() for h in self.fetch_allow_hosts.split(",") if h.strip()]

    @property
    def trusted_proxy_list(self) -> list[str]:
        return [p.strip() for p in self.trusted_proxies.split(",") if p.strip()]

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

    @property
    def effective_api_workers(self) -> int:
        return self.api_workers or max(1, os.cpu_count() or 1)

    @property
    def effective_api_redis_max_connections(self) -> int:
        return self.api_redis_max_connections or max(64, API_REDIS_CONNECTIONS // self.effective_api_workers)

    @property
    def uses_embedded_server(self) -> bool:
        """The embedded server is needed when it serves as the graph store or as the Redis."""
        return self.graph_backend == "falkordb" or self.redis_url is None

    @property
    def effective_redis_url(self) -> str:
        return self.redis_url or f"redis://127.0.0.1:{self.embedded_port}/0"

    @property
    def gemini_enabled(self) -> bool:
        if self.llm_provider == "offline":
            return False
        if self.llm_provider == "gemini":
            return True
        return self.gemini_api_key is not None and bool(self.gemini_api_key.get_secret_value())


def parse_api_keys(raw: str) -> dict[str, frozenset[str]]:
    """`key:scope+scope,key2:scope` → {key: scopes}. Unknown scopes are a configuration error."""
    keys: dict[str, frozenset[str]] = {}
    for item in raw.split(","):
        item = item.strip()
        if not item:
            continue
        key, _, scopes_raw = item.partition(":")
        scopes = frozenset(s.strip() for s in scopes_raw.split("+") if s.strip())
        unknown = scopes - VALID_SCOPES
        if not key or unknown:
            raise ValueError(f"API_KEYS entry {item!r}: expected key:scope+scope with scopes {sorted(VALID_SCOPES)}")
        keys[key] = scopes or frozenset({"ingest"})
    return keys


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
