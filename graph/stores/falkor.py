"""FalkorDB adapter (the embedded default): Cypher over FalkorDB's own protocol with the
`falkordb` asyncio client. Bolt is deliberately not used (experimental; crashed under load)."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import urlparse

import redis.asyncio as aioredis
import redis.exceptions as redis_errors
from falkordb.asyncio.graph import AsyncGraph
from falkordb.asyncio.query_result import QueryResult
from redis.asyncio import BlockingConnectionPool
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from explainer.core.errors import BadQuery, ConstraintViolation, GraphError, GraphUnavailable, Overloaded
from explainer.core.metrics import GRAPH_QUERY_LATENCY
from graph.catalog import load_script, load_statement
from graph.schema import UNIQUE_ID_LABELS
from graph.stores.base import AbstractUnit, GraphStore, Row
from graph.stores.values import plain

BACKEND = "falkordb"
# RediSearch query syntax characters; user words are searched as plain terms
_FT_SPECIAL = re.compile(r"[^\w\s]", re.UNICODE)


# what redis-py's BlockingConnectionPool raises once no connection freed up within its timeout
_POOL_EXHAUSTED = "No connection available"
OVERLOADED_RETRY_AFTER = 1


def _pool_exhausted(exc: BaseException) -> bool:
    return isinstance(exc, redis_errors.ConnectionError) and _POOL_EXHAUSTED in str(exc)


def _stale(exc: BaseException) -> bool:
    """A broken connection (the store restarted or dropped it): worth one try on a fresh one."""
    return isinstance(exc, (redis_errors.ConnectionError, ConnectionError)) and not _pool_exhausted(exc)


def _map_error(exc: BaseException) -> GraphError | Overloaded:
    if _pool_exhausted(exc):
        return Overloaded("every graph connection is busy; try again shortly", retry_after=OVERLOADED_RETRY_AFTER)
    if isinstance(exc, (redis_errors.ConnectionError, redis_errors.TimeoutError, OSError,
                        redis_errors.BusyLoadingError)):
        return GraphUnavailable(f"FalkorDB unavailable: {exc}")
    text = str(exc)
    if "constraint violation" in text:
        return ConstraintViolation(text)
    if "Query timed out" in text:
        return GraphUnavailable(f"FalkorDB query timed out: {text}")
    return BadQuery(text)


class FalkorStore(GraphStore):
    backend = BACKEND

    def __init__(self, url: str, graph_name: str, *, connect_timeout: float = 2.0,
                 query_timeout: float = 30.0, max_connections: int = 32, pool_wait: float | None = None) -> None:
        parsed = urlparse(url)
        # no hidden reconnect loop: an unreachable store must answer quickly, not after retries;
        # `_run` tries once more on a fresh connection when a pooled one turns out broken.
        # A caller queues up to `pool_wait` seconds for a free connection, then gets Overloaded.
        pool = BlockingConnectionPool(
            host=parsed.hostname or "127.0.0.1", port=parsed.port or 6379,
            password=parsed.password, decode_responses=True,
            socket_connect_timeout=connect_timeout, socket_timeout=query_timeout,
            retry=Retry(NoBackoff(), 0), max_connections=max_connections,
            timeout=connect_timeout if pool_wait is None else pool_wait,
        )
        # AsyncGraph needs only `execute_command`; the FalkorDB() wrapper would probe for a
        # cluster with a blocking INFO in its constructor, which fails when the store is down
        self._db = aioredis.Redis(connection_pool=pool)
        self._pool = pool
        self._graph = AsyncGraph(self._db, graph_name)
        self._graph_name = graph_name
        self._query_timeout_ms = int(query_timeout * 1000)

    async def _run(self, name: str, params: dict[str, Any], *, read_only: bool) -> list[Row]:
        query = load_statement(name, BACKEND)
        started = time.perf_counter()
        try:
            for fresh in (False, True):
                try:
                    if read_only:
                        result = await self._graph.ro_query(query, params, timeout=self._query_timeout_ms)
                    else:
                        result = await self._graph.query(query, params)
                    break
                except (redis_errors.RedisError, OSError) as exc:
                    # a stale pooled connection was dropped by the failure: one more try reconnects
                    # (writes too: statements are idempotent MERGEs, see FalkorUnit)
                    if fresh or not _stale(exc):
                        raise _map_error(exc) from exc
        finally:
            GRAPH_QUERY_LATENCY.labels(BACKEND, "read" if read_only else "write").observe(
                time.perf_counter() - started)
        return _rows(result)

    async def read(self, name: str, **params: Any) -> list[Row]:
        return await self._run(name, params, read_only=True)

    async def write(self, name: str, **params: Any) -> list[Row]:
        return await self._run(name, params, read_only=False)

    def _unit(self) -> FalkorUnit:
        return FalkorUnit(self)

    @staticmethod
    def fulltext_query(text: str, *, match_all: bool = False) -> str:
        """Words of `text` as a RediSearch OR query (AND with `match_all`); longer words also match
        as prefixes, which lets 미소 find 미소가 (Korean attaches particles to the word)."""
        words = [w for w in _FT_SPECIAL.sub(" ", text).split() if w]
        terms = [f"{w}*" if len(w) >= 2 else w for w in words[:16]]
        return (" " if match_all else "|").join(terms)

    async def ensure_schema(self, embedding_dim: int) -> None:
        for statement in load_script("schema", BACKEND):
            try:
                await self._graph.query(statement.replace("$embeddingDim", str(int(embedding_dim))))
            except redis_errors.ResponseError as exc:
                if "already indexed" not in str(exc):  # FalkorDB has no IF NOT EXISTS
                    raise _map_error(exc) from exc
            except (redis_errors.RedisError, OSError) as exc:
                raise _map_error(exc) from exc
        for label in UNIQUE_ID_LABELS:
            try:
                await self._db.execute_command("GRAPH.CONSTRAINT", "CREATE", self._graph_name, "UNIQUE",
                                               "NODE", label, "PROPERTIES", 1, "id")
            except redis_errors.ResponseError as exc:
                if "already exists" not in str(exc):
                    raise _map_error(exc) from exc
            except (redis_errors.RedisError, OSError) as exc:
                raise _map_error(exc) from exc

    async def drop_all(self) -> None:
        try:
            keys = await self._db.execute_command("GRAPH.LIST")
            if self._graph_name in keys:
                await self._graph.delete()
        except (redis_errors.RedisError, OSError) as exc:
            raise _map_error(exc) from exc

    async def close(self) -> None:
        await self._pool.aclose()

    # used by FalkorUnit
    async def _transaction(self, statements: list[tuple[str, dict[str, Any]]]) -> None:
        started = time.perf_counter()
        try:
            for fresh in (False, True):
                # not MULTI/EXEC: redis replays an AOF's MULTI/EXEC with FalkorDB yielding inside
                # it, and a client command arriving then aborts the load (server.c '!in_exec')
                pipe = self._db.pipeline(transaction=False)
                for name, params in statements:
                    query = self._graph._build_params_header(params) + load_statement(name, BACKEND)
                    pipe.execute_command("GRAPH.QUERY", self._graph_name, query, "--compact")
                try:
                    responses = await pipe.execute(raise_on_error=False)
                    break
                except (redis_errors.RedisError, OSError) as exc:
                    if fresh or not _stale(exc):  # as in `_run`: once more on a fresh connection
                        raise _map_error(exc) from exc
        finally:
            GRAPH_QUERY_LATENCY.labels(BACKEND, "unit").observe(time.perf_counter() - started)
        for response in responses:
            if isinstance(response, Exception):
                raise _map_error(response) from response


class FalkorUnit(AbstractUnit):
    """The statements go in one pipeline: one round trip, run in order. Not MULTI/EXEC — a
    replayed MULTI/EXEC of graph writes can abort the server while it loads its append-only file
    (see explainer.core.runtime) — so on FalkorDB a unit is not atomic: a failure part-way leaves
    the statements before it applied. Every statement is an idempotent MERGE or a delete of what
    the unit rewrites, and the job that sent it retries, so the graph converges."""

    def __init__(self, store: FalkorStore) -> None:
        super().__init__()
        self._store = store

    async def commit(self) -> None:
        if self.statements:
            await self._store._transaction(self.statements)


def _rows(result: QueryResult) -> list[Row]:
    header = [h[1] if isinstance(h, (list, tuple)) else h for h in result.header]
    return [{key: plain(value) for key, value in zip(header, record, strict=True)}
            for record in result.result_set]
