"""Neo4j adapter (production): the official async driver, `execute_query` with READ routing
for reads, managed transactions for units of work."""

from __future__ import annotations

import re
import time
from typing import Any, LiteralString, cast

import neo4j
from neo4j import AsyncGraphDatabase, RoutingControl
from neo4j import exceptions as neo4j_errors

from explainer.core.errors import BadQuery, ConstraintViolation, GraphError, GraphUnavailable, Overloaded
from explainer.core.metrics import GRAPH_QUERY_LATENCY
from graph.catalog import load_script, load_statement
from graph.stores.base import AbstractUnit, GraphStore, Row
from graph.stores.values import plain

BACKEND = "neo4j"
_LUCENE_SPECIAL = re.compile(r'[+\-&|!(){}\[\]^"~*?:\\/]')


OVERLOADED_RETRY_AFTER = 1

# What the server sends back as notifications (the driver logs each one on `neo4j.notifications`):
# warnings only ("index already exists" or a cartesian product are information, dropped), and
# none of the UNRECOGNIZED class: a property, label or relationship type the graph does not hold
# yet is normal here (optional Video properties such as `error` or `llmError`; an empty graph)
# and was logged on every read (01N52). Errors are exceptions, not notifications: they still
# raise; deprecations, unfulfillable hints and the like still log.
NOTIFICATION_FILTERS: dict[str, Any] = {
    "notifications_min_severity": neo4j.NotificationMinimumSeverity.WARNING,
    "notifications_disabled_classifications": [neo4j.NotificationDisabledClassification.UNRECOGNIZED],
}


def _map_error(exc: BaseException) -> GraphError | Overloaded:
    if isinstance(exc, neo4j_errors.ConnectionAcquisitionTimeoutError):  # every pooled connection busy
        return Overloaded("every graph connection is busy; try again shortly", retry_after=OVERLOADED_RETRY_AFTER)
    if isinstance(exc, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError,
                        TimeoutError)):
        return GraphUnavailable(f"Neo4j unavailable: {exc}")
    if isinstance(exc, neo4j_errors.ConstraintError):
        return ConstraintViolation(str(exc))
    if isinstance(exc, neo4j_errors.ClientError) and "TransactionTimedOut" in (exc.code or ""):
        return GraphUnavailable(f"Neo4j query timed out: {exc}")
    return BadQuery(str(exc))


class Neo4jStore(GraphStore):
    backend = BACKEND

    def __init__(self, uri: str, user: str, password: str, database: str, *,
                 connect_timeout: float = 2.0, query_timeout: float = 30.0, max_connections: int = 100,
                 pool_wait: float | None = None) -> None:
        # the driver checks pooled connections before use and retries a transaction on a broken
        # one (stale after a server restart) within max_transaction_retry_time. A caller waits
        # up to `pool_wait` (+ connecting) for a pooled connection, then gets Overloaded.
        wait = query_timeout if pool_wait is None else pool_wait
        self._driver = AsyncGraphDatabase.driver(
            uri, auth=(user, password), connection_timeout=connect_timeout,
            connection_acquisition_timeout=connect_timeout + wait, max_connection_pool_size=max_connections,
            max_transaction_retry_time=connect_timeout, **NOTIFICATION_FILTERS,
        )
        self._database = database
        self._query_timeout = query_timeout
        self._graph_name = database

    def _query(self, name: str) -> neo4j.Query:
        return neo4j.Query(load_statement(name, BACKEND), timeout=self._query_timeout)

    async def _execute(self, name: str, params: dict[str, Any], routing: RoutingControl) -> list[Row]:
        started = time.perf_counter()
        try:
            records, _, _ = await self._driver.execute_query(
                self._query(name), params, routing_=routing, database_=self._database)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as exc:
            raise _map_error(exc) from exc
        finally:
            mode = "read" if routing == RoutingControl.READ else "write"
            GRAPH_QUERY_LATENCY.labels(BACKEND, mode).observe(time.perf_counter() - started)
        return [{k: plain(v) for k, v in record.items()} for record in records]

    async def read(self, name: str, **params: Any) -> list[Row]:
        return await self._execute(name, params, RoutingControl.READ)

    async def write(self, name: str, **params: Any) -> list[Row]:
        return await self._execute(name, params, RoutingControl.WRITE)

    def _unit(self) -> Neo4jUnit:
        return Neo4jUnit(self)

    async def _transaction(self, statements: list[tuple[str, dict[str, Any]]]) -> None:
        async def work(tx: neo4j.AsyncManagedTransaction) -> None:
            for name, params in statements:
                result = await tx.run(load_statement(name, BACKEND), params)
                await result.consume()

        started = time.perf_counter()
        try:
            async with self._driver.session(database=self._database) as session:
                await session.execute_write(work)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as exc:
            raise _map_error(exc) from exc
        finally:
            GRAPH_QUERY_LATENCY.labels(BACKEND, "unit").observe(time.perf_counter() - started)

    @staticmethod
    def fulltext_query(text: str, *, match_all: bool = False) -> str:
        """Words of `text` as a Lucene OR query (AND with `match_all`) with special characters
        removed. The `cjk` analyzer of the indexes splits Hangul into bigrams, so 미소 finds 미소가
        without prefixes."""
        words = [w for w in _LUCENE_SPECIAL.sub(" ", text).split() if w and w.upper() not in {"AND", "OR", "NOT"}]
        return (" AND " if match_all else " OR ").join(words[:16])

    async def ensure_schema(self, embedding_dim: int) -> None:
        for statement in load_script("schema", BACKEND):
            # the dimension is a validated int from settings; Neo4j 5 takes no parameters in DDL
            ddl = cast(LiteralString, statement.replace("$embeddingDim", str(int(embedding_dim))))
            try:
                await self._driver.execute_query(ddl, database_=self._database)
            except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as exc:
                raise _map_error(exc) from exc
        await self.write("await_indexes")

    async def drop_all(self) -> None:
        # the schema stays: it is applied with IF NOT EXISTS, so re-applying it is a no-op
        await self.write("delete_all_nodes")

    async def close(self) -> None:
        await self._driver.close()


class Neo4jUnit(AbstractUnit):
    """One managed write transaction: all statements commit together or not at all."""

    def __init__(self, store: Neo4jStore) -> None:
        super().__init__()
        self._store = store

    async def commit(self) -> None:
        if self.statements:
            await self._store._transaction(self.statements)
