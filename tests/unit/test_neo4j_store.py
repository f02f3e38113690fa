"""The Neo4j adapter without a server: how it configures the official driver, and what a refused
connection becomes. (With NEO4J_URI set, the store contract suite runs against a real server.)"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest

from explainer.core.errors import GraphUnavailable
from graph.stores.neo4j import Neo4jStore
from tests.conftest import free_port


@pytest.fixture
async def closed_port_store() -> AsyncIterator[Neo4jStore]:
    """A store whose Bolt port nobody listens on (the driver connects lazily: opening is fine)."""
    store = Neo4jStore(f"bolt://127.0.0.1:{free_port()}", "neo4j", "secret", "neo4j", connect_timeout=0.5)
    try:
        yield store
    finally:
        await store.close()


async def test_the_server_sends_warnings_but_not_unrecognized_names(closed_port_store: Neo4jStore) -> None:
    # the filter goes to the server with the connection (Bolt 5.2+), so it is in the pool's config;
    # 01N52 "property key does not exist" (an optional Video property) is a WARNING of the
    # UNRECOGNIZED classification, and was logged on every read
    config = closed_port_store._driver._pool.pool_config
    assert config.notifications_min_severity == "WARNING"
    assert list(config.notifications_disabled_classifications) == ["UNRECOGNIZED"]  # deprecations still log


async def test_a_refused_connection_is_graph_unavailable(closed_port_store: Neo4jStore) -> None:
    started = time.perf_counter()
    with pytest.raises(GraphUnavailable):
        await closed_port_store.read("get_video", id="v")
    with pytest.raises(GraphUnavailable):
        await closed_port_store.ping()
    assert time.perf_counter() - started < 6  # the driver retries within max_transaction_retry_time, then gives up
