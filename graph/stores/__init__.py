"""Graph store adapters behind one port; `open_store` picks one from settings."""

from __future__ import annotations

from explainer.core.settings import Settings
from graph.stores.base import GraphStore, Row, WriteUnit


def open_store(settings: Settings, *, query_timeout: float | None = None) -> GraphStore:
    timeout = query_timeout or settings.graph_query_timeout_seconds
    if settings.graph_backend == "neo4j":
        from graph.stores.neo4j import Neo4jStore  # the neo4j driver loads only for that backend

        assert settings.neo4j_uri  # checked by Settings
        return Neo4jStore(settings.neo4j_uri, settings.neo4j_user,
                          settings.neo4j_password.get_secret_value(), settings.neo4j_database,
                          connect_timeout=settings.graph_timeout_seconds, query_timeout=timeout,
                          max_connections=settings.graph_pool_size, pool_wait=settings.graph_pool_wait_seconds)
    from graph.stores.falkor import FalkorStore  # the falkordb client loads only for that backend

    return FalkorStore(settings.effective_redis_url, settings.graph_name,
                       connect_timeout=settings.graph_timeout_seconds, query_timeout=timeout,
                       max_connections=settings.graph_pool_size, pool_wait=settings.graph_pool_wait_seconds)


__all__ = ["GraphStore", "Row", "WriteUnit", "open_store"]
